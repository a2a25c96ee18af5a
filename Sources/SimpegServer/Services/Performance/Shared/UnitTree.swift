import SimpegAPI
import SimpegRPC
import SimpegStore

/// Units as a tree for the performance services: a unit's subtree, its ancestors, and its
/// leader (the holder, else the Plt, of `Unit.head_position_id`). Who may see a unit's records is
/// ``Authorizer``'s.
enum UnitTree {
  /// The unit `id`, or NOT_FOUND.
  static func unit(_ id: UInt64, in transaction: ReadTransaction) throws -> Simpeg_Internal_V1_UnitRecord {
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
  static func positions(in units: [UInt64], in transaction: ReadTransaction) throws
    -> [Simpeg_Internal_V1_PositionRecord]
  {
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
  static func leader(of unit: Simpeg_Internal_V1_UnitRecord, in transaction: ReadTransaction) throws -> Leader
  {
    guard unit.headPositionID != 0, let head = try Tables.positions.get(unit.headPositionID, in: transaction),
      !head.closed
    else { return .none }
    if head.holderEmployeeID != 0 { return .employee(head.holderEmployeeID, acting: false) }
    if !head.officialHolder.isEmpty { return .official(head.officialHolder) }
    if head.actingEmployeeID != 0 { return .employee(head.actingEmployeeID, acting: true) }
    return .none
  }
}
