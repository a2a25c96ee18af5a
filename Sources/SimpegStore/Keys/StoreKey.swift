/// A value that can be a table key: it encodes to bytes whose order is the value's order.
///
/// LMDB compares keys byte by byte (memcmp, shorter first on a tie), so a conforming type must
/// encode such that `a < b` exactly when `encode(a)` sorts before `encode(b)`, and must be
/// self-delimiting when it is not the last component of a composite key. The conformances in this
/// module are: unsigned integers (big-endian), signed integers (big-endian with the sign bit
/// flipped), `Bool`, `String` (order-preserving escaped and terminated UTF-8, see
/// ``KeyEncoder/appendOrdered(_:)``), ``LengthPrefixedString``, ``RawKeyBytes`` (last component
/// only) and the composite keys ``CompositeKey2`` and ``CompositeKey3``. Domain types conform by
/// encoding their fields in order into the encoder.
public protocol StoreKey: Sendable {
  /// Appends this key's ordered encoding.
  func encode(into encoder: inout KeyEncoder)
  /// Reads a key back from its encoding; throws when the bytes are not a valid encoding.
  init(from decoder: inout KeyDecoder) throws
}

extension StoreKey {
  /// This key's encoded bytes.
  public var encodedKey: [UInt8] {
    var encoder = KeyEncoder()
    encode(into: &encoder)
    return encoder.bytes
  }

  /// Decodes a whole key from bytes, failing if bytes are left over.
  public init(decoding bytes: [UInt8]) throws {
    var decoder = KeyDecoder(bytes)
    self = try Self(from: &decoder)
    guard decoder.isAtEnd else {
      throw KeyDecodingError(reason: "\(decoder.remaining) trailing bytes after the key")
    }
  }
}

/// Why a key's bytes could not be decoded.
public struct KeyDecodingError: Error, Sendable, CustomStringConvertible {
  /// What was wrong with the bytes.
  public let reason: String

  /// Creates a decoding error with a reason.
  public init(reason: String) {
    self.reason = reason
  }

  /// The reason.
  public var description: String { reason }
}

extension UInt8: StoreKey {
  /// Appends one byte.
  public func encode(into encoder: inout KeyEncoder) { encoder.append(self) }
  /// Reads one byte.
  public init(from decoder: inout KeyDecoder) throws { self = try decoder.readUnsigned() }
}

extension UInt16: StoreKey {
  /// Appends two bytes, big-endian.
  public func encode(into encoder: inout KeyEncoder) { encoder.append(self) }
  /// Reads two bytes, big-endian.
  public init(from decoder: inout KeyDecoder) throws { self = try decoder.readUnsigned() }
}

extension UInt32: StoreKey {
  /// Appends four bytes, big-endian.
  public func encode(into encoder: inout KeyEncoder) { encoder.append(self) }
  /// Reads four bytes, big-endian.
  public init(from decoder: inout KeyDecoder) throws { self = try decoder.readUnsigned() }
}

extension UInt64: StoreKey {
  /// Appends eight bytes, big-endian.
  public func encode(into encoder: inout KeyEncoder) { encoder.append(self) }
  /// Reads eight bytes, big-endian.
  public init(from decoder: inout KeyDecoder) throws { self = try decoder.readUnsigned() }
}

extension UInt: StoreKey {
  /// Appends eight bytes, big-endian (as `UInt64`).
  public func encode(into encoder: inout KeyEncoder) { encoder.append(UInt64(self)) }
  /// Reads eight bytes, big-endian.
  public init(from decoder: inout KeyDecoder) throws {
    let wide: UInt64 = try decoder.readUnsigned()
    guard let value = UInt(exactly: wide) else {
      throw KeyDecodingError(reason: "value \(wide) does not fit UInt")
    }
    self = value
  }
}

extension Int8: StoreKey {
  /// Appends one byte with the sign bit flipped.
  public func encode(into encoder: inout KeyEncoder) { encoder.append(signed: self) }
  /// Reads one byte with the sign bit flipped.
  public init(from decoder: inout KeyDecoder) throws { self = try decoder.readSigned() }
}

extension Int16: StoreKey {
  /// Appends two bytes, big-endian, sign bit flipped.
  public func encode(into encoder: inout KeyEncoder) { encoder.append(signed: self) }
  /// Reads two bytes, big-endian, sign bit flipped.
  public init(from decoder: inout KeyDecoder) throws { self = try decoder.readSigned() }
}

extension Int32: StoreKey {
  /// Appends four bytes, big-endian, sign bit flipped.
  public func encode(into encoder: inout KeyEncoder) { encoder.append(signed: self) }
  /// Reads four bytes, big-endian, sign bit flipped.
  public init(from decoder: inout KeyDecoder) throws { self = try decoder.readSigned() }
}

extension Int64: StoreKey {
  /// Appends eight bytes, big-endian, sign bit flipped.
  public func encode(into encoder: inout KeyEncoder) { encoder.append(signed: self) }
  /// Reads eight bytes, big-endian, sign bit flipped.
  public init(from decoder: inout KeyDecoder) throws { self = try decoder.readSigned() }
}

extension Int: StoreKey {
  /// Appends eight bytes, big-endian, sign bit flipped (as `Int64`).
  public func encode(into encoder: inout KeyEncoder) { encoder.append(signed: Int64(self)) }
  /// Reads eight bytes, big-endian, sign bit flipped.
  public init(from decoder: inout KeyDecoder) throws {
    let wide: Int64 = try decoder.readSigned()
    guard let value = Int(exactly: wide) else {
      throw KeyDecodingError(reason: "value \(wide) does not fit Int")
    }
    self = value
  }
}

extension Bool: StoreKey {
  /// Appends 0 for false, 1 for true.
  public func encode(into encoder: inout KeyEncoder) { encoder.append(UInt8(self ? 1 : 0)) }
  /// Reads 0 or 1.
  public init(from decoder: inout KeyDecoder) throws {
    let byte: UInt8 = try decoder.readUnsigned()
    guard byte <= 1 else { throw KeyDecodingError(reason: "byte \(byte) is not a Bool") }
    self = byte == 1
  }
}

extension String: StoreKey {
  /// Appends the order-preserving escaped and terminated form (see ``KeyEncoder/appendOrdered(_:)``).
  public func encode(into encoder: inout KeyEncoder) { encoder.appendOrdered(self) }
  /// Reads the order-preserving escaped and terminated form.
  public init(from decoder: inout KeyDecoder) throws { self = try decoder.readOrderedString() }
}
