import SimpegStore
import Testing

@Suite("Stats")
struct StatsTests {
  let folder = TemporaryFolder()

  @Test func statsReportEntriesPagesMapAndReaders() async throws {
    let store = try openStore(
      folder.path, configuration: StoreConfiguration(mapSize: 8 << 20, maxReaders: 50))
    defer { store.close() }
    try await store.write { txn in
      for id in 1...300 { try Fixtures.people.put(record(["name": "n\(id)"]), for: UInt64(id), in: txn) }
    }
    let stats = try store.stats()
    let people = try #require(stats.table("people"))
    #expect(people.entries == 300)
    #expect(people.depth >= 1)
    #expect(people.leafPages >= 1)
    #expect(stats.table("people/by_name")?.entries == 300)
    #expect(stats.table("_changes")?.entries == 300)
    #expect(stats.mapSize == 8 << 20)
    #expect(stats.usedBytes > 0 && stats.usedBytes <= stats.mapSize)
    #expect(stats.maxReaders == 50)
    #expect(stats.readersInUse >= 1)
    #expect(stats.lastSequence == 300)
    #expect(stats.committedRequests == 1)
  }
}
