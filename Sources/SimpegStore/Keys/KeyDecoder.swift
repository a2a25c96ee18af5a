/// Reads an ordered binary key back, one component after another, in the order it was built.
public struct KeyDecoder: Sendable {
  private let bytes: [UInt8]
  private var position: Int

  /// Creates a decoder over a key's bytes.
  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
    self.position = 0
  }

  /// Whether every byte has been read.
  public var isAtEnd: Bool { position == bytes.count }

  /// How many bytes are left.
  public var remaining: Int { bytes.count - position }

  /// Reads a key component.
  public mutating func decode<Key: StoreKey>(_ type: Key.Type = Key.self) throws -> Key {
    try Key(from: &self)
  }

  /// Reads a big-endian unsigned integer of fixed width.
  public mutating func readUnsigned<Value: FixedWidthInteger & UnsignedInteger>() throws -> Value {
    let width = MemoryLayout<Value>.size
    guard remaining >= width else {
      throw KeyDecodingError(reason: "need \(width) bytes for \(Value.self), \(remaining) left")
    }
    var value: Value = 0
    for index in position..<(position + width) {
      value = (value << 8) | Value(bytes[index])
    }
    position += width
    return value
  }

  /// Reads a big-endian signed integer of fixed width written with its sign bit flipped.
  public mutating func readSigned<Value: FixedWidthInteger & SignedInteger>() throws -> Value {
    let width = MemoryLayout<Value>.size
    guard remaining >= width else {
      throw KeyDecodingError(reason: "need \(width) bytes for \(Value.self), \(remaining) left")
    }
    var value: Value = 0
    for index in position..<(position + width) {
      value = (value << 8) | Value(truncatingIfNeeded: bytes[index])
    }
    position += width
    return value ^ Value.min
  }

  /// Reads a string written by ``KeyEncoder/appendOrdered(_:)``.
  public mutating func readOrderedString() throws -> String {
    var utf8: [UInt8] = []
    var index = position
    while index < bytes.count {
      let byte = bytes[index]
      if byte != 0x00 {
        utf8.append(byte)
        index += 1
        continue
      }
      guard index + 1 < bytes.count else { break }
      switch bytes[index + 1] {
      case 0x00:
        position = index + 2
        return try Self.string(fromUTF8: utf8)
      case 0xFF:
        utf8.append(0x00)
        index += 2
      default:
        throw KeyDecodingError(reason: "bad escape 0x00 0x\(String(bytes[index + 1], radix: 16))")
      }
    }
    throw KeyDecodingError(reason: "ordered string has no terminator")
  }

  /// Reads a string written by ``KeyEncoder/appendLengthPrefixed(_:)``.
  public mutating func readLengthPrefixedString() throws -> String {
    let length = Int(try readUnsigned() as UInt16)
    let raw = try readRaw(count: length)
    return try Self.string(fromUTF8: raw)
  }

  /// Reads a number of bytes as they are.
  public mutating func readRaw(count: Int) throws -> [UInt8] {
    guard remaining >= count else {
      throw KeyDecodingError(reason: "need \(count) bytes, \(remaining) left")
    }
    let raw = Array(bytes[position..<(position + count)])
    position += count
    return raw
  }

  /// Reads every byte that is left.
  public mutating func readRest() -> [UInt8] {
    let raw = Array(bytes[position...])
    position = bytes.count
    return raw
  }

  private static func string(fromUTF8 utf8: [UInt8]) throws -> String {
    guard let string = String(validating: utf8, as: UTF8.self) else {
      throw KeyDecodingError(reason: "string component is not valid UTF-8")
    }
    return string
  }
}
