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

extension Simpeg_Internal_V1_PlhRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_Plh) {
    self.init()
    id = message.id
    positionID = message.positionID
    employeeID = message.employeeID
    if message.hasFirstDay { firstDay = message.firstDay }
    if message.hasLastDay { lastDay = message.lastDay }
    holderEmployeeID = message.holderEmployeeID
    reason = message.reason
    assignedBy = message.assignedBy
    if message.hasAssignedAt { assignedAt = message.assignedAt }
    cancelled = message.cancelled
  }
}
