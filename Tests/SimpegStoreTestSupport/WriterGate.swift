import SimpegStore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The gate write of ``holdWriter(_:untilQueued:)`` never began within a minute.
public struct WriterGateNotStarted: Error, CustomStringConvertible {
  /// What went wrong.
  public var description: String { "the gate write never started" }
}

/// Holds the store's writer thread inside a write until `count` more requests are queued behind
/// it (at most 20 s), so that those requests share the next batch; returns the gate write for the
/// test to await. Throws ``WriterGateNotStarted`` when the writer never takes it.
public func holdWriter(_ store: Store, untilQueued count: Int) async throws -> Task<Void, any Error> {
  let entered = Atomic<Bool>(false)
  let gate = Task {
    try await store.write { _ in
      entered.store(true, ordering: .releasing)
      let deadline = ContinuousClock.now.advanced(by: .seconds(20))
      var spins = 0
      while store.pendingWriteCount < count && ContinuousClock.now < deadline && spins < 100_000_000 {
        spins += 1
        sched_yield()
      }
    }
  }
  let deadline = ContinuousClock.now.advanced(by: .seconds(60))
  while !entered.load(ordering: .acquiring) && ContinuousClock.now < deadline {
    try? await Task.sleep(for: .milliseconds(1))
  }
  guard entered.load(ordering: .acquiring) else { throw WriterGateNotStarted() }
  return gate
}
