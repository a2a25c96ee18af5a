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
