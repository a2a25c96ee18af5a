import SimpegAPI

extension Simpeg_V1_Keberatan {
  /// The answer for a stored keberatan: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_KeberatanRecord) {
    self.init()
    id = record.id
    evaluationID = record.evaluationID
    employeeID = record.employeeID
    if record.hasPeriod { period = record.period }
    status = record.status
    reasons = record.reasons
    evidence = record.evidence
    if record.hasFiledAt { filedAt = record.filedAt }
    if record.hasDeadline { deadline = record.deadline }
    if record.hasPpk { ppk = record.ppk }
    if record.hasAtasan { atasan = record.atasan }
    ppkExplanation = record.ppkExplanation
    employeeExplanation = record.employeeExplanation
    if record.hasHeardAt { heardAt = record.heardAt }
    heardBy = record.heardBy
    decisionReason = record.decisionReason
    decidedBy = record.decidedBy
    decidedByEmployeeID = record.decidedByEmployeeID
    if record.hasDecidedAt { decidedAt = record.decidedAt }
    if record.hasOriginal { original = Simpeg_V1_Evaluation(record.original) }
    decidedHasilKerja = record.decidedHasilKerja
    decidedPerilaku = record.decidedPerilaku
    decidedPredikat = record.decidedPredikat
  }
}
