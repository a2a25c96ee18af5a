/// One rule of a kurva distribusi: a bound on how many employees of a unit may or must hold
/// a set of predikat.
///
/// Percentages are applied exactly, without rounding the share: "at most p%" of n people allows
/// floor(p * n / 100) of them, "at least p%" needs ceil(p * n / 100). So at most 70% of 3 allows
/// 2 (2 of 3 is 66.67%, 3 of 3 is 100%), at least 60% of 3 needs 2, at least 10% of 1 needs 1.
public struct DistributionRule: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The predikat the rule counts together.
  public let predikats: [Predikat]
  /// The bound on their count.
  public let bound: DistributionBound

  /// Creates a rule.
  public init(_ bound: DistributionBound, _ predikats: [Predikat]) {
    self.predikats = predikats
    self.bound = bound
  }

  /// The counts the rule allows in a unit of `unitSize` people.
  public func allowedCounts(unitSize: Int) -> ClosedRange<Int> {
    switch bound {
    case .atMostPercent(let percent): return 0...(percent * unitSize / 100)
    case .atLeastPercent(let percent): return ((percent * unitSize + 99) / 100)...max(unitSize, 0)
    case .atLeastCount(let count): return count...max(unitSize, count)
    }
  }

  /// The rule as the regulation words it, e.g. `at most 70% Sangat Baik`.
  public var description: String {
    let names = predikats.map(\.description).joined(separator: " or ")
    switch bound {
    case .atMostPercent(0): return "no \(names)"
    case .atMostPercent(let percent): return "at most \(percent)% \(names)"
    case .atLeastPercent(let percent): return "at least \(percent)% \(names)"
    case .atLeastCount(1): return "at least one \(names)"
    case .atLeastCount(let count): return "at least \(count) \(names)"
    }
  }
}

/// The kind and size of the bound of a distribution rule.
public enum DistributionBound: Sendable, Hashable, Codable {
  /// At most this percentage of the unit (0 means none at all).
  case atMostPercent(Int)
  /// At least this percentage of the unit.
  case atLeastPercent(Int)
  /// At least this many people, whatever the unit's size.
  case atLeastCount(Int)

  /// Whether the bound is an upper bound.
  public var isUpperBound: Bool {
    if case .atMostPercent = self { return true }
    return false
  }
}
