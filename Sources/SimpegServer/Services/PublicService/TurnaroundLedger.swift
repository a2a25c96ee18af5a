import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// The changes a write makes to the turnaround aggregates, gathered in memory and applied once
/// per aggregate row in the same transaction as the requests they count.
///
/// Each request counts once as received (in its unit, service and receipt month) and, once
/// closed, as completed (with its turnaround in the histogram, and within the standard or not)
/// or as rejected, in the month it was closed, for its unit and for its assignee. Counting with
/// `sign: -1` takes a request out again (removing an ingested batch).
struct TurnaroundLedger {
  /// A change to one aggregate row.
  struct Delta {
    var received = 0
    var completed = 0
    var rejected = 0
    var withinStandard = 0
    /// Turnaround value -> change of its count.
    var turnarounds: [Int: Int] = [:]
  }

  typealias UnitKey = CompositeKey3<UInt64, UInt64, UInt32>
  typealias EmployeeKey = CompositeKey3<UInt64, UInt32, UInt64>

  private(set) var units: [UnitKey: Delta] = [:]
  private(set) var employees: [EmployeeKey: Delta] = [:]

  /// Counts the receipt of `request`.
  mutating func countReceipt(of request: Simpeg_Internal_V1_ServiceRequestRecord, sign: Int = 1) {
    let month = WIBClock.monthKey(WIBClock.local(request.receivedAt).date)
    units[UnitKey(request.unitID, request.serviceID, month), default: Delta()].received += sign
  }

  /// Counts the completion or rejection of `request`; nothing for a request still open.
  mutating func countClosure(of request: Simpeg_Internal_V1_ServiceRequestRecord, sign: Int = 1) {
    let closedAt: Google_Protobuf_Timestamp
    switch request.state {
    case .completed: closedAt = request.completedAt
    case .rejected: closedAt = request.rejectedAt
    default: return
    }
    let month = WIBClock.monthKey(WIBClock.local(closedAt).date)
    func apply(_ delta: inout Delta) {
      if request.state == .completed {
        delta.completed += sign
        delta.withinStandard += request.withinStandard ? sign : 0
        delta.turnarounds[Int(request.turnaround), default: 0] += sign
      } else {
        delta.rejected += sign
      }
    }
    apply(&units[UnitKey(request.unitID, request.serviceID, month), default: Delta()])
    if request.assigneeEmployeeID != 0 {
      apply(&employees[EmployeeKey(request.assigneeEmployeeID, month, request.serviceID), default: Delta()])
    }
  }

  /// Counts everything a request contributes: its receipt and its closure.
  mutating func countWhole(_ request: Simpeg_Internal_V1_ServiceRequestRecord, sign: Int = 1) {
    countReceipt(of: request, sign: sign)
    countClosure(of: request, sign: sign)
  }

  /// Writes the changes: one read and one put (or delete, when it counts nothing any more) per
  /// aggregate row. Throws `INTERNAL` if an aggregate would go negative, which means it no longer
  /// matches its requests.
  func apply(in transaction: WriteTransaction) throws {
    for (key, delta) in units {
      let tally = try Self.applying(delta, to: Tables.unitTurnarounds.get(key, in: transaction))
      if let tally {
        try Tables.unitTurnarounds.put(tally, for: key, in: transaction)
      } else {
        try Tables.unitTurnarounds.delete(key, in: transaction)
      }
    }
    for (key, delta) in employees {
      let tally = try Self.applying(delta, to: Tables.employeeTurnarounds.get(key, in: transaction))
      if let tally {
        try Tables.employeeTurnarounds.put(tally, for: key, in: transaction)
      } else {
        try Tables.employeeTurnarounds.delete(key, in: transaction)
      }
    }
  }

  /// The tally with `delta` applied; nil when it counts nothing.
  private static func applying(_ delta: Delta, to stored: Simpeg_Internal_V1_TurnaroundTally?) throws
    -> Simpeg_Internal_V1_TurnaroundTally?
  {
    var tally = stored ?? Simpeg_Internal_V1_TurnaroundTally()
    func adjusted(_ value: UInt32, by change: Int) throws -> UInt32 {
      guard let result = UInt32(exactly: Int(value) + change) else {
        throw RPCError(.internal, "a turnaround aggregate no longer matches its requests")
      }
      return result
    }
    tally.received = try adjusted(tally.received, by: delta.received)
    tally.completed = try adjusted(tally.completed, by: delta.completed)
    tally.rejected = try adjusted(tally.rejected, by: delta.rejected)
    tally.withinStandard = try adjusted(tally.withinStandard, by: delta.withinStandard)
    if delta.turnarounds.contains(where: { $0.value != 0 }) {
      var histogram = tally.turnaroundHistogram
      for (value, change) in delta.turnarounds.sorted(by: { $0.key < $1.key }) {
        if change > 0 { histogram.record(value, times: change) }
        for _ in 0..<max(0, -change) {
          guard histogram.remove(value) else {
            throw RPCError(.internal, "a turnaround histogram no longer matches its requests")
          }
        }
      }
      tally.turnaroundHistogram = histogram
    }
    let empty =
      tally.received == 0 && tally.completed == 0 && tally.rejected == 0 && tally.histogram.isEmpty
    return empty ? nil : tally
  }
}

extension Simpeg_Internal_V1_TurnaroundTally {
  /// The histogram of the completed requests' turnarounds.
  var turnaroundHistogram: TurnaroundHistogram {
    get {
      TurnaroundHistogram(
        buckets: histogram.map { TurnaroundBucket(value: Int($0.value), count: Int($0.count)) })
    }
    set {
      histogram = newValue.buckets.map { bucket in
        var count = Simpeg_Internal_V1_TurnaroundCount()
        count.value = UInt32(clamping: bucket.value)
        count.count = UInt32(clamping: bucket.count)
        return count
      }
    }
  }
}
