/// Bytes used as a key as they are: sorts bytewise, and must be the last component of a key.
///
/// Decoding takes every byte that is left, so a component after it cannot be read back.
public struct RawKeyBytes: StoreKey, Hashable {
  /// The bytes.
  public var bytes: [UInt8]

  /// Wraps bytes.
  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Appends the bytes unframed.
  public func encode(into encoder: inout KeyEncoder) { encoder.appendRaw(bytes) }

  /// Takes the rest of the key.
  public init(from decoder: inout KeyDecoder) throws { bytes = decoder.readRest() }
}
