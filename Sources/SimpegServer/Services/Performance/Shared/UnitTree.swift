import SimpegAPI
import SimpegStore

/// Units as a tree for the performance services: a unit's subtree, its ancestors, and its
/// leader (the holder, else the Plt, of `Unit.head_position_id`).
enum UnitTree {
  /// The unit `id`, or NOT_FOUND.
  static func unit(_ id: UInt64, in transaction: ReadTransaction) throws -> Simpeg_V1_Unit {
    guard id != 0, let unit = try Tables.units.get(id, in: transaction) else {
      throw RPCError(.notFound, "no unit with id \(id)")
    }
    return unit
  }

  /// The ids of `root` and every unit below it, parents before children (``UnitWalk``).
  static func subtree(of root: UInt64, in transaction: ReadTransaction) throws -> [UInt64] {
    try UnitWalk.downward(from: root, in: transaction)
  }

  /// `unitID` and its ancestors, nearest first (``UnitWalk``).
  static func selfAndAncestors(of unitID: UInt64, in transaction: ReadTransaction) throws -> [UInt64] {
    try UnitWalk.upward(from: unitID, in: transaction)
  }

  /// The positions of the units given.
  static func positions(in units: [UInt64], in transaction: ReadTransaction) throws -> [Simpeg_V1_Position] {
    try units.flatMap {
      try Tables.positions.find(Tables.positionsByUnit, equalTo: $0, in: transaction).map(\.value)
    }
  }

  /// Who leads a unit.
  enum Leader: Sendable, Hashable {
    /// An employee, holder or Plt of the head position.
    case employee(UInt64, acting: Bool)
    /// An elected official (the Wali Kota leads the Pemerintah Kota).
    case official(String)
    /// Nobody: the head position is unset or vacant without a Plt.
    case none
  }

  /// The leader of `unit`.
  static func leader(of unit: Simpeg_V1_Unit, in transaction: ReadTransaction) throws -> Leader {
    guard unit.headPositionID != 0, let head = try Tables.positions.get(unit.headPositionID, in: transaction),
      !head.closed
    else { return .none }
    if head.holderEmployeeID != 0 { return .employee(head.holderEmployeeID, acting: false) }
    if !head.officialHolder.isEmpty { return .official(head.officialHolder) }
    if head.actingEmployeeID != 0 { return .employee(head.actingEmployeeID, acting: true) }
    return .none
  }

  /// Whether `principal` leads `unit`: holds or acts in its head position; or, as ADMIN, stands
  /// in for a leader who is an elected official or missing.
  static func isLeader(
    _ principal: Principal, of unit: Simpeg_V1_Unit, in transaction: ReadTransaction
  ) throws -> Bool {
    guard !principal.isService else { return false }
    if unit.headPositionID != 0, principal.positionIDs.contains(unit.headPositionID) { return true }
    switch try leader(of: unit, in: transaction) {
    case .official, .none: return PerformanceAccess.actsForOfficial(principal)
    case .employee: return false
    }
  }

  /// Whether `principal` may see the records of a whole unit: everyone reading everything, the
  /// unit's leader, and those above the head position.
  static func canSee(
    _ unit: Simpeg_V1_Unit, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Bool {
    if PerformanceAccess.readsEveryone(principal) { return true }
    if principal.isService || unit.headPositionID == 0 { return false }
    if principal.positionIDs.contains(unit.headPositionID) { return true }
    return try Authorizer.isBelow(unit.headPositionID, anyOf: principal.positionIDs, in: transaction)
  }

  /// The unit `id` if `principal` may see it, with the same refusal for unknown units.
  static func visibleUnit(
    _ id: UInt64, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Simpeg_V1_Unit {
    if let unit = try Tables.units.get(id, in: transaction), try canSee(unit, by: principal, in: transaction)
    {
      return unit
    }
    if PerformanceAccess.readsEveryone(principal) { throw RPCError(.notFound, "no unit with id \(id)") }
    throw RPCError(
      .permissionDenied,
      "you may not see this unit's records: only its leader and those above see a whole unit")
  }
}
