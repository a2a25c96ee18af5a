import SimpegStore
import Synchronization
import Testing

@Suite("Map growth")
struct MapGrowthTests {
  let folder = TemporaryFolder()

  @Test func tinyMapGrowsUnderConcurrentLoadWithoutLosingAWrite() async throws {
    let initial = 64 << 10
    let store = try openStore(folder.path, configuration: StoreConfiguration(mapSize: initial))
    defer { store.close() }
    let payload = String(repeating: "x", count: 700)
    let writersDone = Atomic<Bool>(false)
    // A reader runs throughout, so growth has to wait for read transactions to end.
    let reader = Task {
      var reads = 0
      let deadline = ContinuousClock.now.advanced(by: .seconds(60))
      while !writersDone.load(ordering: .acquiring) && ContinuousClock.now < deadline && reads < 10_000_000 {
        _ = try store.read { try Fixtures.ledger.count(in: $0) }
        reads += 1
        await Task.yield()
      }
      return reads
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for writer in 0..<8 {
        group.addTask {
          for round in 0..<60 {
            let id = UInt64(writer * 1000 + round)
            try await store.write { txn in
              try Fixtures.ledger.put(record(["name": "n\(id)", "pad": payload]), for: id, in: txn)
            }
          }
        }
      }
      try await group.waitForAll()
    }
    writersDone.store(true, ordering: .releasing)
    _ = try await reader.value
    let stats = try store.stats()
    #expect(stats.mapResizes > 0)
    #expect(stats.mapSize > initial)
    let keys = try store.read { try Fixtures.ledger.keys(in: $0) }
    let expected = (0..<8).flatMap { writer in (0..<60).map { UInt64(writer * 1000 + $0) } }
    #expect(keys == expected.sorted())
    #expect(stats.table("ledger/by_name")?.entries == 480)
  }

  @Test func mapAtItsCapFailsWritesWithMapFullAndKeepsCommittedOnes() async throws {
    let store = try openStore(
      folder.path, configuration: StoreConfiguration(mapSize: 64 << 10, maxMapSize: 256 << 10))
    defer { store.close() }
    let payload = String(repeating: "y", count: 1500)
    var committed: [UInt64] = []
    var failure: StoreError?
    for id in UInt64(0)..<1000 where failure == nil {
      do {
        try await store.write { txn in try Fixtures.quiet.put(record(["pad": payload]), for: id, in: txn) }
        committed.append(id)
      } catch let error as StoreError {
        failure = error
      }
    }
    #expect(failure?.kind == .mapFull)
    #expect(failure?.message.contains("maxMapSize") == true)
    #expect(try store.stats().mapSize == 256 << 10)
    #expect(try store.read { try Fixtures.quiet.keys(in: $0) } == committed)
  }
}
