import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// The subject part of access rules, the one family of helpers every handler uses: whether a
/// caller may see or act on a particular employee, unit or record, after ``AccessInterceptor``
/// admitted the call by the caller alone.
///
/// ADMIN and AUDITOR (reading) reach everyone, service accounts everyone when they hold the
/// rule's scope (``ServiceScopes``), and a user themselves and the people below the positions
/// they hold or act in, transitively down the supervision tree. Denials say the same whether or
/// not the subject exists, so they leak nothing. The checks live in one file per concept:
/// employees (here and `+Employees`), supervision (`+Supervision`: who acts on whom, ADMIN for
/// elected officials) and units (`+Units`: a unit's leader, who sees a unit's performance or
/// public-service records).
enum Authorizer {
  /// How far up the supervision tree a check walks before giving up (a guard against cycles).
  static let maximumDepth = 64

  /// Whether `principal` may read `employee`; with `day`, also as the Plh of a position above
  /// the employee's that day (a Plh reads what they act on).
  static func canRead(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, by principal: Principal, scope: String,
    on day: CalendarDate? = nil,
    in transaction: ReadTransaction
  ) throws -> Bool {
    if principal.isAdmin || principal.isAuditor { return true }
    if principal.isService { return principal.hasScope(scope) }
    if employee.id == principal.employeeID { return true }
    if try isBelow(employee.positionID, anyOf: principal.positionIDs, in: transaction) { return true }
    guard let day, principal.employeeID != 0 else { return false }
    let standing = try PlhRecords.positions(of: principal.employeeID, on: day, in: transaction)
    return try isBelow(employee.positionID, anyOf: standing, in: transaction)
  }

  /// Whether `principal` may act on `employee` as their supervisor (or as ADMIN, or a service
  /// holding `scope`). Auditors never act.
  static func canActOn(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, by principal: Principal, scope: String,
    in transaction: ReadTransaction
  ) throws -> Bool {
    if principal.isAdmin { return true }
    if principal.isService { return principal.hasScope(scope) }
    return try isBelow(employee.positionID, anyOf: principal.positionIDs, in: transaction)
  }

  /// Whether the position `positionID` lies below any of `supervisors` in the tree.
  static func isBelow(
    _ positionID: UInt64, anyOf supervisors: [UInt64], in transaction: ReadTransaction
  ) throws -> Bool {
    guard positionID != 0, !supervisors.isEmpty else { return false }
    var current = positionID
    for _ in 0..<maximumDepth {
      guard let position = try Tables.positions.get(current, in: transaction) else { return false }
      let above = position.supervisorPositionID
      if above == 0 { return false }
      if supervisors.contains(above) { return true }
      current = above
    }
    return false
  }

  /// The refusal for an employee the caller may not see, the same whether or not it exists.
  static func denied(_ what: String = "this employee") -> RPCError {
    RPCError(
      .permissionDenied,
      "you may not see \(what): only your own record and those of people below your position")
  }

  /// Loads the employee `id` if `principal` may read it; NOT_FOUND only for callers who may
  /// read everyone, PERMISSION_DENIED otherwise.
  static func readableEmployee(
    _ id: UInt64, by principal: Principal, scope: String, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_EmployeeRecord {
    let employee = try Tables.employees.get(id, in: transaction)
    if let employee, try canRead(employee, by: principal, scope: scope, in: transaction) {
      return employee
    }
    if employee == nil, principal.isAdmin || principal.isAuditor || principal.hasScope(scope) {
      throw RPCError(.notFound, "no employee with id \(id)")
    }
    throw denied()
  }
}
