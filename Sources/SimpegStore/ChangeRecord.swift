/// What a committed change did.
public enum ChangeOperation: UInt8, Sendable, Hashable {
  /// A row was written (inserted or replaced).
  case put = 1
  /// A row was deleted.
  case delete = 2
}

/// One entry of the change log: which row of which table changed how, under which sequence.
///
/// Tables that opt in (``Table/init(name:recordVersion:recordsChanges:indexes:)``) append one
/// record per put or delete, in the same transaction as the change, so the log never shows a
/// change that did not commit and never misses one that did. Sequence numbers are consecutive in
/// commit order and survive restarts. The value is not copied into the log: read the table at the
/// key for the current state. The change feed, the audit trail and watch streams build on this.
public struct ChangeRecord: Sendable, Hashable {
  /// The record's sequence number (starting at 1).
  public let sequence: UInt64
  /// The table whose row changed.
  public let table: String
  /// What happened to the row.
  public let operation: ChangeOperation
  /// The row's encoded key; decode it with the table's key type (``decodeKey(as:)``).
  public let key: [UInt8]

  /// Creates a record (the store creates them; public for tests and tools).
  public init(sequence: UInt64, table: String, operation: ChangeOperation, key: [UInt8]) {
    self.sequence = sequence
    self.table = table
    self.operation = operation
    self.key = key
  }

  /// Decodes the key with a table's key type.
  public func decodeKey<Key: StoreKey>(as type: Key.Type) throws -> Key {
    try Key(decoding: key)
  }

  /// The stored layout: format byte 2, CRC-32C (big-endian, over the sequence key and every
  /// other byte of the record), operation byte, table name length (UInt16 BE), name, key.
  static func encode(sequence: UInt64, table: String, operation: ChangeOperation, key: [UInt8]) -> [UInt8] {
    let name = Array(table.utf8)
    var bytes: [UInt8] = [
      2, 0, 0, 0, 0, operation.rawValue, UInt8(name.count >> 8), UInt8(name.count & 0xFF),
    ]
    bytes.reserveCapacity(8 + name.count + key.count)
    bytes.append(contentsOf: name)
    bytes.append(contentsOf: key)
    let crc = checksum(sequence: sequence, record: bytes)
    bytes[1] = UInt8(truncatingIfNeeded: crc >> 24)
    bytes[2] = UInt8(truncatingIfNeeded: crc >> 16)
    bytes[3] = UInt8(truncatingIfNeeded: crc >> 8)
    bytes[4] = UInt8(truncatingIfNeeded: crc)
    return bytes
  }

  /// Reads the stored layout back, checking its checksum; throws ``StoreError/Kind/checksumMismatch``
  /// or ``StoreError/Kind/corrupted`` for a record that is damaged.
  static func decode(sequence: UInt64, bytes: UnsafeRawBufferPointer) throws(StoreError) -> ChangeRecord {
    func damaged(_ kind: StoreError.Kind, _ problem: String) -> StoreError {
      StoreError(
        kind,
        "change log entry \(sequence) \(problem); restore from a backup (simpeg-admin restore) or run "
          + "simpeg-admin check for a full report",
        table: InternalTable.changes, key: sequence.encodedKey)
    }
    guard bytes.count >= 8, bytes[0] == 2, let operation = ChangeOperation(rawValue: bytes[5]) else {
      throw damaged(.corrupted, "is not a change record this code understands")
    }
    let stored = UInt32(bytes[1]) << 24 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 8 | UInt32(bytes[4])
    guard stored == checksum(sequence: sequence, record: Array(bytes)) else {
      throw damaged(.checksumMismatch, "fails its checksum: it is damaged on disk")
    }
    let nameLength = Int(bytes[6]) << 8 | Int(bytes[7])
    guard bytes.count >= 8 + nameLength else {
      throw damaged(.corrupted, "names a table longer than the record")
    }
    let table = String(decoding: bytes[8..<(8 + nameLength)], as: UTF8.self)
    let key = Array(bytes[(8 + nameLength)...])
    return ChangeRecord(sequence: sequence, table: table, operation: operation, key: key)
  }

  /// The layout store format 1 wrote (format byte 1, operation, name length, name, key), turned
  /// into today's; nil when the bytes are not such a record.
  static func upgradeFormat1(sequence: UInt64, bytes: [UInt8]) -> [UInt8]? {
    guard bytes.count >= 4, bytes[0] == 1, let operation = ChangeOperation(rawValue: bytes[1]) else {
      return nil
    }
    let nameLength = Int(bytes[2]) << 8 | Int(bytes[3])
    guard bytes.count >= 4 + nameLength else { return nil }
    let table = String(decoding: bytes[4..<(4 + nameLength)], as: UTF8.self)
    return encode(
      sequence: sequence, table: table, operation: operation, key: Array(bytes[(4 + nameLength)...]))
  }

  /// The CRC-32C over the sequence key and the record with its checksum bytes (1-4) as zero.
  private static func checksum(sequence: UInt64, record: [UInt8]) -> UInt32 {
    var crc = CRC32C()
    crc.update(sequence.encodedKey)
    crc.update(Array(record[0..<1]))
    crc.update([0, 0, 0, 0])
    crc.update(Array(record[5...]))
    return crc.value
  }
}
