/// A mergeable count of turnarounds per value, for an index kept at write time (e.g. one per
/// unit, service and month).
///
/// Turnarounds are whole numbers (working days or begun hours), so one bucket per value loses
/// nothing: the count, the nearest-rank median and percentiles and the number within any
/// standard computed from the histogram equal those of the list of turnarounds it counts.
/// Histograms of disjoint sets of requests merge by adding counts (months into a year, units
/// into the city). Buckets are sparse and kept in ascending order, so the encoding is canonical.
public struct TurnaroundHistogram: Sendable, Hashable, Codable {
  /// The non-empty buckets in ascending order of value.
  public private(set) var buckets: [TurnaroundBucket]

  /// An empty histogram.
  public init() {
    self.buckets = []
  }

  /// A histogram counting `turnarounds`.
  public init(_ turnarounds: some Sequence<Int>) {
    self.init()
    for value in turnarounds { record(value) }
  }

  /// A histogram from stored buckets; counts of the same value are added, empty buckets dropped.
  public init(buckets: some Sequence<TurnaroundBucket>) {
    self.init()
    for bucket in buckets { record(bucket.value, times: bucket.count) }
  }

  /// The number of turnarounds counted.
  public var count: Int { buckets.reduce(0) { $0 + $1.count } }

  /// Counts `value` (a turnaround, zero or more) `times` more times.
  public mutating func record(_ value: Int, times: Int = 1) {
    precondition(value >= 0 && times >= 0, "turnarounds and counts are zero or more")
    guard times > 0 else { return }
    let index = position(of: value)
    if index < buckets.count, buckets[index].value == value {
      buckets[index].count += times
    } else {
      buckets.insert(TurnaroundBucket(value: value, count: times), at: index)
    }
  }

  /// Uncounts `value` once, for a request whose completion is corrected or withdrawn; returns
  /// false (and changes nothing) when the value is not counted.
  @discardableResult
  public mutating func remove(_ value: Int) -> Bool {
    let index = position(of: value)
    guard index < buckets.count, buckets[index].value == value else { return false }
    buckets[index].count -= 1
    if buckets[index].count == 0 { buckets.remove(at: index) }
    return true
  }

  /// Adds the counts of `other`.
  public mutating func merge(_ other: TurnaroundHistogram) {
    for bucket in other.buckets { record(bucket.value, times: bucket.count) }
  }

  /// This histogram with the counts of `other` added.
  public func merging(_ other: TurnaroundHistogram) -> TurnaroundHistogram {
    var result = self
    result.merge(other)
    return result
  }

  /// The nearest-rank `percentile` (1-100), as `TurnaroundStatistics` defines it; nil when empty.
  public func percentile(_ percentile: Int) -> Int? {
    precondition((1...100).contains(percentile), "a percentile is 1 to 100")
    let total = count
    guard total > 0 else { return nil }
    let rank = TurnaroundStatistics.rank(percentile, count: total)
    var seen = 0
    for bucket in buckets {
      seen += bucket.count
      if seen >= rank { return bucket.value }
    }
    return buckets.last?.value
  }

  /// The number of turnarounds at most `maximum`.
  public func count(atMost maximum: Int) -> Int {
    buckets.prefix { $0.value <= maximum }.reduce(0) { $0 + $1.count }
  }

  /// The statistics against a standard's maximum.
  public func statistics(standardMaximum: Int) -> TurnaroundStatistics {
    TurnaroundStatistics(
      count: count, median: percentile(50), percentile90: percentile(90),
      withinStandard: count(atMost: standardMaximum))
  }

  private func position(of value: Int) -> Int {
    var low = 0
    var high = buckets.count
    while low < high {
      let middle = (low + high) / 2
      if buckets[middle].value < value { low = middle + 1 } else { high = middle }
    }
    return low
  }
}

/// How many requests took exactly `value` (working days or begun hours).
public struct TurnaroundBucket: Sendable, Hashable, Codable {
  /// The turnaround.
  public var value: Int
  /// The number of requests with that turnaround.
  public var count: Int

  /// Creates a bucket.
  public init(value: Int, count: Int) {
    self.value = value
    self.count = count
  }
}
