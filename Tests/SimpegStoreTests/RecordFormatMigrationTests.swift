import Foundation
import SwiftProtobuf
import Testing

@testable import SimpegStore

/// Stores written by store format 1 (records without checksums) are rewritten in place when
/// opened. The end-to-end tests do the same with a backup made by the format-1 daemon itself.
@Suite("Record format migration")
struct RecordFormatMigrationTests {
  let folder = TemporaryFolder()

  /// Makes a store, then turns its records and change log back into format 1, as the format-1
  /// code wrote them: a version byte and the protobuf bytes; format byte 1 for change records.
  private func makeFormat1Store(rows: Int) async throws -> String {
    let path = folder.child("data")
    let store = try openStore(path)
    try await store.write { txn in
      for row in 0..<rows {
        try Fixtures.ledger.put(record(["name": "pegawai \(row)"]), for: UInt64(row), in: txn)
      }
    }
    try await store.write { txn in
      let ledger = try txn.database("ledger")
      for row in 0..<rows {
        let payload: [UInt8] = try record(["name": "pegawai \(row)"]).serializedBytes()
        try txn.put(ledger, key: UInt64(row).encodedKey, bytes: [1] + payload, table: "ledger")
      }
      let changes = try txn.database(InternalTable.changes)
      for sequence in 1...UInt64(rows) {
        let name = Array("ledger".utf8)
        let old: [UInt8] = [1, 1, 0, UInt8(name.count)] + name + UInt64(sequence - 1).encodedKey
        try txn.put(changes, key: sequence.encodedKey, bytes: old, table: InternalTable.changes)
      }
      try Meta.write(Meta.formatVersionKey, 1, in: txn)
    }
    store.close()
    return path
  }

  @Test func aFormat1StoreIsMigratedOnOpenAndReadsAsBefore() async throws {
    let path = try await makeFormat1Store(rows: 250)
    let store = try openStore(path)
    defer { store.close() }
    let rows = try store.read { try Fixtures.ledger.scan(in: $0) }
    #expect(rows.count == 250)
    #expect(rows[42].value.string("name") == "pegawai 42")
    #expect(
      try store.read { try Fixtures.ledger.find(Fixtures.byName, equalTo: "pegawai 9", in: $0) }.count == 1)
    let changes = try store.changes(after: 0, limit: 1_000)
    #expect(changes.count == 250)
    #expect(changes.last?.table == "ledger")
    let file = try await backup(store)
    #expect(try StoreCheck.run(backupFile: file).intact)
  }

  @Test func aMigratedStoreWritesAndChecksLikeANewOne() async throws {
    let path = try await makeFormat1Store(rows: 20)
    let store = try openStore(path)
    try await store.write { txn in try Fixtures.ledger.put(record(["name": "baru"]), for: 500, in: txn) }
    store.close()
    let report = try StoreCheck.run(folder: path)
    #expect(report.intact)
    #expect(report.storeFormatVersion == 2)
  }

  private func backup(_ store: Store) async throws -> String {
    let file = folder.child("backup.mdb")
    _ = try await store.backup(to: file)
    return file
  }
}
