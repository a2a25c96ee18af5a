import SimpegAPI

extension Simpeg_V1_Competition {
  /// The answer for a stored competition: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_CompetitionRecord) {
    self.init()
    id = record.id
    year = record.year
    name = record.name
    description_p = record.description_p
    state = record.state
    categories = record.categories
    criteria = record.criteria
    scoreMin = record.scoreMin
    scoreMax = record.scoreMax
    judges = record.judges
    if record.hasCreatedAt { createdAt = record.createdAt }
    if record.hasJudgingStartedAt { judgingStartedAt = record.judgingStartedAt }
    if record.hasPublishedAt { publishedAt = record.publishedAt }
  }
}
