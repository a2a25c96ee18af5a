import SimpegAPI
import SimpegRPC
import SimpegStore

/// Loads units and positions named by a request: NOT_FOUND when the id is unknown,
/// FAILED_PRECONDITION when the record must be open and is closed. The message names the field.
enum OrgLookup {
  /// The unit `id`, named by `field` in a refusal.
  static func unit(_ id: UInt64, field: String, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_UnitRecord
  {
    guard let unit = try Tables.units.get(id, in: transaction) else {
      throw RPCError(.notFound, "\(field) \(id): no such unit")
    }
    return unit
  }

  /// The unit `id`, which must be open.
  static func openUnit(_ id: UInt64, field: String, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_UnitRecord
  {
    let unit = try unit(id, field: field, in: transaction)
    guard !unit.closed else {
      throw RPCError(.failedPrecondition, "\(field): \(RecordNaming.unit(unit)) is closed")
    }
    return unit
  }

  /// The position `id`, named by `field` in a refusal.
  static func position(_ id: UInt64, field: String, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_PositionRecord
  {
    guard let position = try Tables.positions.get(id, in: transaction) else {
      throw RPCError(.notFound, "\(field) \(id): no such position")
    }
    return position
  }

  /// The position `id`, which must be open and belong to an open unit.
  static func openPosition(_ id: UInt64, field: String, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_PositionRecord
  {
    let position = try position(id, field: field, in: transaction)
    guard !position.closed else {
      throw RPCError(.failedPrecondition, "\(field): \(RecordNaming.position(position)) is closed")
    }
    if let unit = try Tables.units.get(position.unitID, in: transaction), unit.closed {
      throw RPCError(
        .failedPrecondition,
        "\(field): \(RecordNaming.position(position)) belongs to \(RecordNaming.unit(unit)), which is closed")
    }
    return position
  }

  /// The children of unit `parentID` (0: the root units) in name order, closed ones included.
  static func children(of parentID: UInt64, in transaction: ReadTransaction) throws
    -> [Simpeg_Internal_V1_UnitRecord]
  {
    try Tables.units.page(
      Tables.unitsByParent, prefix: KeyPrefix(parentID), in: transaction, limit: .max
    ).rows.map(\.value)
  }
}
