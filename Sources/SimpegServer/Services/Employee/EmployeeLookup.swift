import SimpegAPI
import SimpegRPC
import SimpegStore

/// Loads employees named by an administrator's request: NOT_FOUND when the id is unknown,
/// FAILED_PRECONDITION when the employee must be active and has retired.
///
/// Reads on behalf of users go through ``Authorizer`` instead, so that denials leak nothing.
enum EmployeeLookup {
  /// The employee `id`, named by `field` in a refusal.
  static func employee(_ id: UInt64, field: String, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_EmployeeRecord
  {
    guard let employee = try Tables.employees.get(id, in: transaction) else {
      throw RPCError(.notFound, "\(field) \(id): no such employee")
    }
    return employee
  }

  /// The employee `id`, who must be active (not retired).
  static func activeEmployee(_ id: UInt64, field: String, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_EmployeeRecord
  {
    let employee = try employee(id, field: field, in: transaction)
    guard employee.active else {
      let date = employee.retiredOn.calendarDate.map { " on \($0)" } ?? ""
      throw RPCError(
        .failedPrecondition, "\(field): \(RecordNaming.employee(employee)) retired\(date) and is inactive")
    }
    return employee
  }
}
