import SimpegAPI

extension Simpeg_V1_Scorecard {
  /// The answer for a stored scorecard: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_ScorecardRecord) {
    self.init()
    competitionID = record.competitionID
    innovationID = record.innovationID
    judgeID = record.judgeID
    scores = record.scores
    if record.hasScoredAt { scoredAt = record.scoredAt }
  }
}

extension Simpeg_Internal_V1_ScorecardRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_Scorecard) {
    self.init()
    competitionID = message.competitionID
    innovationID = message.innovationID
    judgeID = message.judgeID
    scores = message.scores
    if message.hasScoredAt { scoredAt = message.scoredAt }
  }
}
