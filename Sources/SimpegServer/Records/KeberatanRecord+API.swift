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

extension Simpeg_Internal_V1_KeberatanRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_Keberatan) {
    self.init()
    id = message.id
    evaluationID = message.evaluationID
    employeeID = message.employeeID
    if message.hasPeriod { period = message.period }
    status = message.status
    reasons = message.reasons
    evidence = message.evidence
    if message.hasFiledAt { filedAt = message.filedAt }
    if message.hasDeadline { deadline = message.deadline }
    if message.hasPpk { ppk = message.ppk }
    if message.hasAtasan { atasan = message.atasan }
    ppkExplanation = message.ppkExplanation
    employeeExplanation = message.employeeExplanation
    if message.hasHeardAt { heardAt = message.heardAt }
    heardBy = message.heardBy
    decisionReason = message.decisionReason
    decidedBy = message.decidedBy
    decidedByEmployeeID = message.decidedByEmployeeID
    if message.hasDecidedAt { decidedAt = message.decidedAt }
    if message.hasOriginal { original = Simpeg_Internal_V1_EvaluationRecord(message.original) }
    decidedHasilKerja = message.decidedHasilKerja
    decidedPerilaku = message.decidedPerilaku
    decidedPredikat = message.decidedPredikat
  }
}
