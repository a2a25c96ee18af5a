import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore

/// One read of the audit trail (AdminService/ReadAudit): a run of records by sequence, oldest
/// or newest first, optionally of one actor and within a time window, and where to continue.
///
/// Times never go backwards along the trail (see ``AuditTrail``), so a time window is a range
/// of sequences: its ends are found by binary search, and a scan stops at the first record
/// past the window. Without an actor every record examined is returned. With an actor, the
/// records come from `Tables.auditByActor` (that actor's records in sequence order); the
/// index has no seek, so continuing a read from `from_sequence` skips that actor's records
/// before it, a cost that grows with the actor's records on the skipped side only.
struct AuditQuery: Sendable {
  /// Records per read when the request says 0.
  static let defaultLimit = 100
  /// The most records one read returns.
  static let maximumLimit = 1000

  /// The first (oldest first) or newest (newest first) sequence to read; 0 for the start.
  let from: UInt64
  /// The most records to return.
  let limit: Int
  /// The actor's username lowercased, nil for every actor.
  let actor: String?
  /// Only records at or after this time.
  let since: Date?
  /// Only records at or before this time.
  let until: Date?
  /// Whether to read backwards.
  let newestFirst: Bool

  /// Checks and normalises a request.
  init(_ request: Simpeg_V1_ReadAuditRequest) throws {
    from = request.fromSequence
    limit = request.limit == 0 ? Self.defaultLimit : min(Int(request.limit), Self.maximumLimit)
    if request.actor.isEmpty {
      actor = nil
    } else {
      actor = try AccountInput.lookupName(request.actor, field: "actor")
    }
    since = request.hasSince ? request.since.date : nil
    until = request.hasUntil ? request.until.date : nil
    if let since, let until, since > until {
      throw RPCError(.invalidArgument, "since, until: since is after until; the window is empty")
    }
    newestFirst = request.newestFirst
  }

  /// The records and where to continue.
  func run(in transaction: ReadTransaction) throws -> Simpeg_V1_ReadAuditResponse {
    var response = Simpeg_V1_ReadAuditResponse()
    // Returns false to stop. A record beyond the window ends the read; one before the start
    // (only met through the actor index) is skipped.
    let visit = { (record: Simpeg_Internal_V1_AuditTrailRecord) -> Bool in
      let time = record.time.date
      if newestFirst {
        if let since, time < since { return false }
        if from != 0, record.sequence > from { return true }
        if let until, time > until { return true }
      } else {
        if let until, time > until { return false }
        if record.sequence < from { return true }
        if let since, time < since { return true }
      }
      if response.records.count == limit {
        response.nextSequence = record.sequence
        return false
      }
      response.records.append(Simpeg_V1_AuditRecord(record))
      return true
    }
    if let actor {
      try scanActor(actor, in: transaction, visit)
    } else {
      try scanSequences(in: transaction, visit)
    }
    return response
  }

  /// Walks the trail by sequence from the start of the read, the window's end narrowing it.
  private func scanSequences(
    in transaction: ReadTransaction, _ visit: (Simpeg_Internal_V1_AuditTrailRecord) throws -> Bool
  ) throws {
    guard let last = try Tables.audit.keys(in: transaction, direction: .reverse, limit: 1).first
    else { return }
    let range: KeyRange<UInt64>
    if newestFirst {
      var upper = from == 0 ? last : min(from, last)
      if let until { upper = min(upper, try lastSequence(atOrBefore: until, last: last, in: transaction)) }
      guard upper >= 1 else { return }
      range = .closed(1, upper)
    } else {
      var lower = max(from, 1)
      if let since { lower = max(lower, try firstSequence(atOrAfter: since, last: last, in: transaction)) }
      guard lower <= last else { return }
      range = .from(lower)
    }
    try Tables.audit.forEach(in: transaction, range: range, direction: newestFirst ? .reverse : .forward) {
      try visit($0.value)
    }
  }

  /// Walks one actor's records through the index, in pages.
  private func scanActor(
    _ actor: String, in transaction: ReadTransaction,
    _ visit: (Simpeg_Internal_V1_AuditTrailRecord) throws -> Bool
  ) throws {
    var token: PageToken?
    repeat {
      let page = try Tables.audit.page(
        Tables.auditByActor, prefix: KeyPrefix(actor), in: transaction,
        direction: newestFirst ? .reverse : .forward, limit: 256, after: token)
      for row in page.rows {
        guard try visit(row.value) else { return }
      }
      token = page.nextPageToken
    } while token != nil
  }

  /// The first sequence whose time is at or after `time` (`last + 1` when none is).
  private func firstSequence(atOrAfter time: Date, last: UInt64, in transaction: ReadTransaction)
    throws -> UInt64
  {
    try firstSequence(last: last, in: transaction) { $0 >= time }
  }

  /// The last sequence whose time is at or before `time` (0 when none is).
  private func lastSequence(atOrBefore time: Date, last: UInt64, in transaction: ReadTransaction)
    throws -> UInt64
  {
    try firstSequence(last: last, in: transaction) { $0 > time } - 1
  }

  /// The first sequence in 1...last whose time passes `test` (`last + 1` when none does), by
  /// binary search: `test` must hold from some record on, as times never go backwards.
  private func firstSequence(
    last: UInt64, in transaction: ReadTransaction, where test: (Date) -> Bool
  ) throws -> UInt64 {
    var low: UInt64 = 1
    var high = last + 1
    while low < high {
      let middle = low + (high - low) / 2
      let record = try Tables.audit.get(middle, in: transaction)
      if let record, test(record.time.date) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
