/// Why a competition's set-up or a scorecard is refused.
public enum CompetitionError<ID: Hashable & Comparable & Sendable>: Error, Sendable, Hashable,
  CustomStringConvertible
{
  /// The competition has no criteria.
  case noCriteria
  /// The criteria weights do not add up to 100.
  case weightsDoNotSumTo100(sum: Int)
  /// A criterion's weight is zero or less.
  case nonPositiveWeight(criterion: ID)
  /// Two criteria share an id.
  case duplicateCriterion(ID)
  /// The score range is empty or negative.
  case invalidScoreRange
  /// A scorecard names a judge who is not a judge of the competition.
  case unknownJudge(ID)
  /// A scorecard names an entry that is not in the competition.
  case unknownEntry(ID)
  /// Two entries share an id.
  case duplicateEntry(ID)
  /// A judge scores an entry from their own unit.
  case judgeFromEntrantUnit(judge: ID, entry: ID, unit: ID)
  /// A scorecard lacks a criterion's score.
  case missingScore(criterion: ID)
  /// A scorecard scores a criterion the competition does not have.
  case unknownCriterion(ID)
  /// A score lies outside the competition's range.
  case scoreOutOfRange(criterion: ID, score: Int, range: ClosedRange<Int>)
  /// A judge has more than one scorecard for the same entry.
  case duplicateScorecard(judge: ID, entry: ID)

  /// A message naming the rule.
  public var description: String {
    switch self {
    case .noCriteria: return "a competition needs at least one criterion"
    case .weightsDoNotSumTo100(let sum):
      return "the criteria weights add up to \(sum); they must add up to 100"
    case .nonPositiveWeight(let criterion): return "criterion \(criterion) has a weight of zero or less"
    case .duplicateCriterion(let criterion): return "criterion \(criterion) appears more than once"
    case .invalidScoreRange: return "the score range must start at zero or more"
    case .unknownJudge(let judge): return "\(judge) is not a judge of this competition"
    case .unknownEntry(let entry): return "entry \(entry) is not in this competition"
    case .duplicateEntry(let entry): return "entry \(entry) appears more than once"
    case .judgeFromEntrantUnit(let judge, let entry, let unit):
      return
        "judge \(judge) works in unit \(unit), which submitted entry \(entry); a judge cannot score their own unit"
    case .missingScore(let criterion): return "the scorecard has no score for criterion \(criterion)"
    case .unknownCriterion(let criterion):
      return "criterion \(criterion) is not a criterion of this competition"
    case .scoreOutOfRange(let criterion, let score, let range):
      return "score \(score) for criterion \(criterion) is outside \(range.lowerBound)-\(range.upperBound)"
    case .duplicateScorecard(let judge, let entry):
      return "judge \(judge) scored entry \(entry) more than once"
    }
  }
}
