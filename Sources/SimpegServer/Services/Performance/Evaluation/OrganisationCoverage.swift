import SimpegAPI
import SimpegStore

/// Which unit's predikat kinerja organisasi (and so which curve) applies to whom.
///
/// A predikat organisasi set for a unit covers the unit and every unit below it for that
/// period. Settings do not nest: a unit cannot have one while a unit above or below it has one
/// for the same period, so every employee falls under at most one curve per period.
enum OrganisationCoverage {
  /// The key of a unit's setting for a period.
  static func key(_ unitID: UInt64, _ period: CheckedPeriod) -> CompositeKey3<UInt64, UInt32, UInt32> {
    CompositeKey3(unitID, UInt32(period.year), period.code)
  }

  /// The nearest setting for `period` at `unitID` or above it.
  static func covering(
    _ unitID: UInt64, period: CheckedPeriod, in transaction: ReadTransaction
  ) throws -> Simpeg_V1_OrganisationPredikat? {
    for unit in try UnitTree.selfAndAncestors(of: unitID, in: transaction) {
      if let setting = try Tables.organisationPredikat.get(key(unit, period), in: transaction) {
        return setting
      }
    }
    return nil
  }

  /// Refuses a setting for `unitID` when a unit above or below it has one for `period`.
  static func checkNoNesting(
    _ unitID: UInt64, period: CheckedPeriod, in transaction: ReadTransaction
  ) throws {
    for unit in try UnitTree.selfAndAncestors(of: unitID, in: transaction).dropFirst() {
      if try Tables.organisationPredikat.exists(key(unit, period), in: transaction) {
        throw RPCError(
          .failedPrecondition,
          "unit \(unit), above this one, has a predikat organisasi for \(period) already; its curve "
            + "covers this unit (rule: one predikat organisasi per unit and the units below it)")
      }
    }
    let others = try Tables.organisationPredikat.find(
      Tables.organisationPredikatByPeriod, equalTo: CompositeKey2(UInt32(period.year), period.code),
      in: transaction)
    for other in others where other.value.unitID != unitID {
      if try UnitTree.selfAndAncestors(of: other.value.unitID, in: transaction).contains(unitID) {
        throw RPCError(
          .failedPrecondition,
          "unit \(other.value.unitID), below this one, has a predikat organisasi for \(period) already "
            + "(rule: one predikat organisasi per unit and the units below it)")
      }
    }
  }
}
