import SimpegAPI
import SimpegRPC
import SimpegStore

/// The live stream of activity changes for one watcher: every change of the activity revisions
/// table (each an activity as it was at that change) whose employee the watcher may read, in
/// the store's commit order, each with its change sequence, over a ``ChangeFeed`` (the backlog
/// after the starting sequence, a CAUGHT_UP marker, then live; resumable with no gap and no
/// duplicate).
struct ActivityWatch: Sendable {
  let store: ReadOnlyStore
  let health: HealthState
  let principal: Principal

  /// Change records read per batch.
  static let batchSize = 512

  /// Streams events after `sequence` into `response` until the call ends.
  func run(from sequence: UInt64, into response: ResponseWriter<Simpeg_V1_ActivityEvent>) async throws {
    let feed = ChangeFeed<Simpeg_V1_ActivityEvent>(
      store: store, health: health, read: { try read(after: $0) },
      caughtUp: { sequence in
        var marker = Simpeg_V1_ActivityEvent()
        marker.sequence = sequence
        marker.kind = .caughtUp
        return marker
      })
    try await feed.run(from: sequence, into: response)
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
        event.activity = Simpeg_V1_Activity(activity)
        events.append(event)
      }
      return (events, changes.last?.sequence ?? cursor, changes.count == Self.batchSize)
    }
  }

  /// The event a revision stands for: what it changed, or for revisions stored before changes
  /// were named, logged (the first) or reviewed.
  static func kind(of activity: Simpeg_Internal_V1_ActivityRecord) -> Simpeg_V1_ActivityEventKind {
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
