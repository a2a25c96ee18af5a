import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// Checks the items of an IngestServiceRequests stream one by one, as they arrive, and turns each
/// good one into the request to store.
///
/// An item must be right in itself (a reference, a channel, a receipt time, then only steps that
/// follow in the order of a request's life, each not before the one before and none in the
/// future) and fit the store (its service exists; its assignee works in the service's unit or
/// below; its reference is new in the unit and in the call). An item identical to a request
/// ingested before is reported as already present, so a call can be retried.
struct HistoricalRequestCheck {
  /// What one item turned out to be.
  enum Outcome {
    /// A request to store, without its id and turnaround yet.
    case new(Simpeg_Internal_V1_ServiceRequestRecord)
    /// An identical historical request is stored already.
    case alreadyPresent
  }

  /// Who ingests: recorded as the actor of every step.
  let actor: String
  /// The server's clock when the call began.
  let now: Date
  private var services: [UInt64: Simpeg_Internal_V1_PublicServiceRecord] = [:]
  private var assigneeUnits: [UInt64: UInt64] = [:]
  private var references: [CompositeKey2<UInt64, String>: Int] = [:]

  init(actor: String, now: Date) {
    self.actor = actor
    self.now = now
  }

  /// Checks item `index`; throws the ``IngestRefusal`` of the first rule it breaks.
  mutating func check(
    _ item: Simpeg_V1_HistoricalServiceRequest, index: Int, in transaction: ReadTransaction
  ) throws(IngestRefusal) -> Outcome {
    func refuse(_ code: StatusCode, _ reason: String) -> IngestRefusal {
      IngestRefusal(index: index, reference: item.reference, code: code, reason: reason)
    }
    do {
      var record = try checkedAlone(item)
      guard let service = try service(item.serviceID, in: transaction) else {
        throw refuse(.notFound, "no public service with id \(item.serviceID)")
      }
      record.unitID = service.unitID
      record.standard = service.standard
      if record.assigneeEmployeeID != 0 {
        try checkAssignee(record.assigneeEmployeeID, unitID: service.unitID, in: transaction)
      }
      let key = CompositeKey2(service.unitID, record.reference)
      if let earlier = references[key] {
        throw refuse(
          .invalidArgument, "the reference '\(record.reference)' repeats item #\(earlier) of this call")
      }
      references[key] = index
      if let stored = try Tables.serviceRequests.findUnique(
        Tables.serviceRequestsByReference, key, in: transaction)
      {
        if stored.value.historical, Self.sameHistory(stored.value, record) { return .alreadyPresent }
        throw refuse(
          .alreadyExists,
          "the reference '\(record.reference)' is already used by request \(stored.key) of unit \(service.unitID)"
        )
      }
      return .new(record)
    } catch let refusal as IngestRefusal {
      throw refusal
    } catch let error as RPCError {
      throw refuse(error.code, error.message)
    } catch let error as StoreError {
      let status = StoreErrorInterceptor.status(for: error)
      throw refuse(status.code, status.message)
    } catch {
      throw refuse(.internal, "the item could not be checked")
    }
  }

  /// The request an item describes, checked on its own (`INVALID_ARGUMENT` for the first problem).
  private func checkedAlone(_ item: Simpeg_V1_HistoricalServiceRequest) throws
    -> Simpeg_Internal_V1_ServiceRequestRecord
  {
    func invalid(_ reason: String) -> RPCError { RPCError(.invalidArgument, reason) }
    var record = Simpeg_Internal_V1_ServiceRequestRecord()
    record.serviceID = item.serviceID
    record.reference = try PublicServiceHandler.reference(item.reference)
    guard item.channel == .counter || item.channel == .online else {
      throw invalid("the channel must be SERVICE_CHANNEL_COUNTER or SERVICE_CHANNEL_ONLINE")
    }
    record.channel = item.channel
    record.historical = true
    record.note = item.note
    guard item.hasReceivedAt else { throw invalid("received_at is required") }
    var previous = try StepTime.resolve(item.receivedAt, after: nil, what: "the receipt", now: now)
    record.receivedAt = previous
    record.state = .received
    record.transitions = [PublicServiceHandler.transition(.received, at: previous, actor: actor)]
    func step(_ state: Simpeg_V1_ServiceRequestState, _ time: Google_Protobuf_Timestamp, _ what: String)
      throws
    {
      previous = try StepTime.resolve(time, after: previous, what: what, now: now)
      record.state = state
      var transition = PublicServiceHandler.transition(state, at: previous, actor: actor)
      if state == .assigned { transition.employeeID = item.assigneeEmployeeID }
      record.transitions.append(transition)
    }
    guard (item.assigneeEmployeeID != 0) == item.hasAssignedAt else {
      throw invalid("assignee_employee_id and assigned_at go together: set both or neither")
    }
    if item.hasAssignedAt {
      try step(.assigned, item.assignedAt, "the assignment")
      record.assigneeEmployeeID = item.assigneeEmployeeID
      record.assignedAt = previous
    }
    if item.hasStartedAt {
      guard item.hasAssignedAt else { throw invalid("started_at needs an assignment first (assigned_at)") }
      try step(.inProcess, item.startedAt, "the start")
      record.startedAt = previous
    }
    guard !(item.hasCompletedAt && item.hasRejectedAt) else {
      throw invalid("a request is completed or rejected, not both")
    }
    if item.hasCompletedAt {
      guard item.hasStartedAt else {
        throw invalid("completed_at needs started_at: a request is completed only once in process")
      }
      try step(.completed, item.completedAt, "the completion")
      record.completedAt = previous
    }
    if item.hasRejectedAt {
      let reason = try PublicServiceHandler.rejectionReason(item.rejectionReason, field: "rejection_reason")
      try step(.rejected, item.rejectedAt, "the rejection")
      record.rejectedAt = previous
      record.rejectionReason = reason
    } else if !item.rejectionReason.isEmpty {
      throw invalid("rejection_reason is only for a rejected request (rejected_at)")
    }
    return record
  }

  private mutating func service(_ id: UInt64, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_PublicServiceRecord?
  {
    if let cached = services[id] { return cached }
    let service = try Tables.publicServices.get(id, in: transaction)
    services[id] = service
    return service
  }

  private mutating func checkAssignee(_ employeeID: UInt64, unitID: UInt64, in transaction: ReadTransaction)
    throws
  {
    if assigneeUnits[employeeID] == unitID { return }
    guard let employee = try Tables.employees.get(employeeID, in: transaction) else {
      throw RPCError(.notFound, "no employee with id \(employeeID) to assign")
    }
    guard try PerangkatDaerah.unit(employee.unitID, isAtOrBelow: unitID, in: transaction) else {
      throw RPCError(
        .failedPrecondition,
        "employee \(employeeID) works in unit \(employee.unitID), which is not unit \(unitID) of the service "
          + "nor below it")
    }
    assigneeUnits[employeeID] = unitID
  }

  /// Whether a stored request tells the same history as a checked item.
  static func sameHistory(
    _ stored: Simpeg_Internal_V1_ServiceRequestRecord, _ item: Simpeg_Internal_V1_ServiceRequestRecord
  ) -> Bool {
    stored.serviceID == item.serviceID && stored.reference == item.reference && stored.channel == item.channel
      && stored.state == item.state && stored.assigneeEmployeeID == item.assigneeEmployeeID
      && stored.receivedAt == item.receivedAt && stored.assignedAt == item.assignedAt
      && stored.startedAt == item.startedAt && stored.completedAt == item.completedAt
      && stored.rejectedAt == item.rejectedAt && stored.rejectionReason == item.rejectionReason
      && stored.note == item.note
  }
}

/// Why an IngestServiceRequests call is refused: the first bad item, its place in the stream and
/// the rule it breaks.
struct IngestRefusal: Error, Sendable {
  /// The item's place in the stream, from 0.
  let index: Int
  /// The item's reference as sent.
  let reference: String
  /// The status the call ends with.
  let code: StatusCode
  /// The rule broken.
  let reason: String

  /// The error the call ends with when nothing was stored: the status, a message naming the
  /// item, and an `IngestProblem` detail.
  var error: RPCError { error(outcome: "nothing was ingested") }

  /// The error the call ends with, saying what became of the call's requests (`outcome`).
  func error(outcome: String) -> RPCError {
    var problem = Simpeg_V1_IngestProblem()
    problem.itemIndex = UInt32(clamping: index)
    problem.reference = reference
    problem.reason = reason
    let details = (try? Google_Protobuf_Any(message: problem)).map { [$0] } ?? []
    let shown = reference.count > 64 ? String(reference.prefix(64)) + "..." : reference
    return RPCError(
      code, "item #\(index) (reference '\(shown)'): \(reason); \(outcome)", details: details)
  }
}
