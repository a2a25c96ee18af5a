import Foundation
import SimpegStore
import SimpegStoreTestSupport
import Testing

@Suite("Writer")
struct WriterTests {
  let folder = TemporaryFolder()

  /// Linux keeps 15 bytes of a thread's name and refuses a longer one outright, which left the
  /// store's threads unnamed in `top -H`, `perf` and /proc (and the benches' per-thread figures
  /// without their writer).
  @Test func theWriterAndFlusherThreadsCarryTheirNames() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in try Fixtures.quiet.put(record([:]), for: 1, in: txn) }
    let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
    let names = Set(
      tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    #expect(names.isSuperset(of: ["store-writer", "store-flusher"]), "\(names.sorted())")
  }

  @Test func concurrentWritesShareCommits() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let before = try store.stats().commits
    let gate = try await holdWriter(store, untilQueued: 63)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for id in 1...63 {
        group.addTask {
          try await store.write { txn in try Fixtures.quiet.put(record([:]), for: UInt64(id), in: txn) }
        }
      }
      try await group.waitForAll()
    }
    try await gate.value
    let stats = try store.stats()
    #expect(stats.commits - before == 2, "63 queued writes plus the gate should take two commits")
    #expect(stats.largestBatch == 63)
    #expect(try store.read { try Fixtures.quiet.count(in: $0) } == 63)
  }

  @Test func failingRequestInABatchFailsAloneAndNeighboursCommit() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in
      try Fixtures.people.put(record(["email": "taken@x"]), for: 10, in: txn)
    }
    let sequenceBefore = store.lastSequence
    let commitsBefore = try store.stats().commits
    let gate = try await holdWriter(store, untilQueued: 3)
    async let first: Void = store.write { txn in
      try Fixtures.people.put(record(["email": "a@x"]), for: 1, in: txn)
    }
    let clash = Task {
      try await store.write { txn in
        try Fixtures.people.put(record(["email": "taken@x"]), for: 2, in: txn)
      }
    }
    async let third: Void = store.write { txn in
      try Fixtures.people.put(record(["email": "c@x"]), for: 3, in: txn)
    }
    try await first
    try await third
    let error = await #expect(throws: StoreError.self) { try await clash.value }
    try await gate.value
    #expect(error?.kind == .uniqueViolation)
    #expect(error?.index == "by_email")
    let stats = try store.stats()
    #expect(stats.commits - commitsBefore == 2)
    #expect(stats.isolatedRetries == 1)
    let present = try store.read { txn in
      try [1, 2, 3].map { try Fixtures.people.exists(UInt64($0), in: txn) }
    }
    #expect(present == [true, false, true])
    // The failed request gave its sequence number back: the log has no gap.
    let sequences = try store.changes(after: sequenceBefore, limit: 10).map(\.sequence)
    #expect(sequences == [sequenceBefore + 1, sequenceBefore + 2])
  }

  @Test func writeReturnsTheClosureResultAndRethrowsItsError() async throws {
    struct Refused: Error {}
    let store = try openStore(folder.path)
    defer { store.close() }
    let value = try await store.write { _ in 42 }
    #expect(value == 42)
    await #expect(throws: Refused.self) {
      try await store.write { txn in
        try Fixtures.quiet.put(record([:]), for: 1, in: txn)
        throw Refused()
      }
    }
    #expect(try store.read { try Fixtures.quiet.exists(1, in: $0) } == false)
  }

  @Test func oneRequestPerTransactionModeCommitsEachWriteSeparately() async throws {
    let store = try openStore(
      folder.path, configuration: StoreConfiguration(mapSize: 16 << 20, maxBatchSize: 1))
    defer { store.close() }
    let before = try store.stats().commits
    try await withThrowingTaskGroup(of: Void.self) { group in
      for id in 1...20 {
        group.addTask {
          try await store.write { txn in try Fixtures.quiet.put(record([:]), for: UInt64(id), in: txn) }
        }
      }
      try await group.waitForAll()
    }
    let stats = try store.stats()
    #expect(stats.commits - before == 20)
    #expect(stats.largestBatch == 1)
  }

  @Test func committedWritesArePresentAfterReopen() async throws {
    do {
      let store = try openStore(folder.path)
      try await store.write { txn in try Fixtures.quiet.put(record(["v": "kept"]), for: 5, in: txn) }
      store.close()
    }
    let store = try openStore(folder.path)
    defer { store.close() }
    #expect(try store.read { try Fixtures.quiet.get(5, in: $0)?.string("v") } == "kept")
  }

  @Test func closedStoreRefusesWritesAndReads() async throws {
    let store = try openStore(folder.path)
    store.close()
    let writeError = await #expect(throws: StoreError.self) {
      try await store.write { txn in try Fixtures.quiet.put(record([:]), for: 1, in: txn) }
    }
    #expect(writeError?.kind == .closed)
    let readError = #expect(throws: StoreError.self) { try store.read { try Fixtures.quiet.count(in: $0) } }
    #expect(readError?.kind == .closed)
  }

  @Test func readsNestedInReadsAndInWritesSeeConsistentData() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in try Fixtures.quiet.put(record([:]), for: 1, in: txn) }
    let nested = try store.read { _ in try store.read { try Fixtures.quiet.count(in: $0) } }
    #expect(nested == 1)
    let inside = try await store.write { txn in
      try Fixtures.quiet.put(record([:]), for: 2, in: txn)
      return try Fixtures.quiet.count(in: txn)
    }
    #expect(inside == 2)
  }
}
