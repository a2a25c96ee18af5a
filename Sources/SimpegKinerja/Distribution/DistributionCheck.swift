/// The result of checking a unit's employee predikat against its kurva distribusi.
public struct DistributionCheck: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The organisation predikat whose curve was applied.
  public let organisasi: PredikatOrganisasi
  /// The unit's counts.
  public let counts: PredikatCounts
  /// Every rule of the curve with its outcome, in the order of the regulation.
  public let outcomes: [DistributionRuleOutcome]
  /// Whether any set of ratings for a unit of this size can meet every rule at once.
  public let isSatisfiable: Bool
  /// The fewest employees whose predikat must change so that every rule holds together; 0 when
  /// the unit conforms, nil when no rating of this many people can conform. One change can mend
  /// two rules (Sangat Baik to Butuh Perbaikan lowers one count and raises another), so this can
  /// be less than the sum of the rules' own numbers.
  public let minimumChanges: Int?

  /// Creates a check result.
  public init(
    organisasi: PredikatOrganisasi, counts: PredikatCounts, outcomes: [DistributionRuleOutcome],
    isSatisfiable: Bool, minimumChanges: Int?
  ) {
    self.organisasi = organisasi
    self.counts = counts
    self.outcomes = outcomes
    self.isSatisfiable = isSatisfiable
    self.minimumChanges = minimumChanges
  }

  /// The rules that fail.
  public var violations: [DistributionRuleOutcome] { outcomes.filter { !$0.isSatisfied } }

  /// Whether every rule holds, so the ratings may be finalised without an override.
  public var conforms: Bool { outcomes.allSatisfy(\.isSatisfied) }

  /// One sentence per failed rule, or that the unit conforms.
  public var description: String {
    guard !conforms else {
      return "the \(counts.total) ratings conform to the curve for organisation predikat \(organisasi)"
    }
    var text = violations.map(\.description).joined(separator: "; ")
    if let minimumChanges {
      text += "; at least \(minimumChanges) rating(s) must change in all"
    } else {
      text +=
        "; no rating of \(counts.total) people can meet every rule for organisation predikat \(organisasi)"
    }
    return text
  }
}

/// One rule of a curve applied to a unit: the actual count, the bound, and how many people are
/// too many or too few.
public struct DistributionRuleOutcome: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The rule.
  public let rule: DistributionRule
  /// How many employees hold the rule's predikat.
  public let actualCount: Int
  /// The unit's size.
  public let unitSize: Int
  /// The counts the rule allows for this unit size.
  public let allowed: ClosedRange<Int>

  /// Applies `rule` to a count in a unit of `unitSize`.
  public init(rule: DistributionRule, actualCount: Int, unitSize: Int) {
    self.rule = rule
    self.actualCount = actualCount
    self.unitSize = unitSize
    self.allowed = rule.allowedCounts(unitSize: unitSize)
  }

  /// The actual share of the unit, rounded half up to hundredths of a percent.
  public var actualPercentage: Percentage { Percentage(part: actualCount, of: unitSize) }

  /// The bound in people: the most allowed for an upper bound, the fewest needed otherwise.
  public var boundCount: Int { rule.bound.isUpperBound ? allowed.upperBound : allowed.lowerBound }

  /// Whether the count is within the bound.
  public var isSatisfied: Bool { allowed.contains(actualCount) }

  /// How many employees' predikat must change for this rule alone to hold: the excess over an
  /// upper bound, or the shortfall under a lower one; 0 when it holds. A shortfall larger than the
  /// unit means the rule alone cannot hold.
  public var peopleToChange: Int {
    if actualCount > allowed.upperBound { return actualCount - allowed.upperBound }
    if actualCount < allowed.lowerBound { return allowed.lowerBound - actualCount }
    return 0
  }

  /// E.g. `at most 70% Sangat Baik: 3 of 3 (100.00%), at most 2 allowed, 1 too many`.
  public var description: String {
    let actual = "\(actualCount) of \(unitSize) (\(actualPercentage))"
    if rule.bound.isUpperBound {
      let verdict = isSatisfied ? "holds" : "\(peopleToChange) too many"
      return "\(rule): \(actual), at most \(boundCount) allowed, \(verdict)"
    }
    let verdict = isSatisfied ? "holds" : "\(peopleToChange) too few"
    return "\(rule): \(actual), at least \(boundCount) needed, \(verdict)"
  }
}
