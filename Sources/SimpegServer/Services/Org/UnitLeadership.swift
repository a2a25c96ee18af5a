import SimpegAPI
import SimpegRPC
import SimpegStore

/// Who leads a unit and who holds an elected office, as the organisation records them: a unit's
/// head position (`Unit.head_position_id`, whose holder, else Plt, leads the unit) and a
/// position's elected official (`Position.official_holder`, e.g. the Wali Kota, who has no NIP).
///
/// OrgService's SetUnitHead and SetOfficialHolder, the employees import's `kepala_unit` column
/// and the sample all set them through here.
enum UnitLeadership {
  /// Makes `position` the head position of `unit`; names both for the audit record. The position
  /// must be open and belong to the unit.
  @discardableResult
  static func setHead(
    _ position: Simpeg_Internal_V1_PositionRecord, of unit: Simpeg_Internal_V1_UnitRecord,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_UnitRecord {
    guard !position.closed else {
      throw RPCError(.failedPrecondition, "head_position_id: \(RecordNaming.position(position)) is closed")
    }
    guard position.unitID == unit.id else {
      throw FieldCheck.invalid(
        "head_position_id",
        "\(RecordNaming.position(position)) belongs to unit \(position.unitID), not to \(RecordNaming.unit(unit)); "
          + "a unit is led from one of its own positions")
    }
    var unit = unit
    unit.headPositionID = position.id
    try Tables.units.put(unit, for: unit.id, in: mutation.transaction)
    mutation.audit(targets: ["unit:\(unit.id)", "position:\(position.id)"])
    return unit
  }

  /// Clears the head position of `unit`: nobody leads it (BKPSDM acts where a leader would).
  @discardableResult
  static func clearHead(of unit: Simpeg_Internal_V1_UnitRecord, in mutation: Mutation) throws
    -> Simpeg_Internal_V1_UnitRecord
  {
    guard unit.headPositionID != 0 else {
      mutation.leaveUnchanged()
      return unit
    }
    var unit = unit
    let previous = unit.headPositionID
    unit.headPositionID = 0
    try Tables.units.put(unit, for: unit.id, in: mutation.transaction)
    mutation.audit(targets: ["unit:\(unit.id)", "position:\(previous)"])
    return unit
  }

  /// Makes the elected official `name` the holder of `position`, which no employee holds; an
  /// official already there is replaced (a new term). Names it for the audit record.
  @discardableResult
  static func setOfficial(
    _ name: String, of position: Simpeg_Internal_V1_PositionRecord, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_PositionRecord {
    guard !position.closed else {
      throw RPCError(.failedPrecondition, "position_id: \(RecordNaming.position(position)) is closed")
    }
    var position = position
    position.officialHolder = ""
    try Placement.ensureVacant(position, field: "position_id", in: mutation.transaction)
    position.officialHolder = name
    try Tables.positions.put(position, for: position.id, in: mutation.transaction)
    mutation.audit(targets: ["position:\(position.id)"])
    return position
  }

  /// Clears the elected official of `position`: it is vacant.
  @discardableResult
  static func clearOfficial(of position: Simpeg_Internal_V1_PositionRecord, in mutation: Mutation) throws
    -> Simpeg_Internal_V1_PositionRecord
  {
    guard !position.officialHolder.isEmpty else {
      mutation.leaveUnchanged()
      return position
    }
    var position = position
    position.officialHolder = ""
    try Tables.positions.put(position, for: position.id, in: mutation.transaction)
    mutation.audit(targets: ["position:\(position.id)"])
    return position
  }
}
