/// The follow-up rule of the performance cycle that promotion rests on: at least Baik two years
/// in a row (PermenPANRB 6/2022).
///
/// It looks at the two latest years that have an annual predikat. They must be consecutive
/// calendar years and both Sangat Baik or Baik. A year without an annual predikat between them
/// breaks the run; an older good pair does not count once a later year falls short.
public enum PromotionRule {
  /// Checks the annual predikat by year.
  public static func check(annual: [Int: Predikat]) -> PromotionCheck {
    let years = annual.keys.sorted()
    guard years.count >= 2 else {
      return PromotionCheck(
        meets: false, years: years,
        explanation: "needs an annual predikat for two consecutive years; there are \(years.count)")
    }
    let latest = years[years.count - 1]
    let previous = years[years.count - 2]
    guard previous == latest - 1 else {
      return PromotionCheck(
        meets: false, years: [previous, latest],
        explanation:
          "the latest annual predikat are of \(previous) and \(latest), which are not consecutive years")
    }
    let short = [previous, latest].filter { !annual[$0]!.isAtLeastBaik }
    guard short.isEmpty else {
      let named = short.map { "\($0) (\(annual[$0]!))" }.joined(separator: " and ")
      return PromotionCheck(
        meets: false, years: [previous, latest],
        explanation: "at least Baik is needed in \(previous) and \(latest); below it in \(named)")
    }
    return PromotionCheck(
      meets: true, years: [previous, latest],
      explanation:
        "at least Baik in \(previous) (\(annual[previous]!)) and \(latest) (\(annual[latest]!))")
  }
}

/// The outcome of ``PromotionRule/check(annual:)``.
public struct PromotionCheck: Sendable, Hashable {
  /// Whether the rule is met.
  public let meets: Bool
  /// The years looked at, oldest first: the latest two with an annual predikat (fewer if there
  /// are fewer).
  public let years: [Int]
  /// Why, in words.
  public let explanation: String

  /// Creates an outcome.
  public init(meets: Bool, years: [Int], explanation: String) {
    self.meets = meets
    self.years = years
    self.explanation = explanation
  }
}
