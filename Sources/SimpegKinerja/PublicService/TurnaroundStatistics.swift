/// Turnaround statistics of a set of completed requests: count, median, 90th percentile and the
/// share within the standard.
///
/// Percentiles use the nearest-rank definition: the p-th percentile of n sorted values is the
/// value at rank ceil(p * n / 100) (1-based). The median is the 50th percentile so defined, i.e.
/// the lower middle value for an even count, not the mean of the two middle values: it is always
/// an observed turnaround, and exactly computable from a `TurnaroundHistogram`.
public struct TurnaroundStatistics: Sendable, Hashable, Codable {
  /// The number of requests.
  public let count: Int
  /// The nearest-rank median; nil when there are no requests.
  public let median: Int?
  /// The nearest-rank 90th percentile; nil when there are no requests.
  public let percentile90: Int?
  /// The number of requests completed within the standard.
  public let withinStandard: Int

  /// Creates statistics from their parts.
  public init(count: Int, median: Int?, percentile90: Int?, withinStandard: Int) {
    self.count = count
    self.median = median
    self.percentile90 = percentile90
    self.withinStandard = withinStandard
  }

  /// Computes the statistics of a list of turnarounds against a standard's maximum.
  public init(turnarounds: [Int], standardMaximum: Int) {
    let sorted = turnarounds.sorted()
    self.init(
      count: sorted.count, median: Self.nearestRank(50, ofSorted: sorted),
      percentile90: Self.nearestRank(90, ofSorted: sorted),
      withinStandard: sorted.count { $0 <= standardMaximum })
  }

  /// The share of requests within the standard; 0% when there are none.
  public var shareWithinStandard: Percentage { Percentage(part: withinStandard, of: count) }

  /// The nearest-rank `percentile` (1-100) of ascending `values`; nil when empty.
  public static func nearestRank(_ percentile: Int, ofSorted values: [Int]) -> Int? {
    precondition((1...100).contains(percentile), "a percentile is 1 to 100")
    guard !values.isEmpty else { return nil }
    return values[rank(percentile, count: values.count) - 1]
  }

  /// The 1-based nearest rank of `percentile` among `count` values.
  static func rank(_ percentile: Int, count: Int) -> Int {
    max(1, (percentile * count + 99) / 100)
  }
}
