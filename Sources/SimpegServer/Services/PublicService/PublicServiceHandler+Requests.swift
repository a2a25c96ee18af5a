import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// The life of a service request: received, assigned to an employee, in process, completed or
/// rejected with a reason (``ServiceRequestLifecycle``). Each step records its time and who
/// recorded it; the receipt and the closing step update the turnaround aggregates in the same
/// transaction. Internal apps call these with `services.write`; ADMIN may too.
extension PublicServiceHandler {
  func receiveServiceRequest(request: Simpeg_V1_ReceiveServiceRequestRequest, context: ServerContext)
    async throws -> Simpeg_V1_ServiceRequest
  {
    let reference = try Self.reference(request.reference)
    guard request.channel == .counter || request.channel == .online else {
      throw RPCError(
        .invalidArgument, "the channel must be SERVICE_CHANNEL_COUNTER or SERVICE_CHANNEL_ONLINE")
    }
    let moment = core.clock.now()
    let receivedAt = try StepTime.resolve(
      request.hasAt ? request.at : nil, after: nil, what: "the receipt", now: moment.instant)
    let actor = try context.principal().username
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry, at: moment) { mutation in
      let transaction = mutation.transaction
      guard let service = try Tables.publicServices.get(request.serviceID, in: transaction) else {
        throw RPCError(.notFound, "no public service with id \(request.serviceID)")
      }
      guard service.active else {
        throw RPCError(
          .failedPrecondition, "'\(service.name)' is not offered any more (inactive); it receives no requests"
        )
      }
      if let taken = try Tables.serviceRequests.findUnique(
        Tables.serviceRequestsByReference, CompositeKey2(service.unitID, reference), in: transaction)
      {
        throw RPCError(
          .alreadyExists, "the reference '\(reference)' is already used by request \(taken.key) of this unit")
      }
      var record = Simpeg_Internal_V1_ServiceRequestRecord()
      record.id = try Tables.nextID("service_request", in: transaction)
      record.serviceID = service.id
      record.unitID = service.unitID
      record.reference = reference
      record.channel = request.channel
      record.state = .received
      record.receivedAt = receivedAt
      record.standard = service.standard
      record.note = request.note
      record.transitions = [Self.transition(.received, at: receivedAt, actor: actor)]
      try Tables.serviceRequests.insert(record, for: record.id, in: transaction)
      var ledger = TurnaroundLedger()
      ledger.countReceipt(of: record)
      try ledger.apply(in: transaction)
      mutation.audit(targets: ["service_request:\(record.id)", "public_service:\(service.id)"])
      return Simpeg_V1_ServiceRequest(record)
    }
  }

  func assignServiceRequest(request: Simpeg_V1_AssignServiceRequestRequest, context: ServerContext)
    async throws -> Simpeg_V1_ServiceRequest
  {
    let employeeID = request.employeeID
    return try await move(
      request.requestID, .assign, at: request.hasAt ? request.at : nil, context: context, message: request,
      targets: ["employee:\(employeeID)"]
    ) { record, _, transaction in
      try Self.checkAssignee(employeeID, for: record, in: transaction)
      record.assigneeEmployeeID = employeeID
    }
  }

  func startServiceRequest(request: Simpeg_V1_StartServiceRequestRequest, context: ServerContext)
    async throws -> Simpeg_V1_ServiceRequest
  {
    try await move(
      request.requestID, .start, at: request.hasAt ? request.at : nil, context: context, message: request
    ) { _, _, _ in }
  }

  func completeServiceRequest(request: Simpeg_V1_CompleteServiceRequestRequest, context: ServerContext)
    async throws -> Simpeg_V1_ServiceRequest
  {
    try await move(
      request.requestID, .complete, at: request.hasAt ? request.at : nil, context: context, message: request
    ) { record, time, transaction in
      try HolidayCalendar.measure(&record, completedAt: time, in: transaction)
    }
  }

  func rejectServiceRequest(request: Simpeg_V1_RejectServiceRequestRequest, context: ServerContext)
    async throws -> Simpeg_V1_ServiceRequest
  {
    let reason = try Self.rejectionReason(request.reason, field: "reason")
    return try await move(
      request.requestID, .reject, at: request.hasAt ? request.at : nil, context: context, message: request
    ) { record, _, _ in
      record.rejectionReason = reason
    }
  }

  /// Applies `action` to request `requestID` in one transaction: checks the order of the steps
  /// and their times, lets `change` do the step's own work, records the transition, updates the
  /// aggregates when the request closes, and appends the audit record.
  private func move<Message: SwiftProtobuf.Message>(
    _ requestID: UInt64, _ action: ServiceRequestAction, at: Google_Protobuf_Timestamp?,
    context: ServerContext, message: Message, targets: [String] = [],
    change:
      @escaping @Sendable (
        inout Simpeg_Internal_V1_ServiceRequestRecord, Google_Protobuf_Timestamp, WriteTransaction
      )
      throws -> Void
  ) async throws -> Simpeg_V1_ServiceRequest {
    let actor = try context.principal().username
    let entry = try AuditEntry(context: context, request: message)
    let moment = core.clock.now()
    let now = moment.instant
    return try await ledger.record(entry, at: moment) { mutation in
      let transaction = mutation.transaction
      guard var record = try Tables.serviceRequests.get(requestID, in: transaction) else {
        throw RPCError(.notFound, "no service request with id \(requestID)")
      }
      guard let state = record.state.rule else {
        throw RPCError(
          .dataLoss, "service request \(requestID) has an unknown state \(record.state.rawValue)")
      }
      let next: ServiceRequestState
      do throws(ServiceRequestTransitionError) {
        next = try ServiceRequestLifecycle.apply(action, to: state)
      } catch {
        throw RPCError(.failedPrecondition, "service request \(requestID): \(error.description)")
      }
      let time = try StepTime.resolve(at, after: record.lastStepAt, what: "this step (\(action))", now: now)
      try change(&record, time, transaction)
      record.state = Simpeg_V1_ServiceRequestState(rawValue: next.rawValue) ?? .unspecified
      switch next {
      case .assigned: record.assignedAt = time
      case .inProcess: record.startedAt = time
      case .completed: record.completedAt = time
      case .rejected: record.rejectedAt = time
      case .received: break
      }
      var transition = Self.transition(record.state, at: time, actor: actor)
      if next == .assigned { transition.employeeID = record.assigneeEmployeeID }
      record.transitions.append(transition)
      try Tables.serviceRequests.put(record, for: record.id, in: transaction)
      if next.isFinal {
        var ledger = TurnaroundLedger()
        ledger.countClosure(of: record)
        try ledger.apply(in: transaction)
      }
      mutation.audit(targets: ["service_request:\(record.id)"] + targets)
      return Simpeg_V1_ServiceRequest(record)
    }
  }

  /// `FAILED_PRECONDITION` unless `employeeID` is an active employee of the request's unit or of a
  /// unit below it.
  static func checkAssignee(
    _ employeeID: UInt64, for record: Simpeg_Internal_V1_ServiceRequestRecord, in transaction: ReadTransaction
  ) throws {
    guard let employee = try Tables.employees.get(employeeID, in: transaction), employee.active else {
      throw RPCError(.failedPrecondition, "no active employee with id \(employeeID) to assign")
    }
    guard try PerangkatDaerah.unit(employee.unitID, isAtOrBelow: record.unitID, in: transaction) else {
      throw RPCError(
        .failedPrecondition,
        "employee \(employeeID) works in unit \(employee.unitID), which is not unit \(record.unitID) of the "
          + "service nor below it; only its own staff handle its requests")
    }
  }

  /// A registration number: required, at most 64 characters.
  static func reference(_ raw: String) throws -> String {
    try FieldCheck.text(raw, field: "reference", limit: 64, required: true)
  }

  /// Why a request is rejected: required, at most 500 characters.
  static func rejectionReason(_ raw: String, field: String) throws -> String {
    try FieldCheck.text(raw, field: field, limit: 500, required: true, multiline: true)
  }

  static func transition(
    _ state: Simpeg_V1_ServiceRequestState, at time: Google_Protobuf_Timestamp, actor: String
  ) -> Simpeg_V1_ServiceRequestTransition {
    var transition = Simpeg_V1_ServiceRequestTransition()
    transition.state = state
    transition.at = time
    transition.actor = actor
    return transition
  }
}
