import SimpegAPI

extension Simpeg_V1_Evaluation {
  /// The answer for a stored evaluation: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_EvaluationRecord) {
    self.init()
    id = record.id
    employeeID = record.employeeID
    skpID = record.skpID
    if record.hasPeriod { period = record.period }
    unitID = record.unitID
    organisationUnitID = record.organisationUnitID
    hasilKerja = record.hasilKerja
    hasilKerjaNote = record.hasilKerjaNote
    perilaku = record.perilaku
    behaviour = record.behaviour
    predikat = record.predikat
    status = record.status
    ratedBy = record.ratedBy
    ratedByEmployeeID = record.ratedByEmployeeID
    if record.hasRatedAt { ratedAt = record.ratedAt }
    finalisedBy = record.finalisedBy
    if record.hasFinalisedAt { finalisedAt = record.finalisedAt }
    finalisedUnderOverride = record.finalisedUnderOverride
    if record.hasAcknowledgedAt { acknowledgedAt = record.acknowledgedAt }
    acknowledgementNote = record.acknowledgementNote
    level = record.level
    months = record.months
    angkaKreditUnits = record.angkaKreditUnits
    angkaKredit = record.angkaKredit
    keberatanID = record.keberatanID
    changedOnKeberatan = record.changedOnKeberatan
    parts = record.parts
    if record.hasBasis { basis = record.basis }
  }
}

extension Simpeg_Internal_V1_EvaluationRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_Evaluation) {
    self.init()
    id = message.id
    employeeID = message.employeeID
    skpID = message.skpID
    if message.hasPeriod { period = message.period }
    unitID = message.unitID
    organisationUnitID = message.organisationUnitID
    hasilKerja = message.hasilKerja
    hasilKerjaNote = message.hasilKerjaNote
    perilaku = message.perilaku
    behaviour = message.behaviour
    predikat = message.predikat
    status = message.status
    ratedBy = message.ratedBy
    ratedByEmployeeID = message.ratedByEmployeeID
    if message.hasRatedAt { ratedAt = message.ratedAt }
    finalisedBy = message.finalisedBy
    if message.hasFinalisedAt { finalisedAt = message.finalisedAt }
    finalisedUnderOverride = message.finalisedUnderOverride
    if message.hasAcknowledgedAt { acknowledgedAt = message.acknowledgedAt }
    acknowledgementNote = message.acknowledgementNote
    level = message.level
    months = message.months
    angkaKreditUnits = message.angkaKreditUnits
    angkaKredit = message.angkaKredit
    keberatanID = message.keberatanID
    changedOnKeberatan = message.changedOnKeberatan
    parts = message.parts
    if message.hasBasis { basis = message.basis }
  }
}
