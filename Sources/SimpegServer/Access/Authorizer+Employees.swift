import SimpegAPI
import SimpegRPC
import SimpegStore

extension Authorizer {
  /// Whether `principal` reads every employee under a subject rule with `scope`: ADMIN, AUDITOR,
  /// and service accounts holding the scope. Everyone else is limited to themselves and the
  /// people below their positions, checked per employee with ``canRead(_:by:scope:in:)``.
  static func readsEveryone(_ principal: Principal, scope: String) -> Bool {
    principal.isAdmin || principal.isAuditor || principal.hasScope(scope)
  }

  /// Loads the employee with the canonical `nip` if `principal` may read it, refusing exactly as
  /// ``readableEmployee(_:by:scope:in:)`` does: NOT_FOUND only for callers who read everyone.
  static func readableEmployee(
    nip: String, by principal: Principal, scope: String, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_EmployeeRecord {
    if let row = try Tables.employees.findUnique(Tables.employeesByNIP, nip, in: transaction) {
      return try readableEmployee(row.key, by: principal, scope: scope, in: transaction)
    }
    if readsEveryone(principal, scope: scope) {
      throw RPCError(.notFound, "no employee with NIP \(nip)")
    }
    throw denied()
  }
}
