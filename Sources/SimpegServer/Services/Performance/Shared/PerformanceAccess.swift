import SimpegAPI
import SimpegStore

/// Who may see and act on the performance records of whom: the subject part of the rules of
/// `AccessPolicy+Performance.swift`.
///
/// - The employee: their own SKP, activities, feedback, evaluations (everything written about
///   them).
/// - Supervisors: the holders and Plt of positions above the employee's, transitively, approve,
///   review, rate and give feedback; nobody acts on themselves.
/// - ADMIN (BKPSDM) and AUDITOR read everything; ADMIN acts only where an elected official would
///   (see ``actsForOfficial(_:)``) and overrides the distribution curve.
/// - Service accounts read with `performance.read` and log activities with `activities.write`.
///
/// Refusals say the same whether or not the record exists, so they leak nothing.
enum PerformanceAccess {
  /// The scope that lets a service account read performance records (payroll/TPP, the portal).
  static let readScope = "performance.read"
  /// The scope that lets a service account log activities for employees (the attendance app).
  static let activityWriteScope = "activities.write"

  /// Whether `principal` reads everyone's performance records.
  static func readsEveryone(_ principal: Principal) -> Bool {
    principal.isAdmin || principal.isAuditor || principal.hasScope(readScope)
  }

  /// The employee `id` if `principal` may read their records.
  static func readableEmployee(
    _ id: UInt64, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Simpeg_V1_Employee {
    try Authorizer.readableEmployee(id, by: principal, scope: readScope, in: transaction)
  }

  /// Whether `principal` may read the records of the employee `id` (false for an unknown id).
  static func canRead(_ id: UInt64, by principal: Principal, in transaction: ReadTransaction) throws -> Bool {
    guard let employee = try Tables.employees.get(id, in: transaction) else { return false }
    return try Authorizer.canRead(employee, by: principal, scope: readScope, in: transaction)
  }

  /// Whether the user `principal` supervises `employee`: holds or acts in a position above the
  /// employee's, transitively. Never true for oneself or for a service.
  static func supervises(
    _ principal: Principal, _ employee: Simpeg_V1_Employee, in transaction: ReadTransaction
  ) throws -> Bool {
    guard !principal.isService, principal.employeeID == 0 || employee.id != principal.employeeID else {
      return false
    }
    return try Authorizer.isBelow(employee.positionID, anyOf: principal.positionIDs, in: transaction)
  }

  /// The employee `id` if `principal` supervises them; otherwise the refusal naming `rule`,
  /// the same whether or not the employee exists.
  static func supervisedEmployee(
    _ id: UInt64, by principal: Principal, rule: String, in transaction: ReadTransaction
  ) throws -> Simpeg_V1_Employee {
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

  /// The refusal for reading what one may not see.
  static func notReadable(_ what: String) -> RPCError {
    RPCError(
      .permissionDenied,
      "you may not see \(what): only your own and those of people below your position")
  }
}
