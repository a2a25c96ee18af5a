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

extension Simpeg_Internal_V1_UnitRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_Unit) {
    self.init()
    id = message.id
    parentID = message.parentID
    kind = message.kind
    name = message.name
    code = message.code
    closed = message.closed
    if message.hasCreatedAt { createdAt = message.createdAt }
    if message.hasClosedAt { closedAt = message.closedAt }
    headPositionID = message.headPositionID
    closedReason = message.closedReason
  }
}
