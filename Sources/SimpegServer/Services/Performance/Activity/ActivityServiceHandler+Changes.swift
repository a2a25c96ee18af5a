import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// ActivityService's changes by the employee: editing or withdrawing a pending activity, and
/// correcting and resubmitting a rejected one, each a new revision (``ActivityCommands``); and
/// every revision of an activity.
extension ActivityServiceHandler {
  func editActivity(request: Simpeg_V1_EditActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  {
    try await change(
      request.activityID, revision: request.revision, to: request.content, resubmit: false, context: context,
      request: request)
  }

  func resubmitActivity(request: Simpeg_V1_ResubmitActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  {
    try await change(
      request.activityID, revision: request.revision, to: request.content, resubmit: true, context: context,
      request: request)
  }

  func withdrawActivity(request: Simpeg_V1_WithdrawActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  {
    let id = try FieldCheck.id(request.activityID, field: "activity_id")
    let reason = try FieldCheck.reason(request.reason)
    let principal = try context.principal()
    let revision = request.revision
    let entry = try AuditEntry(context: context, request: request)
    return try await core.ledger.record(entry) { mutation in
      let activity = try Self.own(id, revision: revision, by: principal, in: mutation.transaction)
      return try Simpeg_V1_Activity(
        ActivityCommands.withdraw(
          activity, reason: reason, at: mutation.moment.timestamp, in: mutation))
    }
  }

  func listActivityRevisions(
    request: Simpeg_V1_ListActivityRevisionsRequest, context: ServerContext
  ) async throws -> Simpeg_V1_ListActivityRevisionsResponse {
    let principal = try context.principal()
    return try core.store.read { transaction in
      let activity = try Self.readable(request.activityID, by: principal, in: transaction)
      var response = Simpeg_V1_ListActivityRevisionsResponse()
      response.revisions = try Tables.activityRevisions.scan(
        in: transaction, range: .prefix(KeyPrefix(activity.id))
      ).map { Simpeg_V1_Activity($0.value) }
      return response
    }
  }

  /// Edits (or, with `resubmit`, corrects and resubmits) the activity `id` at `revision` to
  /// `content`, checked as LogActivity checks a new one.
  private func change(
    _ id: UInt64, revision: UInt32, to content: Simpeg_V1_LogActivityRequest, resubmit: Bool,
    context: ServerContext, request: some SwiftProtobuf.Message
  ) async throws -> Simpeg_V1_Activity {
    _ = try FieldCheck.id(id, field: "activity_id")
    let date = try ActivityRules.checkFields(content)
    let evidence = try EvidenceIntake.check(content.evidence, maxBytes: core.configuration.maxEvidenceBytes)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await core.ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let activity = try Self.own(id, revision: revision, by: principal, in: transaction)
      guard let employee = try Tables.employees.get(activity.employeeID, in: transaction) else {
        throw RPCError(.failedPrecondition, "employee \(activity.employeeID) is missing")
      }
      var target = content
      target.skpID = activity.skpID
      let (skp, rhk, iki) = try ActivityRules.target(
        of: target, employeeID: activity.employeeID, date: date, today: mutation.moment.today, in: transaction
      )
      let entry = ActivityCommands.Entry(
        employee: employee, skp: skp, rhk: rhk, iki: iki, date: date, startMinute: content.startMinute,
        endMinute: content.endMinute, description: content.description_p,
        outputQuantity: content.outputQuantity,
        evidence: evidence)
      return try Simpeg_V1_Activity(
        ActivityCommands.change(
          activity, to: entry, resubmit: resubmit, at: mutation.moment.timestamp, in: mutation))
    }
  }

  /// The activity `id` if it is `principal`'s own and still at `revision` (0: any); the same
  /// refusal for an unknown activity as for someone else's.
  private static func own(
    _ id: UInt64, revision: UInt32, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_ActivityRecord {
    guard let activity = try Tables.activities.get(id, in: transaction), !principal.isService,
      principal.employeeID != 0, activity.employeeID == principal.employeeID
    else {
      throw Refusals.error(
        .permissionDenied, .notTheEmployee, "only the employee changes their own activity",
        rule: ActivityCommands.rule, field: "activity_id")
    }
    guard revision == 0 || revision == activity.revision else {
      throw Refusals.error(
        .failedPrecondition, .staleRevision,
        "activity \(id) is at revision \(activity.revision), not \(revision); read it again",
        rule: ActivityCommands.rule, field: "revision")
    }
    return activity
  }
}
