import SimpegAPI
import SimpegKinerja
import SimpegStore
import SwiftProtobuf

/// The write path of an activity: logging it toward an RHK and IKI of an approved SKP, the
/// employee's edits and withdrawal before review and correction after a rejection, and its
/// review, each a new revision under SimpegKinerja's `ActivityWorkflow`. ActivityService's calls, the sample and synthetic organisations go through here; who
/// may log or review is the caller's to check first, and so are the activity's date and target
/// (``ActivityRules``).
enum ActivityCommands {
  /// A checked activity to log.
  struct Entry: Sendable {
    /// The employee who did the work.
    var employee: Simpeg_Internal_V1_EmployeeRecord
    /// The approved SKP version it counts toward.
    var skp: Simpeg_V1_SKP
    /// The RHK of `skp` it counts toward.
    var rhk: Simpeg_V1_RHK
    /// The IKI of `rhk` its output counts in.
    var iki: Simpeg_V1_IKI
    /// The day of the work.
    var date: CalendarDate
    /// Minutes after midnight.
    var startMinute: UInt32
    var endMinute: UInt32
    var description: String
    var outputQuantity: Int64
    /// The evidence, checked (``EvidenceIntake``).
    var evidence: [EvidenceIntake.Piece] = []
  }

  /// Logs `entry` as pending, logged by `loggedBy` at `time`; keeps the evidence bytes sent (once
  /// per SHA-256) and names the activity and employee for the audit record.
  static func log(
    _ entry: Entry, by loggedBy: String, at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_ActivityRecord {
    let transaction = mutation.transaction
    var activity = Simpeg_Internal_V1_ActivityRecord()
    activity.id = try Tables.nextID("activity", in: transaction)
    activity.employeeID = entry.employee.id
    activity.skpID = entry.skp.id
    fill(&activity, from: entry)
    activity.evidence = entry.evidence.map(\.evidence)
    activity.status = .pending
    activity.loggedAt = time
    activity.unitID = entry.employee.unitID
    activity.revision = 1
    activity.lastChange = .logged
    activity.changedAt = time
    activity.loggedBy = loggedBy
    activity.evaluatorEmployeeID = entry.skp.evaluator.employeeID
    try keepEvidence(entry.evidence, in: transaction)
    try save(activity, in: transaction)
    mutation.audit(targets: ["activity:\(activity.id)", "employee:\(activity.employeeID)"])
    return activity
  }

  /// Approves or rejects the pending `activity` as `reviewer` at `time`; a review is final.
  static func review(
    _ activity: Simpeg_Internal_V1_ActivityRecord, approve: Bool, note: String, by reviewer: String,
    at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_ActivityRecord {
    var activity = activity
    activity.status = try transition(.review(approve: approve), of: activity)
    activity.reviewNote = note
    activity.reviewedBy = reviewer
    activity.reviewedAt = time
    return try revise(activity, .reviewed, at: time, in: mutation)
  }

  /// The employee's change of their pending `activity` to `entry` (its evidence kept when the
  /// entry has none), or their correction of a rejected one (`resubmit`), pending again with
  /// its review cleared; the earlier revisions keep what it was.
  static func change(
    _ activity: Simpeg_Internal_V1_ActivityRecord, to entry: Entry, resubmit: Bool,
    at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_ActivityRecord {
    var activity = activity
    activity.status = try transition(resubmit ? .resubmit : .edit, of: activity)
    fill(&activity, from: entry)
    if !entry.evidence.isEmpty {
      activity.evidence = entry.evidence.map(\.evidence)
      try keepEvidence(entry.evidence, in: mutation.transaction)
    }
    if resubmit {
      activity.reviewNote = ""
      activity.reviewedBy = ""
      activity.clearReviewedAt()
      activity.evaluatorEmployeeID = entry.skp.evaluator.employeeID
    }
    return try revise(activity, resubmit ? .resubmitted : .edited, at: time, in: mutation)
  }

  /// The employee withdraws their pending `activity` for `reason`.
  static func withdraw(
    _ activity: Simpeg_Internal_V1_ActivityRecord, reason: String, at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_ActivityRecord {
    var activity = activity
    activity.status = try transition(.withdraw, of: activity)
    activity.withdrawalReason = reason
    return try revise(activity, .withdrawn, at: time, in: mutation)
  }

  /// Writes what the employee tells of the work (RHK, IKI, day, times, description, output) from
  /// `entry` into `activity`.
  private static func fill(_ activity: inout Simpeg_Internal_V1_ActivityRecord, from entry: Entry) {
    activity.rhkID = entry.rhk.id
    activity.ikiID = entry.iki.id
    activity.date = Simpeg_V1_Date(entry.date)
    activity.startMinute = entry.startMinute
    activity.endMinute = entry.endMinute
    activity.description_p = entry.description
    activity.outputQuantity = entry.outputQuantity
    activity.outputUnit = entry.iki.targetUnit
  }

  /// The status after `action`, or the workflow's refusal with its reason code.
  private static func transition(_ action: ActivityAction, of activity: Simpeg_Internal_V1_ActivityRecord)
    throws
    -> Simpeg_V1_ActivityStatus
  {
    let state = ActivityState(rawValue: activity.status.rawValue) ?? .pending
    do {
      return Simpeg_V1_ActivityStatus(rawValue: try ActivityWorkflow.apply(action, to: state).rawValue)
        ?? .unspecified
    } catch {
      let reason: Simpeg_V1_RefusalReason
      switch error {
      case .reviewed: reason = .activityReviewed
      case .notRejected: reason = .activityNotRejected
      case .withdrawn: reason = .activityWithdrawn
      }
      let by = activity.reviewedBy.isEmpty ? "" : " by \(activity.reviewedBy)"
      throw Refusals.error(
        .failedPrecondition, reason, "activity \(activity.id)\(by): \(error.description)", rule: rule)
    }
  }

  /// The rule refusals of an activity's life name.
  static let rule =
    "an employee may edit or withdraw an activity until it is reviewed, and correct and resubmit a rejected "
    + "one; a review is final; every version is kept"

  /// Stores the next revision of `activity`, made by `change` at `time`, and names it for the
  /// audit record.
  private static func revise(
    _ activity: Simpeg_Internal_V1_ActivityRecord, _ change: Simpeg_V1_ActivityChange,
    at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_ActivityRecord {
    var activity = activity
    activity.revision += 1
    activity.lastChange = change
    activity.changedAt = time
    try save(activity, in: mutation.transaction)
    mutation.audit(targets: ["activity:\(activity.id)", "employee:\(activity.employeeID)"])
    return activity
  }

  /// Keeps the bytes of the evidence sent with content (once per SHA-256).
  private static func keepEvidence(_ pieces: [EvidenceIntake.Piece], in transaction: WriteTransaction) throws
  {
    for piece in pieces {
      guard let content = piece.content else { continue }
      let key = RawKeyBytes(Array(piece.evidence.sha256))
      if try !Tables.evidence.exists(key, in: transaction) {
        var blob = Simpeg_Internal_V1_EvidenceBlob()
        blob.content = content
        try Tables.evidence.put(blob, for: key, in: transaction)
      }
    }
  }

  /// Stores an activity as it is now and as this revision (one encoding for both).
  private static func save(_ activity: Simpeg_Internal_V1_ActivityRecord, in transaction: WriteTransaction)
    throws
  {
    let record = try SerializedRecord(activity)
    try Tables.activities.put(record, for: activity.id, in: transaction)
    try Tables.activityRevisions.put(
      record, for: CompositeKey2(activity.id, activity.revision), in: transaction)
  }
}
