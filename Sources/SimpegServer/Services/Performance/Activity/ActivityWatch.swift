import SimpegAPI
import SimpegStore

/// The live stream of activity changes for one watcher: every change of the activity revisions
/// table (each an activity as it was at that change) whose employee the watcher may read, in
/// the store's commit order, each with its change sequence.
///
/// First the backlog after the starting sequence (read in batches from the change log, each in
/// its own short read transaction, never held across an await), then a CAUGHT_UP marker, then
/// live: the watcher sleeps in `Store.waitForChange(after:)` until the writer commits more. A
/// client that reconnects with the last sequence it saw gets no gap and no duplicate, since the
/// sequence is the log's own. The stream ends when the call ends (cancellation) and with
/// UNAVAILABLE when the daemon drains for shutdown.
struct ActivityWatch: Sendable {
  let store: ReadOnlyStore
  let health: HealthState
  let principal: Principal

  /// Change records read per batch.
  static let batchSize = 512

  /// Streams events after `sequence` into `response` until the call ends.
  func run(from sequence: UInt64, into response: ResponseWriter<Simpeg_V1_ActivityEvent>) async throws {
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
        try await stream(from: sequence, into: response)
      }
      defer { group.cancelAll() }
      do {
        try await group.next()
      } catch is CancellationError {
        return
      }
    }
  }

  private func stream(from start: UInt64, into response: ResponseWriter<Simpeg_V1_ActivityEvent>) async throws
  {
    var cursor = start
    var caughtUp = false
    while !Task.isCancelled {
      let batch = try read(after: cursor)
      for event in batch.events { try await response.write(event) }
      cursor = batch.scannedThrough
      if batch.more { continue }
      if !caughtUp {
        caughtUp = true
        var marker = Simpeg_V1_ActivityEvent()
        marker.sequence = cursor
        marker.kind = .caughtUp
        try await response.write(marker)
      }
      _ = try await store.waitForChange(after: cursor)
    }
  }

  /// One batch of the change log after `cursor`, filtered to visible activity changes.
  private func read(after cursor: UInt64) throws -> (
    events: [Simpeg_V1_ActivityEvent], scannedThrough: UInt64, more: Bool
  ) {
    try store.read { transaction in
      let changes = try store.changes(after: cursor, limit: Self.batchSize, in: transaction)
      var events: [Simpeg_V1_ActivityEvent] = []
      var visible: [UInt64: Bool] = [:]
      for change in changes where change.table == Tables.activityRevisions.name && change.operation == .put {
        let key = try change.decodeKey(as: CompositeKey2<UInt64, UInt32>.self)
        guard let activity = try Tables.activityRevisions.get(key, in: transaction) else { continue }
        let employee = activity.employeeID
        if visible[employee] == nil {
          visible[employee] = try canSee(employee, in: transaction)
        }
        guard visible[employee] == true else { continue }
        var event = Simpeg_V1_ActivityEvent()
        event.sequence = change.sequence
        event.kind = Self.kind(of: activity)
        event.activity = activity
        events.append(event)
      }
      return (events, changes.last?.sequence ?? cursor, changes.count == Self.batchSize)
    }
  }

  /// The event a revision stands for: what it changed, or for revisions stored before changes
  /// were named, logged (the first) or reviewed.
  static func kind(of activity: Simpeg_V1_Activity) -> Simpeg_V1_ActivityEventKind {
    switch activity.lastChange {
    case .logged: return .logged
    case .edited: return .edited
    case .reviewed: return .reviewed
    case .withdrawn: return .withdrawn
    case .resubmitted: return .resubmitted
    case .unspecified, .UNRECOGNIZED: return activity.revision <= 1 ? .logged : .reviewed
    }
  }

  /// Whether the watcher sees `employee`'s activities: everyone for those who read everything,
  /// otherwise the people below the watcher's positions (not their own).
  private func canSee(_ employee: UInt64, in transaction: ReadTransaction) throws -> Bool {
    if Authorizer.readsEveryone(principal, scope: ServiceScopes.performanceRead) { return true }
    guard let record = try Tables.employees.get(employee, in: transaction) else { return false }
    return try Authorizer.supervises(principal, record, in: transaction)
  }
}
