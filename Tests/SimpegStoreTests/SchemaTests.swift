import NIOConcurrencyHelpers
import SimpegStore
import Testing

/// Migrations that note the order they ran in.
final class MigrationLog: Sendable {
  let ran = NIOLockedValueBox<[UInt64]>([])

  func migration(_ version: UInt64, fails: Bool = false) -> Migration {
    Migration(version: version, name: "step \(version)") { txn in
      struct Broken: Error {}
      if fails { throw Broken() }
      self.ran.withLockedValue { $0.append(version) }
      try Fixtures.quiet.put(record(["by": "migration \(version)"]), for: version, in: txn)
    }
  }

  var order: [UInt64] { ran.withLockedValue { $0 } }
}

@Suite("Schema and migrations")
struct SchemaTests {
  let folder = TemporaryFolder()

  @Test func pendingMigrationsRunInVersionOrderExactlyOnce() throws {
    let log = MigrationLog()
    let schema = Fixtures.schema(
      version: 3, migrations: [log.migration(3), log.migration(1), log.migration(2)])
    try openStore(folder.path, schema: schema).close()
    #expect(log.order == [1, 2, 3])
    let store = try openStore(folder.path, schema: schema)
    defer { store.close() }
    #expect(log.order == [1, 2, 3])
    #expect(try store.read { try Fixtures.quiet.keys(in: $0) } == [1, 2, 3])
  }

  @Test func onlyMigrationsAboveTheStoredVersionRun() throws {
    let log = MigrationLog()
    try openStore(folder.path, schema: Fixtures.schema(version: 1, migrations: [log.migration(1)])).close()
    let upgraded = Fixtures.schema(version: 2, migrations: [log.migration(1), log.migration(2)])
    try openStore(folder.path, schema: upgraded).close()
    #expect(log.order == [1, 2])
  }

  @Test func failedMigrationLeavesTheVersionAndRunsAgainNextOpen() throws {
    let log = MigrationLog()
    let broken = Fixtures.schema(version: 2, migrations: [log.migration(1), log.migration(2, fails: true)])
    #expect(throws: StoreError.self) { try openStore(folder.path, schema: broken) }
    #expect(log.order == [1])
    let fixed = Fixtures.schema(version: 2, migrations: [log.migration(1), log.migration(2)])
    try openStore(folder.path, schema: fixed).close()
    #expect(log.order == [1, 2])
  }

  @Test func folderWithNewerSchemaIsRefusedNamingBothVersions() throws {
    try openStore(folder.path, schema: Fixtures.schema(version: 5)).close()
    let error = #expect(throws: StoreError.self) {
      try openStore(folder.path, schema: Fixtures.schema(version: 2))
    }
    #expect(error?.kind == .versionTooNew)
    #expect(error?.message.contains("schema version 5") == true)
    #expect(error?.message.contains("version 2") == true)
    // The refusal changed nothing: the newer program still opens it.
    try openStore(folder.path, schema: Fixtures.schema(version: 5)).close()
  }

  @Test func reservedOrRepeatedTableNamesAreRejected() {
    let reserved = StoreSchema(version: 1, tables: [Table<UInt64, Record>(name: "_meta")])
    let error = #expect(throws: StoreError.self) { try openStore(folder.path, schema: reserved) }
    #expect(error?.kind == .invalidConfiguration)
    let twice = StoreSchema(version: 1, tables: [Fixtures.quiet, Fixtures.quiet])
    #expect(throws: StoreError.self) { try openStore(folder.path, schema: twice) }
  }
}
