import SimpegStore
import SimpegStoreTestSupport
import Testing

@Suite("Change log")
struct ChangeLogTests {
  let folder = TemporaryFolder()

  @Test func sequencesAreConsecutiveAcrossBatchesAndRestarts() async throws {
    do {
      let store = try openStore(folder.path)
      try await withThrowingTaskGroup(of: Void.self) { group in
        for id in 1...40 {
          group.addTask {
            try await store.write { txn in try Fixtures.people.put(record([:]), for: UInt64(id), in: txn) }
          }
        }
        try await group.waitForAll()
      }
      try await store.write { txn in try Fixtures.people.delete(3, in: txn) }
      #expect(store.lastSequence == 41)
      let records = try store.changes(after: 0, limit: 100)
      #expect(records.map(\.sequence) == Array(1...41))
      #expect(records.last?.operation == .delete)
      #expect(try records.last?.decodeKey(as: UInt64.self) == 3)
      #expect(records.allSatisfy { $0.table == "people" })
      store.close()
    }
    let store = try openStore(folder.path)
    defer { store.close() }
    #expect(store.lastSequence == 41)
    let sequence = try await store.write { txn -> UInt64? in
      try Fixtures.people.put(record([:]), for: 100, in: txn)
      return txn.lastAssignedSequence
    }
    #expect(sequence == 42)
    #expect(try store.changes(after: 40, limit: 10).map(\.sequence) == [41, 42])
  }

  @Test func eachRequestInABatchSeesOnlyItsOwnAssignedSequence() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let gate = try await holdWriter(store, untilQueued: 2)
    // Queue the logged write first, so it runs first in the batch.
    let logged = Task {
      try await store.write { txn -> UInt64? in
        try Fixtures.people.put(record([:]), for: 1, in: txn)
        return txn.lastAssignedSequence
      }
    }
    #expect(await waitUntil { store.pendingWriteCount == 1 })
    let unlogged = Task {
      try await store.write { txn -> UInt64? in
        try Fixtures.quiet.put(record([:]), for: 1, in: txn)
        return txn.lastAssignedSequence
      }
    }
    let first = try await logged.value
    let second = try await unlogged.value
    try await gate.value
    #expect(first == 1)
    #expect(second == nil)
    #expect(try store.stats().largestBatch == 2)
  }

  /// Caches that follow the change log (the server's credential cache) rely on this: once a
  /// write has returned, `lastSequence` already covers it.
  @Test func lastSequenceCoversAWriteBeforeItsCallerResumes() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let uncovered = try await withThrowingTaskGroup(of: Bool.self) { group in
      for id in 1...64 {
        group.addTask {
          let sequence = try await store.write { txn -> UInt64? in
            try Fixtures.people.put(record([:]), for: UInt64(id), in: txn)
            return txn.lastAssignedSequence
          }
          return store.lastSequence < (sequence ?? .max)
        }
      }
      return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(uncovered == 0)
  }

  @Test func tablesThatDoNotOptInLeaveNoRecords() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in try Fixtures.quiet.put(record([:]), for: 1, in: txn) }
    #expect(store.lastSequence == 0)
    #expect(try store.changes(after: 0, limit: 10).isEmpty)
  }

  @Test func changesScanHonoursLimit() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in
      for id in 1...10 { try Fixtures.people.put(record([:]), for: UInt64(id), in: txn) }
    }
    #expect(try store.changes(after: 2, limit: 3).map(\.sequence) == [3, 4, 5])
  }

  @Test func waitForChangeWakesAfterACommit() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let start = store.lastSequence
    let waiter = Task { try await store.waitForChange(after: start) }
    try await store.write { txn in try Fixtures.people.put(record([:]), for: 1, in: txn) }
    let woken = try await waiter.value
    #expect(woken == start + 1)
  }

  @Test func waitForChangeReturnsAtOnceWhenAlreadyPassed() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in try Fixtures.people.put(record([:]), for: 1, in: txn) }
    #expect(try await store.waitForChange(after: 0) == 1)
  }

  @Test func waitForChangeEndsWithCancellation() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let waiter = Task { try await store.waitForChange(after: 1000) }
    waiter.cancel()
    await #expect(throws: CancellationError.self) { try await waiter.value }
  }

  @Test func waitForChangeEndsWhenTheStoreCloses() async throws {
    let store = try openStore(folder.path)
    let waiter = Task { try await store.waitForChange(after: 1000) }
    store.close()
    let error = await #expect(throws: StoreError.self) { try await waiter.value }
    #expect(error?.kind == .closed)
  }
}
