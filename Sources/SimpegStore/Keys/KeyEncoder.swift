/// Builds an ordered binary key, one component after another.
///
/// Each `append` writes a component whose bytes sort like its value; components written one after
/// another sort like a tuple (first component first). See ``StoreKey`` for the conformances.
public struct KeyEncoder: Sendable {
  /// The bytes written so far.
  public private(set) var bytes: [UInt8]

  /// Creates an empty encoder.
  public init() {
    bytes = []
    bytes.reserveCapacity(32)
  }

  /// Appends a key component.
  public mutating func encode<Key: StoreKey>(_ key: Key) {
    key.encode(into: &self)
  }

  /// Appends an unsigned integer, big-endian, fixed width.
  public mutating func append<Value: FixedWidthInteger & UnsignedInteger>(_ value: Value) {
    var big = value.bigEndian
    withUnsafeBytes(of: &big) { bytes.append(contentsOf: $0) }
  }

  /// Appends a signed integer, big-endian, fixed width, with the sign bit flipped.
  ///
  /// Flipping the sign bit maps `Value.min ... Value.max` onto `0 ... UInt.max` in order, so
  /// negative numbers sort before positive ones.
  public mutating func append<Value: FixedWidthInteger & SignedInteger>(signed value: Value) {
    var big = (value ^ Value.min).bigEndian
    withUnsafeBytes(of: &big) { bytes.append(contentsOf: $0) }
  }

  /// Appends a string in the order-preserving form: UTF-8 with 0x00 escaped as 0x00 0xFF,
  /// terminated by 0x00 0x00.
  ///
  /// Strings sort by their UTF-8 bytes (code point order), shorter first on a common prefix, and a
  /// string followed by more components still sorts like a tuple. Because the form is escaped and
  /// terminated, ``appendOrderedPrefix(_:)`` of a string is a byte prefix of the encoding of every
  /// string that starts with it: this is what prefix searches (a name beginning with "Bud") use.
  public mutating func appendOrdered(_ string: String) {
    appendOrderedPrefix(string)
    bytes.append(0x00)
    bytes.append(0x00)
  }

  /// Appends a string in the order-preserving form without its terminator: a prefix to search by.
  public mutating func appendOrderedPrefix(_ string: String) {
    for byte in string.utf8 {
      bytes.append(byte)
      if byte == 0x00 {
        bytes.append(0xFF)
      }
    }
  }

  /// Appends a string as a big-endian 16-bit length then its UTF-8 bytes.
  ///
  /// Cheaper to decode than the ordered form, but strings of different lengths sort by length
  /// first: use it only for components that are matched exactly, never for ranges or prefixes.
  public mutating func appendLengthPrefixed(_ string: String) {
    let utf8 = Array(string.utf8)
    append(UInt16(truncatingIfNeeded: utf8.count))
    bytes.append(contentsOf: utf8)
  }

  /// Appends bytes as they are, unframed: only safe as the last component of a key.
  public mutating func appendRaw<Bytes: Sequence>(_ raw: Bytes) where Bytes.Element == UInt8 {
    bytes.append(contentsOf: raw)
  }
}
