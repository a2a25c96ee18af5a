import Testing

@testable import SimpegKinerja

@Suite("Innovation competition")
struct CompetitionJudgingTests {
  let judging = try! CompetitionJudging(criteria: [
    JudgingCriterion(id: "kebaruan", name: "Kebaruan", weight: 30),
    JudgingCriterion(id: "efektivitas", name: "Efektivitas", weight: 40),
    JudgingCriterion(id: "keberlanjutan", name: "Keberlanjutan", weight: 30),
  ])

  private func entry(_ id: String, unit: String, day: Int) -> CompetitionEntry<String> {
    CompetitionEntry(
      id: id, units: [unit],
      submittedAt: LocalDateTime(date: CalendarDate(year: 2025, month: 8, day: day)!, hour: 9, minute: 0)!)
  }

  private func card(
    _ judge: String, _ entry: String, _ kebaruan: Int, _ efektivitas: Int, _ keberlanjutan: Int
  )
    -> Scorecard<String>
  {
    Scorecard(
      judge: judge, entry: entry,
      scores: ["kebaruan": kebaruan, "efektivitas": efektivitas, "keberlanjutan": keberlanjutan])
  }

  private let judges = [
    CompetitionJudge(id: "j1", unit: "bkpsdm"), CompetitionJudge(id: "j2", unit: nil),
  ]

  @Test func weightsMustAddUpTo100() {
    #expect(throws: CompetitionError<String>.weightsDoNotSumTo100(sum: 90)) {
      try CompetitionJudging(criteria: [
        JudgingCriterion(id: "a", name: "A", weight: 50), JudgingCriterion(id: "b", name: "B", weight: 40),
      ])
    }
  }

  @Test func zeroWeightIsRejected() {
    #expect(throws: CompetitionError<String>.nonPositiveWeight(criterion: "b")) {
      try CompetitionJudging(criteria: [
        JudgingCriterion(id: "a", name: "A", weight: 100), JudgingCriterion(id: "b", name: "B", weight: 0),
      ])
    }
  }

  @Test func duplicateCriterionIsRejected() {
    #expect(throws: CompetitionError<String>.duplicateCriterion("a")) {
      try CompetitionJudging(criteria: [
        JudgingCriterion(id: "a", name: "A", weight: 50), JudgingCriterion(id: "a", name: "A", weight: 50),
      ])
    }
  }

  @Test func competitionWithoutCriteriaIsRejected() {
    #expect(throws: CompetitionError<String>.noCriteria) { try CompetitionJudging<String>(criteria: []) }
  }

  @Test func scoreOutsideTheRangeIsRejected() {
    #expect(
      throws: CompetitionError<String>.scoreOutOfRange(criterion: "efektivitas", score: 101, range: 1...100)
    ) {
      try judging.validate(
        card("j2", "e1", 80, 101, 70), judge: judges[1], entry: entry("e1", unit: "disdukcapil", day: 1))
    }
  }

  @Test func missingCriterionScoreIsRejected() {
    let partial = Scorecard(judge: "j2", entry: "e1", scores: ["kebaruan": 80, "efektivitas": 70])
    #expect(throws: CompetitionError<String>.missingScore(criterion: "keberlanjutan")) {
      try judging.validate(partial, judge: judges[1], entry: entry("e1", unit: "disdukcapil", day: 1))
    }
  }

  @Test func scoreForAnUnknownCriterionIsRejected() {
    var extra = card("j2", "e1", 80, 70, 60)
    extra.scores["estetika"] = 50
    #expect(throws: CompetitionError<String>.unknownCriterion("estetika")) {
      try judging.validate(extra, judge: judges[1], entry: entry("e1", unit: "disdukcapil", day: 1))
    }
  }

  @Test func judgeCannotScoreAnEntryFromTheirOwnUnit() {
    #expect(throws: CompetitionError<String>.judgeFromEntrantUnit(judge: "j1", entry: "e1", unit: "bkpsdm")) {
      try judging.validate(
        card("j1", "e1", 80, 80, 80), judge: judges[0], entry: entry("e1", unit: "bkpsdm", day: 1))
    }
  }

  @Test func judgeCannotScoreATeamEntryThatIncludesTheirUnit() {
    let team = CompetitionEntry(
      id: "e9", units: ["dinkes", "bkpsdm"],
      submittedAt: LocalDateTime(date: CalendarDate(year: 2025, month: 8, day: 1)!, hour: 9, minute: 0)!)
    #expect(throws: CompetitionError<String>.self) {
      try judging.validate(card("j1", "e9", 80, 80, 80), judge: judges[0], entry: team)
    }
  }

  @Test func rankingIsByWeightedMeanOverJudges() throws {
    let entries = [entry("e1", unit: "dinkes", day: 1), entry("e2", unit: "disdukcapil", day: 2)]
    let ranking = try judging.rank(
      entries: entries, judges: judges,
      scorecards: [
        card("j1", "e1", 70, 80, 90), card("j2", "e1", 80, 80, 80),  // 80.00 and 80.00
        card("j1", "e2", 90, 90, 60), card("j2", "e2", 90, 90, 90),  // 81.00 and 90.00 -> 85.50
      ])
    #expect(ranking.ranked.map(\.entry) == ["e2", "e1"])
    #expect(ranking.ranked.map(\.score) == ["85.50", "80.00"])
    #expect(ranking.ranked.map(\.rank) == [1, 2])
    #expect(ranking.ranked.allSatisfy { $0.tieBrokenBy == nil })
  }

  @Test func equalScoresShareARankAndTheHeaviestCriterionBreaksTheTie() throws {
    // Both score 80; e2 is higher on efektivitas (weight 40).
    let ranking = try judging.rank(
      entries: [entry("e1", unit: "dinkes", day: 1), entry("e2", unit: "dishub", day: 2)], judges: judges,
      scorecards: [card("j2", "e1", 90, 70, 85), card("j2", "e2", 70, 85, 85)])
    #expect(ranking.ranked.map(\.entry) == ["e2", "e1"])
    #expect(ranking.ranked.map(\.rank) == [1, 1])
    #expect(ranking.ranked.map(\.position) == [1, 2])
    #expect(ranking.ranked[1].tieBrokenBy == .criterion("efektivitas"))
  }

  @Test func equalWeightsBreakTiesInTheOrderTheCriteriaWereGiven() throws {
    // Equal on efektivitas; kebaruan (given before keberlanjutan, both 30) decides.
    let ranking = try judging.rank(
      entries: [entry("e1", unit: "dinkes", day: 1), entry("e2", unit: "dishub", day: 2)], judges: judges,
      scorecards: [card("j2", "e1", 70, 80, 90), card("j2", "e2", 90, 80, 70)])
    #expect(ranking.ranked.map(\.entry) == ["e2", "e1"])
    #expect(ranking.ranked[1].tieBrokenBy == .criterion("kebaruan"))
  }

  @Test func identicalScoresAreOrderedByEarlierSubmission() throws {
    let ranking = try judging.rank(
      entries: [entry("e1", unit: "dinkes", day: 5), entry("e2", unit: "dishub", day: 3)], judges: judges,
      scorecards: [card("j2", "e1", 80, 80, 80), card("j2", "e2", 80, 80, 80)])
    #expect(ranking.ranked.map(\.entry) == ["e2", "e1"])
    #expect(ranking.ranked[1].tieBrokenBy == .earlierSubmission)
  }

  @Test func identicalScoresAndSubmissionTimesAreOrderedById() throws {
    let ranking = try judging.rank(
      entries: [entry("e2", unit: "dinkes", day: 3), entry("e1", unit: "dishub", day: 3)], judges: judges,
      scorecards: [card("j2", "e1", 80, 80, 80), card("j2", "e2", 80, 80, 80)])
    #expect(ranking.ranked.map(\.entry) == ["e1", "e2"])
    #expect(ranking.ranked[1].tieBrokenBy == .entryID)
  }

  @Test func competitionRanksSkipAfterATie() throws {
    let ranking = try judging.rank(
      entries: [
        entry("a", unit: "u1", day: 1), entry("b", unit: "u2", day: 2), entry("c", unit: "u3", day: 3),
        entry("d", unit: "u4", day: 4),
      ],
      judges: judges,
      scorecards: [
        card("j2", "a", 90, 90, 90), card("j2", "b", 80, 80, 80), card("j2", "c", 80, 80, 80),
        card("j2", "d", 70, 70, 70),
      ])
    #expect(ranking.ranked.map(\.rank) == [1, 2, 2, 4])
    #expect(ranking.ranked.map(\.position) == [1, 2, 3, 4])
  }

  @Test func scoresAreComparedExactlyNotAfterRounding() throws {
    // Weights 33/33/34: e1 scores 33.31 by one judge; e2 scores 33.30 and 33.31, mean 33.305,
    // which also shows as 33.31 but is lower, so the two do not share a rank.
    let judging = try CompetitionJudging(
      criteria: [
        JudgingCriterion(id: "a", name: "A", weight: 33), JudgingCriterion(id: "b", name: "B", weight: 33),
        JudgingCriterion(id: "c", name: "C", weight: 34),
      ], scoreRange: 0...100)
    func card(_ judge: String, _ entry: String, _ a: Int, _ b: Int, _ c: Int) -> Scorecard<String> {
      Scorecard(judge: judge, entry: entry, scores: ["a": a, "b": b, "c": c])
    }
    let ranking = try judging.rank(
      entries: [entry("e1", unit: "u1", day: 2), entry("e2", unit: "u2", day: 1)],
      judges: judges + [CompetitionJudge(id: "j3", unit: nil)],
      scorecards: [card("j2", "e1", 30, 39, 31), card("j2", "e2", 31, 39, 30), card("j3", "e2", 30, 39, 31)])
    #expect(ranking.ranked.map(\.entry) == ["e1", "e2"])
    #expect(ranking.ranked.map(\.score) == ["33.31", "33.31"])
    #expect(ranking.ranked.map(\.rank) == [1, 2])
  }

  @Test func unscoredEntriesAreListedApart() throws {
    let ranking = try judging.rank(
      entries: [entry("e1", unit: "u1", day: 1), entry("e2", unit: "u2", day: 2)], judges: judges,
      scorecards: [card("j2", "e1", 80, 80, 80)])
    #expect(ranking.ranked.map(\.entry) == ["e1"])
    #expect(ranking.unscored == ["e2"])
  }

  @Test func secondScorecardOfTheSameJudgeForAnEntryIsRejected() {
    #expect(throws: CompetitionError<String>.duplicateScorecard(judge: "j2", entry: "e1")) {
      try judging.rank(
        entries: [entry("e1", unit: "u1", day: 1)], judges: judges,
        scorecards: [card("j2", "e1", 80, 80, 80), card("j2", "e1", 90, 90, 90)])
    }
  }

  @Test func scorecardOfAnUnknownJudgeIsRejected() {
    #expect(throws: CompetitionError<String>.unknownJudge("jx")) {
      try judging.rank(
        entries: [entry("e1", unit: "u1", day: 1)], judges: judges, scorecards: [card("jx", "e1", 80, 80, 80)]
      )
    }
  }

  @Test func rankingRefusesAScorecardFromTheEntrantsUnit() {
    #expect(throws: CompetitionError<String>.judgeFromEntrantUnit(judge: "j1", entry: "e1", unit: "bkpsdm")) {
      try judging.rank(
        entries: [entry("e1", unit: "bkpsdm", day: 1)], judges: judges,
        scorecards: [card("j1", "e1", 80, 80, 80)])
    }
  }
}
