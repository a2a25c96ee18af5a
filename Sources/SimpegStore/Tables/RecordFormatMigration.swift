/// Brings a store written in store format 1 (records without checksums) to format 2, in place.
///
/// Every row of every declared table is rewritten in the checksummed ``RecordEnvelope`` and every
/// change-log record in its checksummed layout, all in the one transaction that also records the
/// new format, so a crash leaves the store wholly in one format or the other. Indexes hold keys
/// only and stay as they are. Rows of databases the schema no longer declares are left alone.
enum RecordFormatMigration {
  /// Rows read and rewritten per step of a walk (bounded memory for large tables).
  private static let step = 4096

  /// Rewrites every record; returns how many were rewritten.
  static func run(_ schema: StoreSchema, in transaction: WriteTransaction) throws -> Int {
    var rewritten = 0
    for table in schema.tables {
      rewritten += try rewrite(table.name, in: transaction) { key, value in
        guard let version = value.first, version >= 1, version <= RecordEnvelope.maxVersion else {
          throw StoreError(
            .valueUndecodable,
            "table \(table.name): the format-1 value under key \(hexKey(key)) has no valid version byte; "
              + "the data file is damaged, restore it from a backup",
            table: table.name, key: key)
        }
        return RecordEnvelope.sealed(version: version, key: key, payload: Array(value[1...]))
      }
    }
    rewritten += try rewrite(InternalTable.changes, in: transaction) { key, value in
      let sequence = key.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
      guard key.count == 8, let upgraded = ChangeRecord.upgradeFormat1(sequence: sequence, bytes: value)
      else {
        throw StoreError(
          .corrupted,
          "change log entry \(hexKey(key)) is not a format-1 change record; the data file is damaged, restore "
            + "it from a backup",
          table: InternalTable.changes, key: key)
      }
      return upgraded
    }
    return rewritten
  }

  private static func rewrite(
    _ database: String, in transaction: WriteTransaction, _ convert: ([UInt8], [UInt8]) throws -> [UInt8]
  ) throws -> Int {
    let dbi = try transaction.database(database)
    var after: [UInt8]?
    var count = 0
    while true {
      var rows: [([UInt8], [UInt8])] = []
      try transaction.walk(
        dbi, lower: nil, upper: nil, direction: .forward, after: after, table: database
      ) { key, value in
        rows.append((Array(key), Array(value)))
        return rows.count < step
      }
      for (key, value) in rows {
        try transaction.put(dbi, key: key, bytes: try convert(key, value), table: database)
      }
      count += rows.count
      guard rows.count == step, let last = rows.last?.0 else { return count }
      after = last
    }
  }
}
