/// The kind of an evaluation period; 1 and 2 are the SIASN codes, 3 (annual) is this system's.
public enum EvaluationPeriodKind: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Bulanan: a periodic evaluation per month.
  case bulanan = 1
  /// Triwulan: a periodic evaluation per quarter.
  case triwulan = 2
  /// Tahunan: the annual evaluation that gives the year's predikat.
  case tahunan = 3

  /// The number of periods in a year: 12, 4 or 1.
  public var periodsPerYear: Int {
    switch self {
    case .bulanan: return 12
    case .triwulan: return 4
    case .tahunan: return 1
    }
  }

  /// The months (1-12) of period `index` (1-based) of this kind, or nil for an index out of range.
  public func months(ofPeriod index: Int) -> ClosedRange<Int>? {
    guard (1...periodsPerYear).contains(index) else { return nil }
    let length = 12 / periodsPerYear
    return ((index - 1) * length + 1)...(index * length)
  }

  /// `bulanan`, `triwulan`, `tahunan`.
  public var description: String {
    switch self {
    case .bulanan: return "bulanan"
    case .triwulan: return "triwulan"
    case .tahunan: return "tahunan"
    }
  }
}
