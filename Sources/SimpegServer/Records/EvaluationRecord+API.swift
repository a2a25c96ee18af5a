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
