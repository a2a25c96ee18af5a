import SimpegAPI
import SimpegRPC
import SimpegStore

/// Which unit's predikat kinerja organisasi (and so which curve) applies to whom.
///
/// A predikat organisasi set for a unit covers the unit and every unit below it for that period,
/// down to a unit with a predikat of its own: each employee falls under the nearest one at or
/// above their unit. A unit head's own rating falls under the nearest one at or above the unit
/// above theirs, so it is finalised with the set their evaluator leads, never with the set of
/// the unit they lead (SE MenPANRB 3/2023).
enum OrganisationCoverage {
  /// The key of a unit's setting for a period.
  static func key(_ unitID: UInt64, _ period: CheckedPeriod) -> CompositeKey3<UInt64, UInt32, UInt32> {
    CompositeKey3(unitID, UInt32(period.year), period.code)
  }

  /// The nearest setting for `period` at `unitID` or above it.
  static func covering(
    _ unitID: UInt64, period: CheckedPeriod, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_OrganisationPredikatRecord? {
    for unit in try UnitTree.selfAndAncestors(of: unitID, in: transaction) {
      if let setting = try Tables.organisationPredikat.get(key(unit, period), in: transaction) {
        return setting
      }
    }
    return nil
  }

  /// Whether `employee` holds the head position of their own unit.
  static func leadsOwnUnit(_ employee: Simpeg_Internal_V1_EmployeeRecord, in transaction: ReadTransaction)
    throws -> Bool
  {
    guard employee.positionID != 0, let unit = try Tables.units.get(employee.unitID, in: transaction) else {
      return false
    }
    return unit.headPositionID == employee.positionID && unit.parentID != 0
  }

  /// The setting whose curve `employee`'s rating for `period` falls under: the nearest at or
  /// above their unit, or, for a unit head, at or above the unit above theirs.
  static func curve(
    for employee: Simpeg_Internal_V1_EmployeeRecord, period: CheckedPeriod, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_OrganisationPredikatRecord? {
    guard employee.unitID != 0 else { return nil }
    if try leadsOwnUnit(employee, in: transaction),
      let unit = try Tables.units.get(employee.unitID, in: transaction)
    {
      return try covering(unit.parentID, period: period, in: transaction)
    }
    return try covering(employee.unitID, period: period, in: transaction)
  }

  /// Refuses a new setting of `unit` for `period` (already written in the transaction) that
  /// would take ratings given under the curve of a unit above into its own: organisation first,
  /// so the predikat of a unit is set before its people are rated.
  static func checkNoRatingMoves(
    to unit: Simpeg_Internal_V1_UnitRecord, period: CheckedPeriod, in transaction: ReadTransaction
  ) throws {
    for above in try UnitTree.selfAndAncestors(of: unit.id, in: transaction).dropFirst() {
      let rated = try Tables.evaluations.find(
        Tables.evaluationsByOrganisationPeriod, equalTo: key(above, period), in: transaction)
      for evaluation in rated.map(\.value) {
        guard let employee = try Tables.employees.get(evaluation.employeeID, in: transaction),
          try curve(for: employee, period: period, in: transaction)?.unitID == unit.id
        else { continue }
        throw RPCError(
          .failedPrecondition,
          "\(RecordNaming.employee(employee)) is rated for \(period) under the curve of unit \(above) "
            + "already, which a predikat of \(RecordNaming.unit(unit)) would change; set a unit's predikat "
            + "before its people are rated (rule: organisation first, SE MenPANRB 3/2023)")
      }
    }
  }
}
