import SimpegAPI
import SimpegKinerja
import SimpegStore

/// The write path of an activity: logging it toward an RHK and IKI of an approved SKP, and its
/// review. ActivityService's calls, the sample and synthetic organisations go through here; who
/// may log or review is the caller's to check first, and so are the activity's date and target
/// (``ActivityRules``).
enum ActivityCommands {
  /// A checked activity to log.
  struct Entry: Sendable {
    /// The employee who did the work.
    var employee: Simpeg_V1_Employee
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
  ) throws -> Simpeg_V1_Activity {
    let transaction = mutation.transaction
    var activity = Simpeg_V1_Activity()
    activity.id = try Tables.nextID("activity", in: transaction)
    activity.employeeID = entry.employee.id
    activity.skpID = entry.skp.id
    activity.rhkID = entry.rhk.id
    activity.ikiID = entry.iki.id
    activity.date = Simpeg_V1_Date(entry.date)
    activity.startMinute = entry.startMinute
    activity.endMinute = entry.endMinute
    activity.description_p = entry.description
    activity.outputQuantity = entry.outputQuantity
    activity.outputUnit = entry.iki.targetUnit
    activity.evidence = entry.evidence.map(\.evidence)
    activity.status = .pending
    activity.loggedAt = time
    activity.unitID = entry.employee.unitID
    activity.revision = 1
    activity.loggedBy = loggedBy
    activity.evaluatorEmployeeID = entry.skp.evaluator.employeeID
    for piece in entry.evidence {
      guard let content = piece.content else { continue }
      let key = RawKeyBytes(Array(piece.evidence.sha256))
      if try !Tables.evidence.exists(key, in: transaction) {
        var blob = Simpeg_Internal_V1_EvidenceBlob()
        blob.content = content
        try Tables.evidence.put(blob, for: key, in: transaction)
      }
    }
    try save(activity, in: transaction)
    mutation.audit(targets: ["activity:\(activity.id)", "employee:\(activity.employeeID)"])
    return activity
  }

  /// Approves or rejects the pending `activity` as `reviewer` at `time`; a review is final.
  static func review(
    _ activity: Simpeg_V1_Activity, approve: Bool, note: String, by reviewer: String,
    at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_V1_Activity {
    guard activity.status == .pending else {
      let state = activity.status == .approved ? "approved" : "rejected"
      throw RPCError(
        .failedPrecondition,
        "activity \(activity.id) was \(state) by \(activity.reviewedBy) already; a review is final")
    }
    var activity = activity
    activity.status = approve ? .approved : .rejected
    activity.reviewNote = note
    activity.reviewedBy = reviewer
    activity.reviewedAt = time
    activity.revision += 1
    try save(activity, in: mutation.transaction)
    mutation.audit(targets: ["activity:\(activity.id)", "employee:\(activity.employeeID)"])
    return activity
  }

  /// Stores an activity as it is now and as this revision.
  private static func save(_ activity: Simpeg_V1_Activity, in transaction: WriteTransaction) throws {
    try Tables.activities.put(activity, for: activity.id, in: transaction)
    try Tables.activityRevisions.put(
      activity, for: CompositeKey2(activity.id, activity.revision), in: transaction)
  }
}
