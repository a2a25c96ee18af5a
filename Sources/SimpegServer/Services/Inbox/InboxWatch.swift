import SimpegAPI
import SimpegRPC
import SimpegStore

/// The live inbox of one account over a ``ChangeFeed``: from sequence 0 the inbox as it is
/// (ADDED events at the sequence it reflects), otherwise every change of the change log after the
/// starting sequence; then a CAUGHT_UP marker; then live. Each change of a record that can put something in an inbox
/// (SKPs, activity revisions, evaluations, keberatan, follow-ups) is judged by ``InboxItems`` as
/// the record is now: an item present is ADDED (again), a key of the record that concerns the
/// account and is absent is REMOVED. Replaying a change is therefore harmless, and a client that
/// reconnects from the last event's `resume_from` misses nothing: that is the event's sequence on
/// the last event of a change, and the sequence before on the others, since a change can give
/// several events and a cut can fall between them.
struct InboxWatch: Sendable {
  let store: ReadOnlyStore
  let health: HealthState
  let principal: Principal
  let clock: WIBClock
  let keberatanWindow: Duration

  /// Change records read per batch.
  static let batchSize = 512

  /// The tables whose changes can change an inbox.
  static let tables: Set<String> = [
    Tables.skps.name, Tables.activityRevisions.name, Tables.evaluations.name, Tables.keberatan.name,
    Tables.followUps.name,
  ]

  /// Streams events after `sequence` (the whole inbox first for 0) into `response` until the
  /// call ends.
  func run(from sequence: UInt64, into response: ResponseWriter<Simpeg_V1_InboxEvent>) async throws {
    let feed = ChangeFeed<Simpeg_V1_InboxEvent>(
      store: store, health: health, read: { try read(after: $0) },
      caughtUp: { sequence in
        var marker = Simpeg_V1_InboxEvent()
        marker.sequence = sequence
        marker.resumeFrom = sequence
        marker.kind = .caughtUp
        return marker
      })
    guard sequence == 0 else { return try await feed.run(from: sequence, into: response) }
    try await feed.run(from: 0, opening: { try opening() }, into: response)
  }

  /// The inbox as it is, as ADDED events at the sequence it reflects at least.
  private func opening() throws -> (events: [Simpeg_V1_InboxEvent], sequence: UInt64) {
    let asOf = store.lastSequence
    let items = try store.read { try InboxContents(items: rules()).all(in: $0) }
    var events = items.map { Self.event(.added, $0, sequence: asOf, resumeFrom: 0) }
    if !events.isEmpty { events[events.count - 1].resumeFrom = asOf }
    return (events, asOf)
  }

  /// The rules as of now.
  private func rules() -> InboxItems {
    let moment = clock.now()
    return InboxItems(
      principal: principal, today: moment.today, now: moment.timestamp, keberatanWindow: keberatanWindow)
  }

  /// One batch of the change log after `cursor`, as inbox events.
  private func read(after cursor: UInt64) throws -> (
    events: [Simpeg_V1_InboxEvent], scannedThrough: UInt64, more: Bool
  ) {
    let rules = rules()
    return try store.read { transaction in
      let changes = try store.changes(after: cursor, limit: Self.batchSize, in: transaction)
      var events: [Simpeg_V1_InboxEvent] = []
      for change in changes where change.operation == .put && Self.tables.contains(change.table) {
        guard let answer = try answer(to: change, rules: rules, in: transaction) else { continue }
        let present = Set(answer.items.map(\.key))
        // A cut before the change's last event resumes from the sequence before: the change again.
        let first = events.count
        for item in answer.items {
          events.append(Self.event(.added, item, sequence: change.sequence, resumeFrom: change.sequence - 1))
        }
        for key in answer.concerned where !present.contains(key) {
          var removed = Simpeg_V1_InboxItem()
          removed.key = key
          events.append(
            Self.event(.removed, removed, sequence: change.sequence, resumeFrom: change.sequence - 1))
        }
        if events.count > first { events[events.count - 1].resumeFrom = change.sequence }
      }
      return (events, changes.last?.sequence ?? cursor, changes.count == Self.batchSize)
    }
  }

  /// What the record of `change`, as it is now, puts in the inbox; nil when it is gone.
  private func answer(
    to change: ChangeRecord, rules: InboxItems, in transaction: ReadTransaction
  ) throws -> InboxItems.Answer? {
    switch change.table {
    case Tables.skps.name:
      return try Tables.skps.get(change.decodeKey(as: UInt64.self), in: transaction).map {
        try rules.of($0, in: transaction)
      }
    case Tables.activityRevisions.name:
      let key = try change.decodeKey(as: CompositeKey2<UInt64, UInt32>.self)
      return try Tables.activities.get(key.first, in: transaction).map { try rules.of($0, in: transaction) }
    case Tables.evaluations.name:
      return try Tables.evaluations.get(change.decodeKey(as: UInt64.self), in: transaction).map(rules.of)
    case Tables.keberatan.name:
      return try Tables.keberatan.get(change.decodeKey(as: UInt64.self), in: transaction).map {
        try rules.of($0, in: transaction)
      }
    case Tables.followUps.name:
      return try Tables.followUps.get(change.decodeKey(as: UInt64.self), in: transaction).map(rules.of)
    default:
      return nil
    }
  }

  private static func event(
    _ kind: Simpeg_V1_InboxEventKind, _ item: Simpeg_V1_InboxItem, sequence: UInt64, resumeFrom: UInt64
  ) -> Simpeg_V1_InboxEvent {
    var event = Simpeg_V1_InboxEvent()
    event.sequence = sequence
    event.resumeFrom = resumeFrom
    event.kind = kind
    event.item = item
    return event
  }
}
