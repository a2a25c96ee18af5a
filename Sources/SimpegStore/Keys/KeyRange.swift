/// Which keys of a table a scan visits: a lower bound (inclusive) and an upper bound (exclusive).
///
/// Bounds compare by encoded bytes, which is value order for every ``StoreKey`` in this module.
public struct KeyRange<Key: StoreKey>: Sendable, Hashable {
  /// The inclusive lower bound, or nil for the first key.
  let lower: [UInt8]?
  /// The exclusive upper bound, or nil for past the last key.
  let upper: [UInt8]?

  private init(lower: [UInt8]?, upper: [UInt8]?) {
    self.lower = lower
    self.upper = upper
  }

  /// Every key.
  public static var all: KeyRange { KeyRange(lower: nil, upper: nil) }

  /// Keys from `lower` (inclusive) on.
  public static func from(_ lower: Key) -> KeyRange {
    KeyRange(lower: lower.encodedKey, upper: nil)
  }

  /// Keys before `upper` (exclusive).
  public static func below(_ upper: Key) -> KeyRange {
    KeyRange(lower: nil, upper: upper.encodedKey)
  }

  /// Keys from `lower` (inclusive) to `upper` (exclusive).
  public static func between(_ lower: Key, _ upper: Key) -> KeyRange {
    KeyRange(lower: lower.encodedKey, upper: upper.encodedKey)
  }

  /// Keys from `lower` to `upper`, both inclusive.
  public static func closed(_ lower: Key, _ upper: Key) -> KeyRange {
    // The successor of `b` in byte order is `b + [0]`, so `< b + [0]` includes `b` itself.
    KeyRange(lower: lower.encodedKey, upper: upper.encodedKey + [0])
  }

  /// Keys whose encoding starts with `prefix`.
  public static func prefix(_ prefix: KeyPrefix) -> KeyRange {
    KeyRange(lower: prefix.bytes.isEmpty ? nil : prefix.bytes, upper: prefix.exclusiveUpperBound)
  }

  /// Raw byte bounds, for index scans that share the machinery.
  static func bytes(lower: [UInt8]?, upper: [UInt8]?) -> KeyRange {
    KeyRange(lower: lower, upper: upper)
  }

  /// Whether encoded `key` lies within the bounds.
  func contains(_ key: [UInt8]) -> Bool {
    if let lower, key.lexicographicallyPrecedes(lower) { return false }
    if let upper, !key.lexicographicallyPrecedes(upper) { return false }
    return true
  }
}

/// The order in which a scan visits keys.
public enum ScanDirection: Sendable, Hashable {
  /// Ascending key order.
  case forward
  /// Descending key order.
  case reverse
}
