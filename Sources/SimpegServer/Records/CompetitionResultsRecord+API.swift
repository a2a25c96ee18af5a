import SimpegAPI

extension Simpeg_V1_CompetitionResults {
  /// The answer for a stored competition results: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_CompetitionResultsRecord) {
    self.init()
    competitionID = record.competitionID
    published = record.published
    if record.hasPublishedAt { publishedAt = record.publishedAt }
    categories = record.categories
  }
}

extension Simpeg_Internal_V1_CompetitionResultsRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_CompetitionResults) {
    self.init()
    competitionID = message.competitionID
    published = message.published
    if message.hasPublishedAt { publishedAt = message.publishedAt }
    categories = message.categories
  }
}
