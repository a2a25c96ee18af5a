import SimpegAPI

extension Simpeg_V1_Activity {
  /// The answer for a stored activity: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_ActivityRecord) {
    self.init()
    id = record.id
    employeeID = record.employeeID
    skpID = record.skpID
    rhkID = record.rhkID
    ikiID = record.ikiID
    if record.hasDate { date = record.date }
    startMinute = record.startMinute
    endMinute = record.endMinute
    description_p = record.description_p
    outputQuantity = record.outputQuantity
    outputUnit = record.outputUnit
    evidence = record.evidence
    status = record.status
    reviewNote = record.reviewNote
    reviewedBy = record.reviewedBy
    if record.hasLoggedAt { loggedAt = record.loggedAt }
    if record.hasReviewedAt { reviewedAt = record.reviewedAt }
    unitID = record.unitID
    revision = record.revision
    loggedBy = record.loggedBy
    evaluatorEmployeeID = record.evaluatorEmployeeID
    lastChange = record.lastChange
    withdrawalReason = record.withdrawalReason
    if record.hasChangedAt { changedAt = record.changedAt }
  }
}
