import SimpegAPI

extension Simpeg_V1_Position {
  /// The answer for a stored position: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_PositionRecord) {
    self.init()
    id = record.id
    unitID = record.unitID
    title = record.title
    kind = record.kind
    level = record.level
    eselon = record.eselon
    supervisorPositionID = record.supervisorPositionID
    holderEmployeeID = record.holderEmployeeID
    actingEmployeeID = record.actingEmployeeID
    closed = record.closed
    officialHolder = record.officialHolder
    closedReason = record.closedReason
  }
}
