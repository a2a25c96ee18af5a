import SimpegStore
import SimpegStoreTestSupport
import Synchronization
import Testing

/// How many times a state was written back.
private final class SaveCount: Sendable {
  let count = Atomic<Int>(0)
}

/// A counter kept in row 0 of `quiet` as a batch state, counting its writes in `saves`.
private func counter(_ saves: SaveCount) -> BatchState<Int> {
  BatchState(
    name: "test.counter",
    load: { transaction in Int(try Fixtures.quiet.get(0, in: transaction)?.string("n") ?? "0") ?? 0 },
    save: { value, transaction in
      saves.count.add(1, ordering: .relaxed)
      try Fixtures.quiet.put(record(["n": String(value)]), for: 0, in: transaction)
    })
}

/// The counter as stored.
private func storedCount(_ store: Store) throws -> Int {
  try store.read { Int(try Fixtures.quiet.get(0, in: $0)?.string("n") ?? "0") ?? 0 }
}

private struct Refusal: Error {}

@Suite("BatchState")
struct BatchStateTests {
  let folder = TemporaryFolder()

  @Test func aStateCarriesFromRequestToRequestAndIsWrittenOncePerBatch() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let saves = SaveCount()
    let state = counter(saves)
    let gate = try await holdWriter(store, untilQueued: 10)
    let values = try await withThrowingTaskGroup(of: Int.self) { group in
      for _ in 1...10 {
        group.addTask {
          try await store.write { transaction in
            try transaction.update(state) { value in
              value += 1
              return value
            }
          }
        }
      }
      return try await group.reduce(into: [Int]()) { $0.append($1) }
    }
    try await gate.value
    #expect(values.sorted() == Array(1...10))
    #expect(saves.count.load(ordering: .relaxed) == 1, "ten requests of one batch, one write")
    #expect(try storedCount(store) == 10)
  }

  @Test func aRequestThatThrowsGivesBackItsChangeToTheState() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let state = counter(SaveCount())
    let gate = try await holdWriter(store, untilQueued: 3)
    let increment: @Sendable (WriteTransaction) throws -> Int = { transaction in
      try transaction.update(state) { value in
        value += 1
        return value
      }
    }
    async let first = store.write(increment)
    let failing = Task {
      try await store.write { transaction in
        _ = try increment(transaction)
        throw Refusal()
      }
    }
    async let third = store.write(increment)
    let answers = try await [first, third]
    await #expect(throws: Refusal.self) { try await failing.value }
    try await gate.value
    #expect(try store.stats().isolatedRetries == 1, "the batch ran again with a transaction per request")
    #expect(answers.sorted() == [1, 2])
    #expect(try storedCount(store) == 2)
  }

  @Test func eachBatchLoadsTheStateAsStored() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let state = counter(SaveCount())
    _ = try await store.write { transaction in try transaction.update(state) { $0 += 1 } }
    try await store.write { transaction in
      try Fixtures.quiet.put(record(["n": "41"]), for: 0, in: transaction)
    }
    let next = try await store.write { transaction in
      try transaction.update(state) { value in
        value += 1
        return value
      }
    }
    #expect(next == 42)
    #expect(try storedCount(store) == 42)
  }

  @Test func aStateWithoutSaveWritesNothing() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let carried = BatchState<Int>(name: "test.carried") { _ in 7 }
    let value = try await store.write { transaction in
      try transaction.update(carried) { value in
        value += 1
        return value
      }
    }
    #expect(value == 8)
    #expect(try store.read { try Fixtures.quiet.count(in: $0) } == 0)
  }
}
