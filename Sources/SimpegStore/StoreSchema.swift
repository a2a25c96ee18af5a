import Logging

/// What a store holds: its schema version, its tables, and the migrations that lead to the version.
///
/// On open, the store reads the schema version recorded in its `_meta` table (0 for a new folder),
/// refuses a folder whose version is newer than ``version`` (``StoreError/Kind/versionTooNew``),
/// then runs each migration whose version is above the recorded one, in ascending order, each in
/// its own write transaction that also records the new version, so a crash between two migrations
/// resumes at the next one. Finally the recorded version is raised to ``version``.
public struct StoreSchema: Sendable {
  /// The schema version this code writes.
  public var version: UInt64
  /// The tables (with their indexes) the store opens.
  public var tables: [any TableDefinition]
  /// The steps from older versions, in any order; they run in ascending version order.
  public var migrations: [Migration]

  /// Creates a schema.
  public init(version: UInt64, tables: [any TableDefinition], migrations: [Migration] = []) {
    self.version = version
    self.tables = tables
    self.migrations = migrations
  }

  /// Throws ``StoreError/Kind/invalidConfiguration`` naming the first inconsistency.
  func validate() throws(StoreError) {
    var names = Set<String>()
    for table in tables {
      guard !table.name.isEmpty, !table.name.hasPrefix("_"), !table.name.contains("/") else {
        throw StoreError(
          .invalidConfiguration,
          "table name \"\(table.name)\" is invalid: not empty, no leading underscore, no slash")
      }
      guard names.insert(table.name).inserted else {
        throw StoreError(.invalidConfiguration, "table \(table.name) is declared twice")
      }
      var indexNames = Set<String>()
      for index in table.indexNames {
        guard !index.isEmpty, indexNames.insert(index).inserted else {
          throw StoreError(
            .invalidConfiguration, "table \(table.name) has an empty or repeated index name \"\(index)\"")
        }
      }
    }
    var versions = Set<UInt64>()
    for migration in migrations {
      guard migration.version >= 1, migration.version <= version else {
        throw StoreError(
          .invalidConfiguration,
          "migration \(migration.name) has version \(migration.version), outside 1...\(version)")
      }
      guard versions.insert(migration.version).inserted else {
        throw StoreError(.invalidConfiguration, "two migrations have version \(migration.version)")
      }
    }
  }
}

/// One step of the schema: the changes that bring the data to ``version``.
///
/// The body runs on the opening thread in its own write transaction. It may run more than once if
/// the map has to grow mid-way (its first attempt is rolled back), so it must not have side
/// effects outside the transaction.
public struct Migration: Sendable {
  /// The schema version the data has once this step committed.
  public let version: UInt64
  /// A name for logs and errors.
  public let name: String
  /// The changes; the progress reports what a long step has done so far.
  public let body: @Sendable (WriteTransaction, MigrationProgress) throws -> Void

  /// Declares a migration step.
  public init(version: UInt64, name: String, body: @escaping @Sendable (WriteTransaction) throws -> Void) {
    self.init(version: version, name: name) { transaction, _ in try body(transaction) }
  }

  /// Declares a migration step that reports its progress (one over large tables should, so an
  /// operator watching the first start after an upgrade sees it move).
  public init(
    version: UInt64, name: String,
    body: @escaping @Sendable (WriteTransaction, MigrationProgress) throws -> Void
  ) {
    self.version = version
    self.name = name
    self.body = body
  }
}

/// Where a running migration step reports what it has done: the store's log, at `info`, with
/// the step's version.
public struct MigrationProgress: Sendable {
  let logger: Logger
  let version: UInt64

  /// Logs `message` with `metadata` and the step's version.
  public func report(_ message: String, _ metadata: [String: String] = [:]) {
    var fields: Logger.Metadata = ["version": "\(version)"]
    for (key, value) in metadata { fields[key] = "\(value)" }
    logger.info("\(message)", metadata: fields)
  }
}
