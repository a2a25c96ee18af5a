import CLMDB
import Foundation
import SwiftProtobuf

/// A typed table: keys of an ordered ``StoreKey`` type, values that are protobuf messages.
///
/// A table is a plain description (name, record version, change logging, indexes); declare it
/// once, list it in the ``StoreSchema``, and call its methods with a transaction.
///
/// Values are versioned and checksummed (``RecordEnvelope``): a header byte carrying the table's
/// ``recordVersion`` at the time of writing, a CRC-32C over the key and the value, then the
/// protobuf encoding. Protobuf already tolerates added and removed fields; bump the record version
/// only for a change that old code must not misread, and rewrite old rows in a migration. Reading
/// a row whose checksum fails throws ``StoreError/Kind/checksumMismatch``, and one whose version is
/// above the table's ``recordVersion`` or whose bytes do not decode throws
/// ``StoreError/Kind/valueUndecodable``, each naming the table and the key: a damaged record is
/// reported, never served.
public struct Table<Key: StoreKey, Value: Message>: TableDefinition {
  /// The table's name: its LMDB database name.
  public let name: String
  /// The version written with each value; reads accept 1 through this version.
  public let recordVersion: UInt8
  /// Whether puts and deletes append to the change log (see ``ChangeRecord``).
  public let recordsChanges: Bool
  /// The secondary indexes kept in step with the rows.
  public let indexes: [any IndexDefinition<Value>]
  /// The LMDB database name of each index, in the order of ``indexes``.
  private let indexDatabaseNames: [String]

  /// Declares a table.
  ///
  /// - Parameters:
  ///   - name: the LMDB database name; not empty, no leading `_`, no `/`.
  ///   - recordVersion: the version written with each value (1 to 127).
  ///   - recordsChanges: whether puts and deletes append to the change log.
  ///   - indexes: secondary indexes, maintained in the same transaction as the rows.
  public init(
    name: String,
    recordVersion: UInt8 = 1,
    recordsChanges: Bool = false,
    indexes: [any IndexDefinition<Value>] = []
  ) {
    precondition(
      recordVersion >= 1 && recordVersion <= RecordEnvelope.maxVersion, "recordVersion runs from 1 to 127")
    self.name = name
    self.recordVersion = recordVersion
    self.recordsChanges = recordsChanges
    self.indexes = indexes
    self.indexDatabaseNames = indexes.map { indexDatabaseName(table: name, index: $0.name) }
  }

  /// The names of the table's indexes.
  public var indexNames: [String] { indexes.map(\.name) }

  // MARK: Reading

  /// The value stored under `key`, or nil.
  public func get(_ key: Key, in transaction: ReadTransaction) throws -> Value? {
    let keyBytes = try encode(key)
    return try value(at: keyBytes, in: transaction)
  }

  /// Whether a row is stored under `key`.
  public func exists(_ key: Key, in transaction: ReadTransaction) throws -> Bool {
    let keyBytes = try encode(key)
    let dbi = try transaction.database(name)
    return try transaction.withValue(dbi, key: keyBytes, table: name) { _ in true } ?? false
  }

  /// The number of rows (from LMDB's page statistics, without a walk).
  public func count(in transaction: ReadTransaction) throws -> Int {
    try transaction.entryCount(try transaction.database(name), table: name)
  }

  /// The number of rows within `range` (walks the keys).
  public func count(in transaction: ReadTransaction, range: KeyRange<Key>) throws -> Int {
    var count = 0
    try transaction.walk(
      try transaction.database(name), lower: range.lower, upper: range.upper, direction: .forward,
      after: nil, table: name
    ) { _, _ in
      count += 1
      return true
    }
    return count
  }

  /// The rows within `range`, in `direction`, at most `limit` of them.
  public func scan(
    in transaction: ReadTransaction,
    range: KeyRange<Key> = .all,
    direction: ScanDirection = .forward,
    limit: Int = .max
  ) throws -> [Row<Key, Value>] {
    var rows: [Row<Key, Value>] = []
    guard limit > 0 else { return rows }
    try forEach(in: transaction, range: range, direction: direction) { row in
      rows.append(row)
      return rows.count < limit
    }
    return rows
  }

  /// Visits the rows within `range` in `direction` without collecting them; return false to stop.
  public func forEach(
    in transaction: ReadTransaction,
    range: KeyRange<Key> = .all,
    direction: ScanDirection = .forward,
    _ body: (Row<Key, Value>) throws -> Bool
  ) throws {
    let dbi = try transaction.database(name)
    // In a write, a row written by an earlier write of the writer thread is not decoded again.
    try transaction.walk(
      dbi, lower: range.lower, upper: range.upper, direction: direction,
      after: nil, table: name
    ) { keyBuffer, valueBuffer in
      let keyBytes = Array(keyBuffer)
      let value =
        try transaction.recordCache.flatMap { cache in
          cache.value(dbi, key: keyBytes, stored: valueBuffer, as: Value.self)
        } ?? decodeValue(valueBuffer, key: keyBytes)
      return try body(Row(key: try decodeKey(keyBytes), value: value))
    }
  }

  /// The keys within `range`, in `direction`, at most `limit` of them (values are not decoded).
  public func keys(
    in transaction: ReadTransaction,
    range: KeyRange<Key> = .all,
    direction: ScanDirection = .forward,
    limit: Int = .max
  ) throws -> [Key] {
    var keys: [Key] = []
    guard limit > 0 else { return keys }
    try transaction.walk(
      try transaction.database(name), lower: range.lower, upper: range.upper, direction: direction,
      after: nil, table: name
    ) { keyBuffer, _ in
      keys.append(try decodeKey(Array(keyBuffer)))
      return keys.count < limit
    }
    return keys
  }

  /// One page of the rows within `range`: at most `limit` rows after `token` (from the start
  /// when nil), and a token for the next page when more rows follow.
  ///
  /// A token issued by a scan with another table, range or direction, or altered, throws
  /// ``StoreError/Kind/invalidPageToken``.
  public func page(
    in transaction: ReadTransaction,
    range: KeyRange<Key> = .all,
    direction: ScanDirection = .forward,
    limit: Int,
    after token: PageToken? = nil
  ) throws -> Page<Key, Value> {
    let scope = PageToken.scope(database: name, lower: range.lower, upper: range.upper, direction: direction)
    let resume = try token.map { token throws(StoreError) in
      let key = try token.resumeKey(scope: scope, database: name)
      guard range.contains(key) else {
        throw StoreError(
          .invalidPageToken, "the page token points outside the scan's range of \(name)", table: name)
      }
      return key
    }
    var rows: [Row<Key, Value>] = []
    var lastKey: [UInt8]?
    var more = false
    try transaction.walk(
      try transaction.database(name), lower: range.lower, upper: range.upper, direction: direction,
      after: resume, table: name
    ) { keyBuffer, valueBuffer in
      guard rows.count < max(limit, 1) else {
        more = true
        return false
      }
      let keyBytes = Array(keyBuffer)
      rows.append(Row(key: try decodeKey(keyBytes), value: try decodeValue(valueBuffer, key: keyBytes)))
      lastKey = keyBytes
      return true
    }
    let next = more ? lastKey.map { PageToken.make(scope: scope, resumeAfter: $0) } : nil
    return Page(rows: rows, nextPageToken: next)
  }

  // MARK: Reading through an index

  /// The rows whose index key in `index` equals `indexKey`, in row-key order, at most `limit`.
  public func find<IndexKey>(
    _ index: Index<IndexKey, Value>,
    equalTo indexKey: IndexKey,
    in transaction: ReadTransaction,
    limit: Int = .max
  ) throws -> [Row<Key, Value>] {
    let encoded = indexKey.encodedKey
    try checkKeySize(encoded, table: name, index: index.name)
    let indexDBI = try indexDatabase(index.name, in: transaction)
    if index.isUnique {
      guard limit > 0,
        let rowKey = try transaction.withValue(indexDBI, key: encoded, table: name, { Array($0) })
      else { return [] }
      return try row(at: rowKey, in: transaction, through: index, indexKey: encoded).map { [$0] } ?? []
    }
    var rowKeys: [[UInt8]] = []
    let upper = KeyPrefix(bytes: encoded).exclusiveUpperBound
    try transaction.walk(
      indexDBI, lower: encoded, upper: upper, direction: .forward, after: nil, table: name
    ) { entry, _ in
      if let split = splitNonUniqueEntry(entry), split.indexKeyLength == encoded.count {
        rowKeys.append(split.rowKey)
      }
      return rowKeys.count < limit
    }
    return try rowKeys.compactMap { try row(at: $0, in: transaction, through: index, indexKey: encoded) }
  }

  /// The one row whose key in a unique `index` is `indexKey`, or nil.
  public func findUnique<IndexKey>(
    _ index: Index<IndexKey, Value>,
    _ indexKey: IndexKey,
    in transaction: ReadTransaction
  ) throws -> Row<Key, Value>? {
    try find(index, equalTo: indexKey, in: transaction, limit: 1).first
  }

  /// One page of the rows whose index key in `index` starts with `prefix`, in index order.
  ///
  /// With a `String` index key, `KeyPrefix.stringPrefix("Bud")` finds every row whose indexed
  /// text begins with "Bud". Tokens work as for ``page(in:range:direction:limit:after:)``.
  public func page(
    _ index: any IndexDefinition<Value>,
    prefix: KeyPrefix,
    in transaction: ReadTransaction,
    direction: ScanDirection = .forward,
    limit: Int,
    after token: PageToken? = nil
  ) throws -> Page<Key, Value> {
    let database = indexDatabaseName(table: name, index: index.name)
    let indexDBI = try indexDatabase(index.name, in: transaction)
    let lower = prefix.bytes.isEmpty ? nil : prefix.bytes
    let upper = prefix.exclusiveUpperBound
    let scope = PageToken.scope(database: database, lower: lower, upper: upper, direction: direction)
    let resume = try token.map { token throws(StoreError) in
      let key = try token.resumeKey(scope: scope, database: database)
      guard KeyRange<Key>.bytes(lower: lower, upper: upper).contains(key) else {
        throw StoreError(
          .invalidPageToken, "the page token points outside the scan's range of \(database)", table: name)
      }
      return key
    }
    var rows: [Row<Key, Value>] = []
    var lastEntry: [UInt8]?
    var more = false
    try transaction.walk(
      indexDBI, lower: lower, upper: upper, direction: direction, after: resume, table: name
    ) { entry, value in
      guard rows.count < max(limit, 1) else {
        more = true
        return false
      }
      let rowKey: [UInt8]
      let indexKey: [UInt8]
      if index.isUnique {
        rowKey = Array(value)
        indexKey = Array(entry)
      } else {
        guard let split = splitNonUniqueEntry(entry) else {
          throw StoreError(
            .keyUndecodable, "index \(database) holds a malformed entry \(hexKey(Array(entry)))",
            table: name, index: index.name, key: Array(entry))
        }
        rowKey = split.rowKey
        indexKey = Array(entry[0..<split.indexKeyLength])
      }
      if let row = try row(at: rowKey, in: transaction, through: index, indexKey: indexKey) {
        rows.append(row)
      }
      lastEntry = Array(entry)
      return true
    }
    let next = more ? lastEntry.map { PageToken.make(scope: scope, resumeAfter: $0) } : nil
    return Page(rows: rows, nextPageToken: next)
  }

  // MARK: Writing

  /// Stores `value` under `key`, replacing any row there, and updates every index.
  ///
  /// Throws ``StoreError/Kind/uniqueViolation`` (nothing written) if a unique index key of the
  /// value belongs to another row, ``StoreError/Kind/keyTooLong`` for an oversized row or index key.
  public func put(_ value: Value, for key: Key, in transaction: WriteTransaction) throws {
    try write(value, for: key, in: transaction, mustBeNew: false)
  }

  /// Stores a record serialised once (``SerializedRecord``) under `key`, as ``put(_:for:in:)``
  /// does: a record kept in several tables (a row and its history) is encoded only once.
  public func put(_ record: SerializedRecord<Value>, for key: Key, in transaction: WriteTransaction) throws {
    try write(record.value, encoded: record.bytes, for: key, in: transaction, mustBeNew: false)
  }

  /// Stores `value` under `key` only if no row is there; throws ``StoreError/Kind/keyExists`` otherwise.
  public func insert(_ value: Value, for key: Key, in transaction: WriteTransaction) throws {
    try write(value, for: key, in: transaction, mustBeNew: true)
  }

  /// Deletes the row under `key` and its index entries; returns whether there was one.
  @discardableResult
  public func delete(_ key: Key, in transaction: WriteTransaction) throws -> Bool {
    let keyBytes = try encode(key)
    let dbi = try transaction.database(name)
    var removals: [(MDB_dbi, [UInt8])] = []
    if !indexes.isEmpty {
      guard let old = try value(at: keyBytes, in: transaction) else { return false }
      for index in indexes {
        let indexDBI = try indexDatabase(index.name, in: transaction)
        for indexKey in index.encodedKeys(for: old) {
          removals.append((indexDBI, storedEntryKey(indexKey, row: keyBytes, unique: index.isUnique)))
        }
      }
    }
    guard try transaction.delete(dbi, key: keyBytes, table: name) else { return false }
    for (indexDBI, entry) in removals {
      try transaction.delete(indexDBI, key: entry, table: name)
    }
    if recordsChanges {
      try transaction.recordChange(table: name, operation: .delete, key: keyBytes)
    }
    return true
  }

  // MARK: Migrating

  /// Rewrites every row in the table's current form, for a ``Migration``: each row is read
  /// (decoded as `Value`), passed to `transform` and written back under its key with its index
  /// entries brought in line, in the table's current ``recordVersion``. Appends nothing to the
  /// change log: a migration changes how rows are stored, not what they say, so watchers have
  /// nothing to see. Reads in steps of 4,096 rows, so memory stays bounded on large tables.
  ///
  /// Bytes written by an older message with the same field numbers and types decode as `Value`
  /// as they are; `transform` may clear what the new message leaves out (its unknown fields).
  /// Returns the number of rows rewritten; `progress` learns the count so far after each step.
  @discardableResult
  public func rewriteEveryRow(
    in transaction: WriteTransaction, _ transform: (Key, inout Value) throws -> Void = { _, _ in },
    progress: (_ rowsSoFar: Int) -> Void = { _ in }
  ) throws -> Int {
    let step = 4096
    let dbi = try transaction.database(name)
    var after: [UInt8]?
    var count = 0
    while true {
      var rows: [([UInt8], Value)] = []
      try transaction.walk(
        dbi, lower: nil, upper: nil, direction: .forward, after: after, table: name
      ) { keyBuffer, valueBuffer in
        let keyBytes = Array(keyBuffer)
        rows.append((keyBytes, try decodeValue(valueBuffer, key: keyBytes)))
        return rows.count < step
      }
      for (keyBytes, stored) in rows {
        let key = try decodeKey(keyBytes)
        var value = stored
        try transform(key, &value)
        try write(value, for: key, in: transaction, mustBeNew: false, logsChange: false)
      }
      count += rows.count
      progress(count)
      guard rows.count == step, let last = rows.last?.0 else { return count }
      after = last
    }
  }

  private func write(
    _ value: Value, encoded: [UInt8]? = nil, for key: Key, in transaction: WriteTransaction, mustBeNew: Bool,
    logsChange: Bool = true
  ) throws {
    let keyBytes = try encode(key)
    let dbi = try transaction.database(name)
    let encoded: [UInt8] = try encoded ?? value.serializedBytes()

    var old: Value?
    if mustBeNew || !indexes.isEmpty {
      let cache = transaction.recordCache
      let stored = try transaction.withValue(dbi, key: keyBytes, table: name) { raw in
        indexes.isEmpty
          ? nil
          : try cache?.value(dbi, key: keyBytes, stored: raw, as: Value.self)
            ?? decodeValue(raw, key: keyBytes)
      }
      if let stored {
        if mustBeNew {
          throw StoreError(
            .keyExists, "table \(name): a row with key \(hexKey(keyBytes)) exists already", table: name,
            key: keyBytes)
        }
        old = stored
      }
    }

    // Check every constraint before the first byte is written, so a caller that catches the error
    // and carries on never leaves a row without its index entries.
    var removals: [(MDB_dbi, [UInt8])] = []
    var additions: [(MDB_dbi, [UInt8], [UInt8])] = []
    // By position rather than zipped: zipping the existentials costs more than the lookups.
    for position in indexes.indices {
      let index = indexes[position]
      let indexDBI = try transaction.database(indexDatabaseNames[position])
      let newKeys = index.encodedKeys(for: value)
      let oldKeys = old.map { index.encodedKeys(for: $0) } ?? []
      // A new row (the common write) has no old keys to compare with.
      let newSet = oldKeys.isEmpty ? [] : Set(newKeys)
      let oldSet = oldKeys.isEmpty ? [] : Set(oldKeys)
      for indexKey in newKeys where !oldSet.contains(indexKey) {
        let entry = storedEntryKey(indexKey, row: keyBytes, unique: index.isUnique)
        try checkKeySize(entry, table: name, index: index.name)
        if index.isUnique {
          let owner = try transaction.withValue(indexDBI, key: entry, table: name) { Array($0) }
          if let owner, owner != keyBytes {
            throw StoreError(
              .uniqueViolation,
              "unique index \(index.name) of table \(name): key \(hexKey(indexKey)) already belongs to "
                + "the row \(hexKey(owner))",
              table: name, index: index.name, key: indexKey)
          }
          additions.append((indexDBI, entry, keyBytes))
        } else {
          additions.append((indexDBI, entry, []))
        }
      }
      for indexKey in oldKeys where !newSet.contains(indexKey) {
        removals.append((indexDBI, storedEntryKey(indexKey, row: keyBytes, unique: index.isUnique)))
      }
    }

    // Not kept in the writer's decoded records: the rows a write reads again and again (counters,
    // the audit trail's head) are carried in memory per batch (BatchState), and keeping every
    // written row cost more than the decodes it saved.
    let version = recordVersion
    try transaction.put(dbi, key: keyBytes, count: encoded.count + RecordEnvelope.headerSize, table: name) {
      target in
      encoded.withUnsafeBytes { source in
        RecordEnvelope.seal(version: version, key: keyBytes, payload: source, into: target)
      }
    }
    for (indexDBI, entry) in removals {
      try transaction.delete(indexDBI, key: entry, table: name)
    }
    for (indexDBI, entry, rowKey) in additions {
      try transaction.put(indexDBI, key: entry, bytes: rowKey, table: name)
    }
    if recordsChanges && logsChange {
      try transaction.recordChange(table: name, operation: .put, key: keyBytes)
    }
  }

  // MARK: Encoding

  private func encode(_ key: Key) throws(StoreError) -> [UInt8] {
    let bytes = key.encodedKey
    try checkKeySize(bytes, table: name)
    return bytes
  }

  private func decodeKey(_ bytes: [UInt8]) throws(StoreError) -> Key {
    do {
      return try Key(decoding: bytes)
    } catch {
      throw StoreError(
        .keyUndecodable,
        "table \(name): the stored key \(hexKey(bytes)) does not decode as \(Key.self) (\(error))",
        table: name, key: bytes)
    }
  }

  private func decodeValue(_ raw: UnsafeRawBufferPointer, key: [UInt8]) throws(StoreError) -> Value {
    let payload: UnsafeRawBufferPointer
    switch RecordEnvelope.open(raw, key: key) {
    case .damaged(let kind, let problem):
      throw StoreError(
        kind,
        "table \(name): the record under key \(hexKey(key)) \(problem); restore from a backup "
          + "(simpeg-admin restore) or run simpeg-admin check for a full report",
        table: name, key: key)
    case .record(let version, let bytes):
      guard version >= 1, version <= recordVersion else {
        throw StoreError(
          .valueUndecodable,
          "table \(name): the value under key \(hexKey(key)) has record version \(version), this code reads "
            + "versions 1 to \(recordVersion); upgrade the program or migrate the data",
          table: name, key: key)
      }
      payload = bytes
    }
    do {
      // Decoded in place: the bytes stay LMDB's until the message has copied what it keeps.
      guard let base = payload.baseAddress, payload.count > 0 else {
        return try Value(serializedBytes: [UInt8]())
      }
      return try Value(
        serializedBytes: Data(
          bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: payload.count, deallocator: .none))
    } catch {
      throw StoreError(
        .valueUndecodable,
        "table \(name): the value under key \(hexKey(key)) does not decode as \(Value.self) (\(error)); "
          + "restore the row from a backup or delete it",
        table: name, key: key)
    }
  }

  private func value(at keyBytes: [UInt8], in transaction: ReadTransaction) throws -> Value? {
    let dbi = try transaction.database(name)
    guard let cache = transaction.recordCache else {
      return try transaction.withValue(dbi, key: keyBytes, table: name) { raw in
        try decodeValue(raw, key: keyBytes)
      }
    }
    return try transaction.withValue(dbi, key: keyBytes, table: name) { raw in
      if let known = cache.value(dbi, key: keyBytes, stored: raw, as: Value.self) { return known }
      let value = try decodeValue(raw, key: keyBytes)
      cache.remember(value, dbi, key: keyBytes, stored: raw)
      return value
    }
  }

  /// The row an index entry leads to, checked against the entry: the row must exist and carry
  /// the index key, or the index is damaged and the row is not served as if it matched.
  private func row(
    at rowKey: [UInt8], in transaction: ReadTransaction, through index: any IndexDefinition<Value>,
    indexKey: [UInt8]
  ) throws -> Row<Key, Value>? {
    guard let value = try value(at: rowKey, in: transaction) else {
      throw StoreError(
        .corrupted,
        "index \(index.name) of table \(name) leads key \(hexKey(indexKey)) to row \(hexKey(rowKey)), which "
          + "does not exist: the index is damaged; run simpeg-admin check",
        table: name, index: index.name, key: indexKey)
    }
    guard index.encodedKeys(for: value).contains(indexKey) else {
      throw StoreError(
        .corrupted,
        "index \(index.name) of table \(name) leads key \(hexKey(indexKey)) to row \(hexKey(rowKey)), whose "
          + "record does not carry that key: the index is damaged; run simpeg-admin check",
        table: name, index: index.name, key: indexKey)
    }
    return Row(key: try decodeKey(rowKey), value: value)
  }

  private func indexDatabase(_ index: String, in transaction: ReadTransaction) throws(StoreError) -> MDB_dbi {
    guard indexes.contains(where: { $0.name == index }) else {
      throw StoreError(
        .unknownTable, "index \(index) is not declared on table \(name)", table: name, index: index)
    }
    return try transaction.database(indexDatabaseName(table: name, index: index))
  }

  private func storedEntryKey(_ indexKey: [UInt8], row: [UInt8], unique: Bool) -> [UInt8] {
    unique ? indexKey : nonUniqueEntryKey(indexKey: indexKey, rowKey: row)
  }
}
