import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import SimpegStore

#if canImport(Glibc)
  import Glibc
#endif

/// Stands in for the flusher's flush: tells the test when a flush begins and holds it there until
/// the test lets it go; then flushes for real, or fails with `failure` when one is set.
private final class HeldFlush: Sendable {
  private let entered: AsyncStream<Void>.Continuation
  /// One element per flush that began.
  let flushesBegun: AsyncStream<Void>
  private let gate = DispatchSemaphore(value: 0)
  private let failure = NIOLockedValueBox<Int32>(0)

  init() {
    (flushesBegun, entered) = AsyncStream.makeStream(of: Void.self)
  }

  /// The hook to open a store with.
  var hook: FlushHook {
    { [self] flush in
      entered.yield()
      gate.wait()
      let code = failure.withLockedValue { $0 }
      return code == 0 ? flush() : code
    }
  }

  /// Lets one held flush go on.
  func release() { gate.signal() }

  /// Makes the flushes from now on fail with `code` instead of flushing.
  func fail(with code: Int32) { failure.withLockedValue { $0 = code } }

  /// Lets every flush go on from now on, so the store can close.
  func releaseAll() {
    for _ in 0..<64 { gate.signal() }
  }
}

/// The order of the durable write path: a commit flushes its data pages, its meta page is flushed
/// after it, and only then is the batch answered. The meta page's flush goes through a hook here,
/// so each test holds the store at the point a crash or power loss could strike: committed, meta
/// page not yet flushed. A store that answered there could lose an acknowledged write.
@Suite("Durable answers")
struct DurableAnswerTests {
  let folder = TemporaryFolder()

  private func open(_ flush: HeldFlush) throws -> Store {
    try Store.open(
      at: folder.path, configuration: StoreConfiguration(mapSize: 16 << 20), schema: Fixtures.schema(),
      logger: silentLogger, flushHook: flush.hook)
  }

  @Test func aWriteIsNotAnsweredBeforeItsMetaPageIsFlushed() async throws {
    let flush = HeldFlush()
    let store = try open(flush)
    defer {
      flush.releaseAll()
      store.close()
    }
    let before = store.lastSequence
    let write = Task {
      try await store.write { txn in
        try Fixtures.people.put(record(["name": "Sri"]), for: 1, in: txn)
        return txn.lastAssignedSequence
      }
    }
    var begun = flush.flushesBegun.makeAsyncIterator()
    _ = await begun.next()
    // Committed (the flusher starts only for a committed batch), meta page not flushed yet.
    #expect(try store.stats().committedRequests == 1)
    #expect(store.lastSequence == before, "the change was published before its meta page was flushed")
    #expect(
      try store.changes(after: before, limit: 10).isEmpty, "the change feed served a change not yet durable")
    flush.release()
    let sequence = try await write.value
    #expect(sequence == before + 1)
    #expect(store.lastSequence == before + 1)
    #expect(try store.changes(after: before, limit: 10).map(\.sequence) == [before + 1])
    #expect(try store.stats().flushes == 1)
  }

  @Test func theNextCommitsDataFlushAnswersTheBatchBeforeIt() async throws {
    let flush = HeldFlush()
    let store = try open(flush)
    defer {
      flush.releaseAll()
      store.close()
    }
    let before = store.lastSequence
    let first = Task {
      try await store.write { txn in try Fixtures.people.put(record(["name": "Ani"]), for: 1, in: txn) }
    }
    var begun = flush.flushesBegun.makeAsyncIterator()
    _ = await begun.next()
    // The flusher is held in the first batch's flush. The second commit flushes the data file
    // before it writes its own meta page, which makes the first batch durable.
    let second = Task {
      try await store.write { txn in try Fixtures.people.put(record(["name": "Budi"]), for: 2, in: txn) }
    }
    try await first.value
    #expect(store.lastSequence == before + 1, "only the first change is durable while the flush is held")
    #expect(try store.stats().batchesCoveredByNextCommit == 1)
    flush.releaseAll()
    try await second.value
    #expect(store.lastSequence == before + 2)
  }

  @Test func aFailedFlushFailsTheWritesItWasFor() async throws {
    let flush = HeldFlush()
    let store = try open(flush)
    defer {
      flush.releaseAll()
      store.close()
    }
    let before = store.lastSequence
    flush.fail(with: EIO)
    flush.releaseAll()
    await #expect(throws: StoreError.self) {
      try await store.write { txn in try Fixtures.people.put(record(["name": "Citra"]), for: 3, in: txn) }
    }
    #expect(store.lastSequence == before, "a change whose flush failed was published")
    flush.fail(with: 0)
    try await store.write { txn in try Fixtures.people.put(record(["name": "Dewi"]), for: 4, in: txn) }
    #expect(store.lastSequence == before + 2)
  }

  @Test func closingFlushesAndAnswersTheLastBatch() async throws {
    let flush = HeldFlush()
    flush.releaseAll()
    let store = try open(flush)
    try await store.write { txn in try Fixtures.people.put(record(["name": "Eka"]), for: 5, in: txn) }
    let sequence = store.lastSequence
    store.close()
    let reopened = try openStore(folder.path)
    defer { reopened.close() }
    #expect(reopened.lastSequence == sequence)
    #expect(try reopened.read { try Fixtures.people.get(5, in: $0) }?.string("name") == "Eka")
  }
}
