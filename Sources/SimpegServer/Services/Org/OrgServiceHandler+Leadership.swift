import SimpegAPI
import SimpegRPC
import SimpegStore

/// OrgService's leadership calls: a unit's head position and a position's elected official,
/// through ``UnitLeadership`` like the import and the sample.
extension OrgServiceHandler {
  func setUnitHead(request: Simpeg_V1_SetUnitHeadRequest, context: ServerContext) async throws
    -> Simpeg_V1_Unit
  {
    let unitID = try FieldCheck.id(request.unitID, field: "unit_id")
    let positionID = request.positionID
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let unit = try OrgLookup.openUnit(unitID, field: "unit_id", in: transaction)
      guard positionID != 0 else {
        return try Simpeg_V1_Unit(UnitLeadership.clearHead(of: unit, in: mutation))
      }
      if unit.headPositionID == positionID {
        mutation.leaveUnchanged()
        return Simpeg_V1_Unit(unit)
      }
      let position = try OrgLookup.position(positionID, field: "position_id", in: transaction)
      return try Simpeg_V1_Unit(UnitLeadership.setHead(position, of: unit, in: mutation))
    }
  }

  func setOfficialHolder(request: Simpeg_V1_SetOfficialHolderRequest, context: ServerContext) async throws
    -> Simpeg_V1_Position
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let name = try FieldCheck.text(request.name, field: "name", limit: FieldCheck.nameLimit)
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let position = try OrgLookup.position(positionID, field: "position_id", in: mutation.transaction)
      guard !name.isEmpty else {
        return try Simpeg_V1_Position(UnitLeadership.clearOfficial(of: position, in: mutation))
      }
      if position.officialHolder == name {
        mutation.leaveUnchanged()
        return Simpeg_V1_Position(position)
      }
      return try Simpeg_V1_Position(UnitLeadership.setOfficial(name, of: position, in: mutation))
    }
  }
}
