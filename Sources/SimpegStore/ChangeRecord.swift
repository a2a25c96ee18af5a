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

  /// The stored layout: format byte 1, operation byte, table name length (UInt16 BE), name, key.
  static func encode(table: String, operation: ChangeOperation, key: [UInt8]) -> [UInt8] {
    let name = Array(table.utf8)
    var bytes: [UInt8] = [1, operation.rawValue, UInt8(name.count >> 8), UInt8(name.count & 0xFF)]
    bytes.reserveCapacity(4 + name.count + key.count)
    bytes.append(contentsOf: name)
    bytes.append(contentsOf: key)
    return bytes
  }

  /// Reads the stored layout back; nil when it is not a record this code understands.
  static func decode(sequence: UInt64, bytes: UnsafeRawBufferPointer) -> ChangeRecord? {
    guard bytes.count >= 4, bytes[0] == 1, let operation = ChangeOperation(rawValue: bytes[1]) else {
      return nil
    }
    let nameLength = Int(bytes[2]) << 8 | Int(bytes[3])
    guard bytes.count >= 4 + nameLength else { return nil }
    let table = String(decoding: bytes[4..<(4 + nameLength)], as: UTF8.self)
    let key = Array(bytes[(4 + nameLength)...])
    return ChangeRecord(sequence: sequence, table: table, operation: operation, key: key)
  }
}
