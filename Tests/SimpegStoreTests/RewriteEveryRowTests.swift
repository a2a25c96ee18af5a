import SimpegStore
import Synchronization
import Testing

/// `Table.rewriteEveryRow`, what a migration uses to store a table's rows in a new form.
@Suite("Rewriting every row in a migration")
struct RewriteEveryRowTests {
  let folder = TemporaryFolder()
  /// More rows than one step of the rewrite (4,096), so the walk resumes after a step.
  let rowCount: UInt64 = 5_000

  /// Writes `rowCount` people named "orang N" at schema version 1 and returns the last sequence.
  func storeAtVersion1() async throws -> UInt64 {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { transaction in
      for id in 1...rowCount {
        try Fixtures.people.put(record(["name": "orang \(id)"]), for: id, in: transaction)
      }
    }
    return store.lastSequence
  }

  /// Version 2: every person's name in capitals.
  static let capitals = Migration(version: 2, name: "names in capitals") { transaction in
    try Fixtures.people.rewriteEveryRow(in: transaction) { _, person in
      person.fields["name"] = .init(stringValue: person.string("name")?.uppercased() ?? "")
    }
  }

  @Test func everyRowIsRewrittenAndItsIndexEntriesFollow() async throws {
    _ = try await storeAtVersion1()
    let store = try openStore(folder.path, schema: Fixtures.schema(version: 2, migrations: [Self.capitals]))
    defer { store.close() }
    try store.read { transaction in
      #expect(try Fixtures.people.count(in: transaction) == Int(rowCount))
      let names = try Fixtures.people.scan(in: transaction).map { $0.value.string("name") }
      #expect(names == (1...rowCount).map { "ORANG \($0)" })
      #expect(
        try Fixtures.people.find(Fixtures.byName, equalTo: "ORANG 4097", in: transaction).map(\.key) == [4097]
      )
      #expect(try Fixtures.people.find(Fixtures.byName, equalTo: "orang 4097", in: transaction).isEmpty)
    }
  }

  @Test func aRewriteAppendsNothingToTheChangeLog() async throws {
    let before = try await storeAtVersion1()
    let store = try openStore(folder.path, schema: Fixtures.schema(version: 2, migrations: [Self.capitals]))
    defer { store.close() }
    #expect(store.lastSequence == before)
    #expect(try store.changes(after: before, limit: 10).isEmpty)
  }

  @Test func aRewriteReportsItsProgressAfterEachStep() async throws {
    _ = try await storeAtVersion1()
    let reports = ProgressLog()
    let counting = Migration(version: 2, name: "counted") { transaction in
      let rows = try Fixtures.people.rewriteEveryRow(in: transaction, progress: { reports.add($0) })
      reports.add(-rows)
    }
    let store = try openStore(folder.path, schema: Fixtures.schema(version: 2, migrations: [counting]))
    store.close()
    #expect(reports.values == [4_096, Int(rowCount), -Int(rowCount)])
  }
}

/// What a migration's progress callback was told, in order.
private final class ProgressLog: Sendable {
  private let box = Mutex<[Int]>([])
  func add(_ value: Int) { box.withLock { $0.append(value) } }
  var values: [Int] { box.withLock { $0 } }
}
