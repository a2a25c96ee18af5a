/// The judging of an innovation competition: the criteria and score range, the checks on each
/// scorecard, and the ranking.
///
/// Ranking: an entry's score is the mean over the judges who scored it of the weighted sum
/// (sum of weight x score / 100), compared exactly. Entries with equal scores share a rank
/// (competition ranking: 1, 2, 2, 4) and are then ordered, for a strict position, by:
/// 1. the higher mean score on the heaviest criterion, then the next heaviest, and so on (criteria
///    of equal weight in the order given);
/// 2. the earlier submission;
/// 3. the smaller entry id.
public struct CompetitionJudging<ID: Hashable & Comparable & Sendable>: Sendable {
  /// The criteria in the order given.
  public let criteria: [JudgingCriterion<ID>]
  /// The allowed scores per criterion.
  public let scoreRange: ClosedRange<Int>

  /// Checks the set-up: weights positive and adding up to 100, ids unique, range not negative.
  public init(criteria: [JudgingCriterion<ID>], scoreRange: ClosedRange<Int> = 1...100)
    throws(CompetitionError<ID>)
  {
    guard !criteria.isEmpty else { throw .noCriteria }
    var seen: Set<ID> = []
    for criterion in criteria {
      guard seen.insert(criterion.id).inserted else { throw .duplicateCriterion(criterion.id) }
      guard criterion.weight > 0 else { throw .nonPositiveWeight(criterion: criterion.id) }
    }
    let sum = criteria.reduce(0) { $0 + $1.weight }
    guard sum == 100 else { throw .weightsDoNotSumTo100(sum: sum) }
    guard scoreRange.lowerBound >= 0 else { throw .invalidScoreRange }
    self.criteria = criteria
    self.scoreRange = scoreRange
  }

  /// Checks one scorecard: every criterion scored once within range, and the judge not from a
  /// unit of the entry.
  public func validate(
    _ scorecard: Scorecard<ID>, judge: CompetitionJudge<ID>, entry: CompetitionEntry<ID>
  ) throws(CompetitionError<ID>) {
    if let unit = judge.unit, entry.units.contains(unit) {
      throw .judgeFromEntrantUnit(judge: judge.id, entry: entry.id, unit: unit)
    }
    for criterion in criteria {
      guard let score = scorecard.scores[criterion.id] else { throw .missingScore(criterion: criterion.id) }
      guard scoreRange.contains(score) else {
        throw .scoreOutOfRange(criterion: criterion.id, score: score, range: scoreRange)
      }
    }
    let known = Set(criteria.map(\.id))
    if let unknown = scorecard.scores.keys.filter({ !known.contains($0) }).min() {
      throw .unknownCriterion(unknown)
    }
  }

  /// Validates every scorecard and ranks the entries that have at least one.
  public func rank(
    entries: [CompetitionEntry<ID>], judges: [CompetitionJudge<ID>], scorecards: [Scorecard<ID>]
  ) throws(CompetitionError<ID>) -> CompetitionRanking<ID> {
    var entryByID: [ID: CompetitionEntry<ID>] = [:]
    for entry in entries {
      guard entryByID.updateValue(entry, forKey: entry.id) == nil else { throw .duplicateEntry(entry.id) }
    }
    let judgeByID = Dictionary(judges.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var cards: [ID: [Scorecard<ID>]] = [:]
    var pairs: Set<[ID]> = []
    for card in scorecards {
      guard let judge = judgeByID[card.judge] else { throw .unknownJudge(card.judge) }
      guard let entry = entryByID[card.entry] else { throw .unknownEntry(card.entry) }
      guard pairs.insert([card.judge, card.entry]).inserted else {
        throw .duplicateScorecard(judge: card.judge, entry: card.entry)
      }
      try validate(card, judge: judge, entry: entry)
      cards[card.entry, default: []].append(card)
    }
    let tieOrder = criteria.enumerated().sorted {
      ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset)
    }.map(\.element.id)

    var scored: [ScoredEntry] = []
    for entry in entries {
      guard let entryCards = cards[entry.id] else { continue }
      let judgeCount = entryCards.count
      var criterionMeans: [ID: Fraction] = [:]
      var total = Fraction.zero
      for criterion in criteria {
        let sum = entryCards.reduce(0) { $0 + $1.scores[criterion.id]! }
        criterionMeans[criterion.id] = Fraction(sum, judgeCount)
        total = total + Fraction(sum * criterion.weight, 100 * judgeCount)
      }
      scored.append(
        ScoredEntry(
          entry: entry, total: total, tieKeys: tieOrder.map { criterionMeans[$0]! }, judgeCount: judgeCount))
    }
    scored.sort { lhs, rhs in Self.tieBreak(lhs, rhs, criteria: tieOrder).map { $0.firstWins } ?? false }

    var ranked: [RankedEntry<ID>] = []
    for (index, item) in scored.enumerated() {
      var rank = index + 1
      var brokenBy: TieBreak<ID>?
      if index > 0, scored[index - 1].total == item.total {
        rank = ranked[index - 1].rank
        brokenBy = Self.tieBreak(scored[index - 1], item, criteria: tieOrder)?.rule
      }
      ranked.append(
        RankedEntry(
          entry: item.entry.id, rank: rank, position: index + 1,
          scoreHundredths: item.total.rounded(scale: 100), judgeCount: item.judgeCount, tieBrokenBy: brokenBy)
      )
    }
    let unscored = entries.map(\.id).filter { cards[$0] == nil }.sorted()
    return CompetitionRanking(ranked: ranked, unscored: unscored)
  }

  private struct ScoredEntry {
    let entry: CompetitionEntry<ID>
    let total: Fraction
    let tieKeys: [Fraction]
    let judgeCount: Int
  }

  /// Which of two entries comes first and by which rule; nil only for the same entry.
  private static func tieBreak(
    _ lhs: ScoredEntry, _ rhs: ScoredEntry, criteria: [ID]
  ) -> (firstWins: Bool, rule: TieBreak<ID>)? {
    if lhs.total != rhs.total { return (rhs.total < lhs.total, .score) }
    for (index, criterion) in criteria.enumerated() where lhs.tieKeys[index] != rhs.tieKeys[index] {
      return (rhs.tieKeys[index] < lhs.tieKeys[index], .criterion(criterion))
    }
    if lhs.entry.submittedAt != rhs.entry.submittedAt {
      return (lhs.entry.submittedAt < rhs.entry.submittedAt, .earlierSubmission)
    }
    if lhs.entry.id != rhs.entry.id { return (lhs.entry.id < rhs.entry.id, .entryID) }
    return nil
  }
}

/// The ranking of a competition.
public struct CompetitionRanking<ID: Hashable & Comparable & Sendable>: Sendable, Hashable {
  /// The scored entries, best first.
  public let ranked: [RankedEntry<ID>]
  /// Entries nobody has scored yet, by id.
  public let unscored: [ID]

  /// Creates a ranking.
  public init(ranked: [RankedEntry<ID>], unscored: [ID]) {
    self.ranked = ranked
    self.unscored = unscored
  }
}

/// One entry's place in the ranking.
public struct RankedEntry<ID: Hashable & Comparable & Sendable>: Sendable, Hashable {
  /// The entry.
  public let entry: ID
  /// The rank by score alone; entries with equal scores share it (1, 2, 2, 4).
  public let rank: Int
  /// The strict place after the tie rules, 1 to the number of ranked entries.
  public let position: Int
  /// The score (mean weighted sum over the judges) rounded half up to hundredths.
  public let scoreHundredths: Int
  /// How many judges scored the entry.
  public let judgeCount: Int
  /// The rule that put this entry after the previous one with an equal score; nil when its score
  /// is lower than the previous one's (or it is first).
  public let tieBrokenBy: TieBreak<ID>?

  /// Creates a ranked entry.
  public init(
    entry: ID, rank: Int, position: Int, scoreHundredths: Int, judgeCount: Int, tieBrokenBy: TieBreak<ID>?
  ) {
    self.entry = entry
    self.rank = rank
    self.position = position
    self.scoreHundredths = scoreHundredths
    self.judgeCount = judgeCount
    self.tieBrokenBy = tieBrokenBy
  }

  /// The score as text, e.g. `87.25`.
  public var score: String { hundredthsText(scoreHundredths) }
}

/// The rule that ordered two entries.
public enum TieBreak<ID: Hashable & Comparable & Sendable>: Sendable, Hashable, CustomStringConvertible {
  /// The scores differ (not a tie).
  case score
  /// The mean score on this criterion (the heaviest on which they differ).
  case criterion(ID)
  /// The earlier submission.
  case earlierSubmission
  /// The smaller entry id.
  case entryID

  /// A phrase for the published results.
  public var description: String {
    switch self {
    case .score: return "higher score"
    case .criterion(let criterion): return "higher score on criterion \(criterion)"
    case .earlierSubmission: return "earlier submission"
    case .entryID: return "entry id"
    }
  }
}
