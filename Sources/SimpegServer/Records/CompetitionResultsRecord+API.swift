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
