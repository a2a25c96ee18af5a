import SimpegAPI

extension Simpeg_V1_OrganisationPredikat {
  /// The answer for a stored organisation predikat: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_OrganisationPredikatRecord) {
    self.init()
    unitID = record.unitID
    if record.hasPeriod { period = record.period }
    predikat = record.predikat
    note = record.note
    setBy = record.setBy
    if record.hasSetAt { setAt = record.setAt }
    finalised = record.finalised
    finalisedBy = record.finalisedBy
    if record.hasFinalisedAt { finalisedAt = record.finalisedAt }
    overrideReason = record.overrideReason
    overrideCheck = record.overrideCheck
  }
}

extension Simpeg_Internal_V1_OrganisationPredikatRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_OrganisationPredikat) {
    self.init()
    unitID = message.unitID
    if message.hasPeriod { period = message.period }
    predikat = message.predikat
    note = message.note
    setBy = message.setBy
    if message.hasSetAt { setAt = message.setAt }
    finalised = message.finalised
    finalisedBy = message.finalisedBy
    if message.hasFinalisedAt { finalisedAt = message.finalisedAt }
    overrideReason = message.overrideReason
    overrideCheck = message.overrideCheck
  }
}
