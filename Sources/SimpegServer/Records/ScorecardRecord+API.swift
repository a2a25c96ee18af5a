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
