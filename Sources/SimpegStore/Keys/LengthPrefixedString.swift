/// A string key component written as a 16-bit length then UTF-8, for components matched exactly.
///
/// Strings of different lengths sort by length first, so never range-scan or prefix-search on
/// it; use `String` (the ordered form) for that.
public struct LengthPrefixedString: StoreKey, Hashable {
  /// The string.
  public var value: String

  /// Wraps a string.
  public init(_ value: String) {
    self.value = value
  }

  /// Appends the length and the bytes.
  public func encode(into encoder: inout KeyEncoder) { encoder.appendLengthPrefixed(value) }

  /// Reads the length and the bytes.
  public init(from decoder: inout KeyDecoder) throws { value = try decoder.readLengthPrefixedString() }
}
