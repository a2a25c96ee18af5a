import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// The name of a new user account: an employee's NIP (the account is tied to that employee
/// and its username is the canonical 18 digits) or, for an operator outside the employee
/// records, a plain username.
struct NewUserName: Sendable {
  /// The canonical NIP of the employee, or nil for an operator.
  let nip: String?
  /// The operator's username, or nil for an employee.
  let username: String?

  /// Checks that exactly one of `nip` and `username` is given and well formed.
  init(nip: String, username: String) throws {
    let hasNIP = !nip.trimmingCharacters(in: .whitespaces).isEmpty
    let hasUsername = !username.trimmingCharacters(in: .whitespaces).isEmpty
    switch (hasNIP, hasUsername) {
    case (true, true):
      throw RPCError(
        .invalidArgument,
        "nip, username: give one of them: the NIP for an employee, a username for an operator")
    case (false, false):
      throw RPCError(
        .invalidArgument,
        "nip, username: one is required: the NIP for an employee, a username for an operator")
    case (true, false):
      guard nip.utf8.count <= AccountInput.lookupMaximum else {
        throw RPCError(.invalidArgument, "nip: is longer than \(AccountInput.lookupMaximum) characters")
      }
      do {
        self.nip = try NIP(nip).canonical
      } catch {
        throw RPCError(.invalidArgument, "nip: \(error)")
      }
      self.username = nil
    case (false, true):
      self.nip = nil
      self.username = try AccountInput.username(username, field: "username")
    }
  }

  /// The username and employee of the new account; `NOT_FOUND` for a NIP of no employee,
  /// `ALREADY_EXISTS` when the employee already has an account or the username is taken.
  func resolve(in transaction: ReadTransaction) throws -> (String, Simpeg_Internal_V1_EmployeeRecord?) {
    guard let nip else {
      let username = username ?? ""
      try AccountServiceHandler.requireFree(username, field: "username", in: transaction)
      return (username, nil)
    }
    guard
      let employee = try Tables.employees.findUnique(Tables.employeesByNIP, nip, in: transaction)?
        .value
    else {
      throw RPCError(.notFound, "nip: no employee has NIP \(nip)")
    }
    if let existing = try Tables.accounts.findUnique(
      Tables.accountsByEmployee, employee.id, in: transaction)
    {
      throw RPCError(
        .alreadyExists,
        "nip: employee \(nip) already has account \(existing.key) "
          + "(\(AccountInput.quoted(existing.value.account.username)))")
    }
    try AccountServiceHandler.requireFree(nip, field: "nip", in: transaction)
    return (nip, employee)
  }
}
