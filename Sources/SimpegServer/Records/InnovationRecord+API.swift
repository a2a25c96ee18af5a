import SimpegAPI

extension Simpeg_V1_Innovation {
  /// The answer for a stored innovation: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_InnovationRecord) {
    self.init()
    id = record.id
    competitionID = record.competitionID
    categoryID = record.categoryID
    title = record.title
    description_p = record.description_p
    evidence = record.evidence
    authorEmployeeIds = record.authorEmployeeIds
    unitIds = record.unitIds
    if record.hasSubmittedAt { submittedAt = record.submittedAt }
    submittedBy = record.submittedBy
  }
}

extension Simpeg_Internal_V1_InnovationRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_Innovation) {
    self.init()
    id = message.id
    competitionID = message.competitionID
    categoryID = message.categoryID
    title = message.title
    description_p = message.description_p
    evidence = message.evidence
    authorEmployeeIds = message.authorEmployeeIds
    unitIds = message.unitIds
    if message.hasSubmittedAt { submittedAt = message.submittedAt }
    submittedBy = message.submittedBy
  }
}
