import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// `simpeg.v1.ActivityService`: activities logged as they happen, their review, the live stream
/// for supervisors and realisation against the SKP.
struct ActivityServiceHandler: Simpeg_V1_ActivityService.Handler {
  let core: ServerCore

  private var store: ReadOnlyStore { core.store }
  private var ledger: Ledger { core.ledger }

  /// The most activities one bulk review takes.
  static let maxBulkReview = 500

  func logActivity(request: Simpeg_V1_LogActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  {
    let principal = try context.principal()
    let employeeID = request.employeeID == 0 ? principal.employeeID : request.employeeID
    if principal.isService {
      guard principal.hasScope(ServiceScopes.activitiesWrite), request.employeeID != 0 else {
        throw RPCError(
          .invalidArgument, "a service logs activities for an employee: give employee_id")
      }
    } else {
      guard employeeID != 0, employeeID == principal.employeeID else {
        throw RPCError(
          .permissionDenied,
          "you may log only your own activities (rule: an employee logs their own activities; services "
            + "need the scope \(ServiceScopes.activitiesWrite))")
      }
    }
    let date = try ActivityRules.checkFields(request)
    let evidence = try EvidenceIntake.check(request.evidence, maxBytes: core.configuration.maxEvidenceBytes)
    let entry = try AuditEntry(context: context, request: request)
    // The answer is built from the record after the write, off the store's writer thread.
    let activity = try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      guard let employee = try Tables.employees.get(employeeID, in: transaction), employee.active else {
        throw RPCError(.failedPrecondition, "employee \(employeeID) is missing or retired")
      }
      let (skp, rhk, iki) = try ActivityRules.target(
        of: request, employeeID: employeeID, date: date, today: mutation.moment.today, in: transaction)
      let entry = ActivityCommands.Entry(
        employee: employee, skp: skp, rhk: rhk, iki: iki, date: date, startMinute: request.startMinute,
        endMinute: request.endMinute, description: request.description_p,
        outputQuantity: request.outputQuantity, evidence: evidence)
      return try ActivityCommands.log(
        entry, by: principal.username, at: mutation.moment.timestamp, in: mutation)
    }
    return Simpeg_V1_Activity(activity)
  }

  func getActivity(request: Simpeg_V1_GetActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  {
    let principal = try context.principal()
    let today = core.clock.now().today
    return try store.read {
      Simpeg_V1_Activity(try Self.readable(request.activityID, by: principal, on: today, in: $0))
    }
  }

  func listActivities(
    request: Simpeg_V1_ListActivitiesRequest, context: ServerContext
  ) async throws -> Simpeg_V1_ListActivitiesResponse {
    let principal = try context.principal()
    let employeeID = request.employeeID == 0 ? principal.employeeID : request.employeeID
    guard employeeID != 0 else {
      throw RPCError(.invalidArgument, "employee_id is required for an account without an employee")
    }
    let from = try request.hasFrom ? Self.date(request.from, field: "from").dayNumber : Int.min
    let to = try request.hasTo ? Self.date(request.to, field: "to").dayNumber : Int.max
    let status = request.status
    return try store.read { transaction in
      _ = try Authorizer.readableEmployee(
        employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
      let (activities, next) = try Paging.collect(
        size: Paging.size(of: request.page), after: try Paging.token(of: request.page),
        read: { limit, after in
          try Tables.activities.page(
            Tables.activitiesByEmployeeDay, prefix: KeyPrefix(employeeID), in: transaction, limit: limit,
            after: after)
        }
      ) { activity in
        let day = activity.date.calendarDate?.dayNumber ?? 0
        return day >= from && day <= to && (status == .unspecified || activity.status == status)
      }
      var response = Simpeg_V1_ListActivitiesResponse()
      response.activities = activities.map(Simpeg_V1_Activity.init)
      response.page = Paging.info(next: next)
      return response
    }
  }

  func listPendingReviews(
    request: Simpeg_V1_ListPendingReviewsRequest, context: ServerContext
  ) async throws -> Simpeg_V1_ListActivitiesResponse {
    let principal = try context.principal()
    guard principal.employeeID != 0 else {
      throw RPCError(
        .failedPrecondition, "pending reviews belong to an evaluator; this account is not an employee")
    }
    let size = Paging.size(of: request.page)
    let token = request.page.pageToken
    guard token.isEmpty || UInt64(token) != nil else {
      throw FieldCheck.invalid("page.page_token", "is not a token this call issued; start again without one")
    }
    let after = UInt64(token) ?? 0
    let scope = ActingScope(principal: principal, today: core.clock.now().today)
    return try store.read { transaction in
      let evaluated = try scope.evaluatedEmployees(
        below: try scope.actedPositions(in: transaction), in: transaction)
      let pending = try scope.pendingActivities(of: evaluated, in: transaction).filter { $0.id > after }
        .sorted { $0.id < $1.id }
      var response = Simpeg_V1_ListActivitiesResponse()
      response.activities = Array(pending.prefix(size)).map(Simpeg_V1_Activity.init)
      if pending.count > size, let last = response.activities.last {
        response.page.nextPageToken = "\(last.id)"
      }
      return response
    }
  }

  func reviewActivity(request: Simpeg_V1_ReviewActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  {
    let principal = try context.principal()
    try Self.checkDecision(request.decision, note: request.note)
    let entry = try AuditEntry(context: context, request: request)
    let activity = try await ledger.record(entry) { mutation in
      try Self.review(
        request.activityID, decision: request.decision, note: request.note, by: principal, in: mutation)
    }
    return Simpeg_V1_Activity(activity)
  }

  func reviewActivities(
    request: Simpeg_V1_ReviewActivitiesRequest, context: ServerContext
  ) async throws -> Simpeg_V1_ReviewActivitiesResponse {
    let principal = try context.principal()
    try Self.checkDecision(request.decision, note: request.note)
    guard (1...Self.maxBulkReview).contains(request.activityIds.count) else {
      throw RPCError(.invalidArgument, "activity_ids must name 1 to \(Self.maxBulkReview) activities")
    }
    guard Set(request.activityIds).count == request.activityIds.count else {
      throw RPCError(.invalidArgument, "activity_ids names an activity twice")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      var response = Simpeg_V1_ReviewActivitiesResponse()
      for (index, id) in request.activityIds.enumerated() {
        do {
          response.activities.append(
            try Simpeg_V1_Activity(
              Self.review(id, decision: request.decision, note: request.note, by: principal, in: mutation)))
        } catch var error as RPCError {
          error.message = "activity_ids[\(index)] (activity \(id)), nothing was reviewed: " + error.message
          throw error
        }
      }
      let employees = Set(response.activities.map(\.employeeID)).sorted().map { "employee:\($0)" }
      mutation.audit(targets: request.activityIds.map { "activity:\($0)" } + employees)
      return response
    }
  }

  func getEvidence(request: Simpeg_V1_GetEvidenceRequest, context: ServerContext) async throws
    -> Simpeg_V1_GetEvidenceResponse
  {
    let principal = try context.principal()
    return try store.read { transaction in
      let activity = try Self.readable(request.activityID, by: principal, in: transaction)
      guard Int(request.index) < activity.evidence.count else {
        throw RPCError(
          .notFound,
          "activity \(activity.id) has \(activity.evidence.count) piece(s) of evidence, no index \(request.index)"
        )
      }
      var response = Simpeg_V1_GetEvidenceResponse()
      response.evidence = activity.evidence[Int(request.index)]
      if response.evidence.stored,
        let blob = try Tables.evidence.get(RawKeyBytes(Array(response.evidence.sha256)), in: transaction)
      {
        response.content = blob.content
      }
      return response
    }
  }

  func watchActivities(
    request: Simpeg_V1_WatchActivitiesRequest, response: ResponseWriter<Simpeg_V1_ActivityEvent>,
    context: ServerContext
  ) async throws {
    let principal = try context.principal()
    let watch = ActivityWatch(store: store, health: core.health, principal: principal)
    try await watch.run(
      from: request.startAtEnd ? store.lastSequence : request.fromSequence, into: response)
  }

  func getRealisation(request: Simpeg_V1_GetRealisationRequest, context: ServerContext) async throws
    -> Simpeg_V1_GetRealisationResponse
  {
    let principal = try context.principal()
    return try store.read { transaction in
      let record = try SKPLookup.readable(request.skpID, by: principal, in: transaction)
      let skp: Simpeg_V1_SKP
      if request.version == 0 {
        guard let inForce = record.inForce else {
          throw RPCError(.failedPrecondition, "SKP \(record.id) has no approved version yet")
        }
        skp = inForce
      } else {
        skp = try SKPActors.version(request.version, of: record)
      }
      return try RealisationReport.build(for: skp, in: transaction)
    }
  }

  // MARK: Helpers

  /// The activity `id` if `principal` may read it; the same refusal for unknown ids.
  static func readable(
    _ id: UInt64, by principal: Principal, on day: CalendarDate? = nil, in transaction: ReadTransaction
  ) throws
    -> Simpeg_Internal_V1_ActivityRecord
  {
    if let activity = try Tables.activities.get(id, in: transaction),
      try Authorizer.canRead(
        employeeID: activity.employeeID, by: principal, scope: ServiceScopes.performanceRead, on: day,
        in: transaction)
    {
      return activity
    }
    if Authorizer.readsEveryone(principal, scope: ServiceScopes.performanceRead) {
      throw RPCError(.notFound, "no activity with id \(id)")
    }
    throw Authorizer.notReadable("this activity")
  }

  private static func date(_ date: Simpeg_V1_Date, field: String) throws -> CalendarDate {
    guard let value = date.calendarDate else {
      throw RPCError(.invalidArgument, "\(field) must be a calendar date")
    }
    return value
  }

  private static func checkDecision(_ decision: Simpeg_V1_ReviewDecision, note: String) throws {
    switch decision {
    case .approve: break
    case .reject:
      guard !note.allSatisfy(\.isWhitespace) else {
        throw RPCError(.invalidArgument, "rejecting an activity needs a note saying why")
      }
    default:
      throw RPCError(.invalidArgument, "decision must be 1 (approve) or 2 (reject)")
    }
    guard note.count <= SKPContentRules.maxText else {
      throw RPCError(.invalidArgument, "note is longer than \(SKPContentRules.maxText) characters")
    }
  }

  /// Approves or rejects one pending activity, as the PPK of its SKP (or the Plt or Plh of the
  /// PPK's position that day).
  private static func review(
    _ id: UInt64, decision: Simpeg_V1_ReviewDecision, note: String, by principal: Principal,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_ActivityRecord {
    let transaction = mutation.transaction
    guard let activity = try Tables.activities.get(id, in: transaction) else {
      throw Authorizer.notTheEvaluator()
    }
    let positionID = try Tables.skps.get(activity.skpID, in: transaction)?.latest.positionID ?? 0
    try Authorizer.requireEvaluator(
      principal, of: positionID, owner: activity.employeeID, action: "reviews activities",
      on: mutation.moment.today, in: transaction)
    return try ActivityCommands.review(
      activity, approve: decision == .approve, note: note, by: principal.username,
      at: mutation.moment.timestamp, in: mutation)
  }
}
