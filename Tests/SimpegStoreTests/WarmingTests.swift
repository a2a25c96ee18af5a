import SimpegStore
import Testing

@Suite("Warming")
struct WarmingTests {
  let folder = TemporaryFolder()

  /// Writes `count` people with a name and an email (two index entries each).
  private func fill(_ store: Store, _ count: Int) async throws {
    for start in stride(from: 1, through: count, by: 2_000) {
      try await store.write { txn in
        for id in start..<min(count + 1, start + 2_000) {
          try Fixtures.people.put(
            record(["name": "person \(id)", "email": "p\(id)@example.org"]), for: UInt64(id), in: txn)
        }
      }
    }
  }

  private func finished(_ store: Store) async throws -> StoreWarmingReport? {
    _ = await waitUntil {
      if case .running = store.warming { return false }
      return true
    }
    guard case .finished(let report) = store.warming else { return nil }
    return report
  }

  @Test func warmingReadsEveryEntryOfTheNamedTablesAndTheirIndexes() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await fill(store, 300)
    try await store.write { txn in try Fixtures.quiet.put(record([:]), for: 1, in: txn) }
    store.warmInBackground([Fixtures.people.name], logger: silentLogger)
    let report = try #require(try await finished(store))
    #expect(report.databases == ["people", "people/by_name", "people/by_email", "people/by_tag"])
    #expect(report.entries == 300 * 3)
  }

  @Test func warmingReadsInShortTransactions() async throws {
    let store = try openStore(folder.path, configuration: StoreConfiguration(mapSize: 64 << 20))
    defer { store.close() }
    try await fill(store, 10_000)
    store.warmInBackground([Fixtures.people.name], logger: silentLogger)
    let report = try #require(try await finished(store))
    #expect(report.entries == 30_000)
    #expect(report.transactions >= 30_000 / Store.warmingTransactionEntries)
  }

  @Test func warmingAskedForTwiceRunsOnce() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await fill(store, 10)
    store.warmInBackground([Fixtures.people.name], logger: silentLogger)
    store.warmInBackground([Fixtures.ledger.name], logger: silentLogger)
    let report = try #require(try await finished(store))
    #expect(report.databases.first == "people")
  }

  @Test func closingTheStoreEndsWarming() async throws {
    let store = try openStore(folder.path, configuration: StoreConfiguration(mapSize: 64 << 20))
    try await fill(store, 10_000)
    store.warmInBackground([Fixtures.people.name], logger: silentLogger)
    store.close()
    #expect(
      await waitUntil {
        if case .running = store.warming { return false }
        return true
      })
  }
}
