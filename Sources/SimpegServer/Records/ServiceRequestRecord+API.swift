import SimpegAPI

extension Simpeg_V1_ServiceRequest {
  /// The answer for a stored service request: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_ServiceRequestRecord) {
    self.init()
    id = record.id
    serviceID = record.serviceID
    unitID = record.unitID
    reference = record.reference
    channel = record.channel
    state = record.state
    assigneeEmployeeID = record.assigneeEmployeeID
    if record.hasReceivedAt { receivedAt = record.receivedAt }
    if record.hasAssignedAt { assignedAt = record.assignedAt }
    if record.hasStartedAt { startedAt = record.startedAt }
    if record.hasCompletedAt { completedAt = record.completedAt }
    if record.hasRejectedAt { rejectedAt = record.rejectedAt }
    rejectionReason = record.rejectionReason
    if record.hasStandard { standard = record.standard }
    turnaround = record.turnaround
    withinStandard = record.withinStandard
    historical = record.historical
    note = record.note
    transitions = record.transitions
  }
}
