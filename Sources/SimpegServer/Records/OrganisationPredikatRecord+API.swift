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
