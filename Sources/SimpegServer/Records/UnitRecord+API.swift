import SimpegAPI

extension Simpeg_V1_Unit {
  /// The answer for a stored unit: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_UnitRecord) {
    self.init()
    id = record.id
    parentID = record.parentID
    kind = record.kind
    name = record.name
    code = record.code
    closed = record.closed
    if record.hasCreatedAt { createdAt = record.createdAt }
    if record.hasClosedAt { closedAt = record.closedAt }
    headPositionID = record.headPositionID
    closedReason = record.closedReason
  }
}
