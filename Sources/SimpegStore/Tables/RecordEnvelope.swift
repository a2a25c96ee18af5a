/// The stored form of a table's record: a header byte, a CRC-32C, then the protobuf bytes.
///
/// ```
/// byte 0      0x80 | record version (1...127)
/// bytes 1-4   CRC-32C, big-endian, over the row's key, byte 0 and the payload
/// bytes 5...  the record's protobuf encoding
/// ```
/// The checksum covers the key too, so a record that turns up under another key (a damaged key
/// or page) fails it as surely as a flipped bit in the record. Store format 1 wrote the version
/// byte and the payload only; opening such a store rewrites every record in this form
/// (``RecordFormatMigration``), after which a record without the flag is damage.
enum RecordEnvelope {
  /// The flag in byte 0 that marks a checksummed record.
  static let checksummed: UInt8 = 0x80
  /// Header byte and checksum.
  static let headerSize = 5
  /// The highest record version the header byte can carry.
  static let maxVersion: UInt8 = 0x7F

  /// What a stored value turned out to be.
  enum Opened {
    /// A sound record of this version.
    case record(version: UInt8, payload: UnsafeRawBufferPointer)
    /// The value is damaged; the message says how.
    case damaged(StoreError.Kind, String)
  }

  /// Writes the envelope of `payload` into `target`, which holds ``headerSize`` + payload bytes.
  static func seal(
    version: UInt8, key: [UInt8], payload: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer
  ) {
    let header = checksummed | version
    target[0] = header
    if payload.count > 0 {
      UnsafeMutableRawBufferPointer(rebasing: target[headerSize...]).copyMemory(from: payload)
    }
    let crc = checksum(key: key, header: header, payload: payload)
    target[1] = UInt8(truncatingIfNeeded: crc >> 24)
    target[2] = UInt8(truncatingIfNeeded: crc >> 16)
    target[3] = UInt8(truncatingIfNeeded: crc >> 8)
    target[4] = UInt8(truncatingIfNeeded: crc)
  }

  /// The envelope of `payload` as bytes.
  static func sealed(version: UInt8, key: [UInt8], payload: [UInt8]) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: headerSize + payload.count)
    payload.withUnsafeBytes { source in
      bytes.withUnsafeMutableBytes { target in
        seal(version: version, key: key, payload: source, into: target)
      }
    }
    return bytes
  }

  /// Checks a stored value and returns its version and payload, or what is wrong with it.
  static func open(_ raw: UnsafeRawBufferPointer, key: [UInt8]) -> Opened {
    guard raw.count >= headerSize else {
      return .damaged(.checksumMismatch, "is \(raw.count) bytes, too short to be a record")
    }
    let header = raw[0]
    guard header & checksummed != 0 else {
      return .damaged(.checksumMismatch, "carries no checksum, which every record of this store has")
    }
    let stored = UInt32(raw[1]) << 24 | UInt32(raw[2]) << 16 | UInt32(raw[3]) << 8 | UInt32(raw[4])
    let payload = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
    let computed = checksum(key: key, header: header, payload: payload)
    guard stored == computed else {
      return .damaged(
        .checksumMismatch,
        "fails its checksum (stored \(hex32(stored)), computed \(hex32(computed))): the record is damaged on disk"
      )
    }
    return .record(version: header & maxVersion, payload: payload)
  }

  private static func checksum(key: [UInt8], header: UInt8, payload: UnsafeRawBufferPointer) -> UInt32 {
    var crc = CRC32C()
    crc.update(key)
    withUnsafeBytes(of: header) { crc.update($0) }
    crc.update(payload)
    return crc.value
  }

  private static func hex32(_ value: UInt32) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: 8 - text.count) + text
  }
}
