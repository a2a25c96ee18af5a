import SimpegAPI
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// A live stream of events read from the store's change log, for one watcher: first the events
/// of the changes after the starting sequence (read in batches by `read`, each batch in its own
/// short read transaction, never held across an await), then the caught-up marker, then live:
/// the feed sleeps in `Store.waitForChange(after:)` until the writer commits more. A client that
/// reconnects with the last sequence it saw gets no gap, since the sequence is the log's own.
/// The stream ends when the call ends (cancellation) and with UNAVAILABLE when the daemon drains
/// for shutdown.
struct ChangeFeed<Event: SwiftProtobuf.Message & Sendable>: Sendable {
  /// One batch: the events, the last sequence scanned, whether more changes wait.
  typealias Batch = (events: [Event], scannedThrough: UInt64, more: Bool)

  let store: ReadOnlyStore
  let health: HealthState
  /// The events of the changes after a sequence, one batch.
  let read: @Sendable (_ after: UInt64) throws -> Batch
  /// The caught-up marker at a sequence.
  let caughtUp: @Sendable (_ sequence: UInt64) -> Event

  /// Streams into `response` until the call ends: `opening` first when given (events and the
  /// sequence they reflect, where the log is read from instead of `start`), then the changes.
  ///
  /// A `start` past the end of the log is refused with OUT_OF_RANGE: no event of this store
  /// carried it (a watcher only ever sees durable sequences), so it comes from another state of
  /// the store, one restored from an older backup since, and resuming there would wait in
  /// silence until new changes passed it and then skip the ones before.
  func run(
    from start: UInt64, opening: (@Sendable () throws -> (events: [Event], sequence: UInt64))? = nil,
    into response: ResponseWriter<Event>
  ) async throws {
    let end = store.lastSequence
    guard start <= end else {
      throw RPCError(
        .outOfRange,
        "from_sequence \(start) is past the end of the change log (\(end)): it is not a sequence of this "
          + "store as it is now (restored from an older backup?); watch again from 0 and read afresh what you hold"
      )
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        for await status in health.updates() where status == .notServing {
          throw RPCError(
            .unavailable,
            "the server is shutting down; reconnect later with from_sequence set to the last event's sequence"
          )
        }
      }
      group.addTask {
        var cursor = start
        if let opening {
          let (events, sequence) = try opening()
          for event in events { try await response.write(event) }
          cursor = sequence
        }
        try await stream(from: cursor, into: response)
      }
      defer { group.cancelAll() }
      do {
        try await group.next()
      } catch is CancellationError {
        return
      }
    }
  }

  private func stream(from start: UInt64, into response: ResponseWriter<Event>) async throws {
    var cursor = start
    var marked = false
    while !Task.isCancelled {
      let batch = try read(cursor)
      for event in batch.events { try await response.write(event) }
      cursor = batch.scannedThrough
      if batch.more { continue }
      if !marked {
        marked = true
        try await response.write(caughtUp(cursor))
      }
      _ = try await store.waitForChange(after: cursor)
    }
  }
}
