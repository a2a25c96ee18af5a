import SimpegAPI
import SimpegRPC
import SimpegStore

/// What keeps a unit from closing: open positions, open child units and active employees still
/// placed in it.
enum UnitClosing {
  /// Refuses (FAILED_PRECONDITION) closing `unit` while anything in it is still open, naming it.
  static func ensureNothingOpen(in unit: Simpeg_Internal_V1_UnitRecord, in transaction: ReadTransaction)
    throws
  {
    var open: [String] = []
    let positions = try Tables.positions.find(Tables.positionsByUnit, equalTo: unit.id, in: transaction)
      .map(\.value).filter { !$0.closed }
    if !positions.isEmpty {
      open.append(
        "open positions: \(RecordNaming.list(positions.map(RecordNaming.position)))")
    }
    let children = try OrgLookup.children(of: unit.id, in: transaction).filter { !$0.closed }
    if !children.isEmpty {
      open.append("open child units: \(RecordNaming.list(children.map(RecordNaming.unit)))")
    }
    let employees = try Tables.employees.find(Tables.employeesByUnit, equalTo: unit.id, in: transaction)
      .map(\.value).filter(\.active)
    if !employees.isEmpty {
      open.append("active employees: \(RecordNaming.list(employees.map(RecordNaming.employee)))")
    }
    guard !open.isEmpty else { return }
    throw RPCError(
      .failedPrecondition,
      "unit_id: \(RecordNaming.unit(unit)) cannot close while it has "
        + open.joined(separator: "; ") + "; close or move them first")
  }
}
