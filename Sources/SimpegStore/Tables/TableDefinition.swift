/// What the schema needs to know about a table to open its LMDB databases.
///
/// ``Table`` conforms; the schema lists tables as `any TableDefinition` so tables of different
/// key and value types can sit in one list.
public protocol TableDefinition: Sendable {
  /// The table's name: its LMDB database name. Must not be empty, start with `_` or contain `/`.
  var name: String { get }
  /// The names of the table's secondary indexes; each is stored as the database `name/index`.
  var indexNames: [String] { get }
  /// Whether puts and deletes on this table append to the change log.
  var recordsChanges: Bool { get }
}

extension TableDefinition {
  /// The LMDB database names this table occupies: the table, then each index.
  var databaseNames: [String] {
    [name] + indexNames.map { indexDatabaseName(table: name, index: $0) }
  }
}

/// The LMDB database name of an index.
func indexDatabaseName(table: String, index: String) -> String {
  table + "/" + index
}

/// The largest key LMDB accepts in its default build (`mdb_env_get_maxkeysize`).
let maximumKeySize = 511

/// Throws ``StoreError/Kind/keyTooLong`` for an empty key or one over LMDB's limit.
func checkKeySize(_ key: [UInt8], table: String, index: String? = nil) throws(StoreError) {
  guard key.count > maximumKeySize || key.isEmpty else { return }
  let place = index.map { "index \($0) of table \(table)" } ?? "table \(table)"
  if key.isEmpty {
    throw StoreError(
      .keyTooLong, "\(place): a key encodes to no bytes; LMDB needs at least one", table: table,
      index: index, key: key)
  }
  throw StoreError(
    .keyTooLong,
    "\(place): a key encodes to \(key.count) bytes, over LMDB's limit of \(maximumKeySize); "
      + "shorten the key (for long text, index a prefix or a hash)",
    table: table, index: index, key: key)
}

/// A short hex rendering of a key for messages.
func hexKey(_ key: [UInt8]) -> String {
  let shown = key.prefix(48).map { byte in
    let text = String(byte, radix: 16)
    return byte < 16 ? "0" + text : text
  }.joined()
  return key.count > 48 ? shown + "…(\(key.count) bytes)" : shown
}
