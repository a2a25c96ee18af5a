import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

extension Authorizer {
  /// Whether the user `principal` supervises `employee`: holds or acts in a position above the
  /// employee's, transitively. Never true for oneself or for a service.
  static func supervises(
    _ principal: Principal, _ employee: Simpeg_Internal_V1_EmployeeRecord, in transaction: ReadTransaction
  ) throws -> Bool {
    guard !principal.isService, principal.employeeID == 0 || employee.id != principal.employeeID else {
      return false
    }
    return try isBelow(employee.positionID, anyOf: principal.positionIDs, in: transaction)
  }

  /// The employee `id` if `principal` supervises them; otherwise the refusal naming `rule`, the
  /// same whether or not the employee exists.
  static func supervisedEmployee(
    _ id: UInt64, by principal: Principal, rule: String, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_EmployeeRecord {
    if let employee = try Tables.employees.get(id, in: transaction),
      try supervises(principal, employee, in: transaction)
    {
      return employee
    }
    throw notSupervised(rule)
  }

  /// Whether ADMIN stands in for an elected official: the evaluator (or, for the top leader, the
  /// owner) is an official who has no account, so BKPSDM enters their decisions.
  static func actsForOfficial(_ principal: Principal) -> Bool { principal.isAdmin }

  /// The refusal for acting on someone one does not supervise.
  static func notSupervised(_ rule: String) -> RPCError {
    RPCError(
      .permissionDenied,
      "you may do this only for people below your position (rule: \(rule))")
  }

  /// The refusal for reading a record (`what`) about someone one may not see.
  static func notReadable(_ what: String) -> RPCError {
    RPCError(
      .permissionDenied,
      "you may not see \(what): only your own and those of people below your position")
  }

  /// Whether `principal` may read the records of the employee `id` under `scope` (false for an
  /// unknown id).
  static func canRead(
    employeeID id: UInt64, by principal: Principal, scope: String, on day: CalendarDate? = nil,
    in transaction: ReadTransaction
  ) throws -> Bool {
    guard let employee = try Tables.employees.get(id, in: transaction) else { return false }
    return try canRead(employee, by: principal, scope: scope, on: day, in: transaction)
  }
}
