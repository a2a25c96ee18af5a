import SimpegAPI

extension Simpeg_V1_Plh {
  /// The answer for a stored plh: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_PlhRecord) {
    self.init()
    id = record.id
    positionID = record.positionID
    employeeID = record.employeeID
    if record.hasFirstDay { firstDay = record.firstDay }
    if record.hasLastDay { lastDay = record.lastDay }
    holderEmployeeID = record.holderEmployeeID
    reason = record.reason
    assignedBy = record.assignedBy
    if record.hasAssignedAt { assignedAt = record.assignedAt }
    cancelled = record.cancelled
  }
}
