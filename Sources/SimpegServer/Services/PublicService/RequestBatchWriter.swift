import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Writes checked historical requests in one transaction, and takes them out again: the rows,
/// their indexes and their share of the turnaround aggregates together.
enum RequestBatchWriter {
  /// A checked request and its item's place in the stream.
  struct Pending: Sendable {
    var index: Int
    var request: Simpeg_Internal_V1_ServiceRequestRecord
  }

  /// Stores `batch`: gives each request an id, measures the completed ones with the holidays of
  /// the batch's span, and counts them in the aggregates. Returns the ids in batch order.
  /// Throws the ``IngestRefusal`` of an item whose reference was taken since it was checked.
  static func store(_ batch: [Pending], in transaction: WriteTransaction) throws -> [UInt64] {
    guard !batch.isEmpty else { return [] }
    let first = try Tables.reserveIDs("service_request", count: batch.count, in: transaction)
    let calendar = try calendar(for: batch.map(\.request), in: transaction)
    var ledger = TurnaroundLedger()
    var ids: [UInt64] = []
    ids.reserveCapacity(batch.count)
    for (offset, pending) in batch.enumerated() {
      var request = pending.request
      request.id = first + UInt64(offset)
      if request.state == .completed {
        do {
          try HolidayCalendar.measure(&request, completedAt: request.completedAt, calendar: calendar)
        } catch let error as RPCError {
          throw IngestRefusal(
            index: pending.index, reference: request.reference, code: error.code, reason: error.message)
        }
      }
      if try Tables.serviceRequests.findUnique(
        Tables.serviceRequestsByReference, CompositeKey2(request.unitID, request.reference), in: transaction)
        != nil
      {
        throw IngestRefusal(
          index: pending.index, reference: request.reference, code: .alreadyExists,
          reason: "the reference '\(request.reference)' was taken by another request while this call ran")
      }
      try Tables.serviceRequests.insert(request, for: request.id, in: transaction)
      ledger.countWhole(request)
      ids.append(request.id)
    }
    try ledger.apply(in: transaction)
    return ids
  }

  /// Deletes the requests `ids` and takes them out of the aggregates.
  static func remove(_ ids: some Sequence<UInt64>, in transaction: WriteTransaction) throws {
    var ledger = TurnaroundLedger()
    for id in ids {
      guard let request = try Tables.serviceRequests.get(id, in: transaction) else { continue }
      ledger.countWhole(request, sign: -1)
      try Tables.serviceRequests.delete(id, in: transaction)
    }
    try ledger.apply(in: transaction)
  }

  /// The working calendar with every holiday from the earliest receipt to the latest completion.
  private static func calendar(
    for requests: [Simpeg_Internal_V1_ServiceRequestRecord], in transaction: ReadTransaction
  )
    throws -> WorkingCalendar
  {
    let completed = requests.filter { $0.state == .completed }
    guard let earliest = completed.map({ WIBClock.local($0.receivedAt).date }).min(),
      let latest = completed.map({ WIBClock.local($0.completedAt).date }).max()
    else { return WorkingCalendar() }
    return try HolidayCalendar.calendar(from: earliest, through: latest, in: transaction)
  }
}
