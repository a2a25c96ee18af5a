import Foundation
import SimpegAPI
import SimpegRPC

/// Accounts in bulk: an account for every active employee of a unit (and the units below it)
/// who has none, as BKPSDM gives a unit its accounts after an import. The username is the NIP,
/// the daemon chooses each initial password, and the person changes it at the first login.
///
/// Each account is created by its own `AccountService/CreateUserAccount` call, so an employee who
/// has an account already (ALREADY_EXISTS) is left as they are and one refusal does not stop the
/// rest. Every created account is handed to `created` as soon as the daemon answers, so its one-time
/// password is written out before the next call, and a run that stops midway loses none.
public enum UnitAccounts {
  /// An employee's new account and its one-time password.
  public struct Created: Sendable {
    /// The employee.
    public var employee: Simpeg_V1_Employee
    /// The account's initial password, shown this once.
    public var initialPassword: String
  }

  /// What a run did.
  public struct Outcome: Sendable {
    /// Employees given an account (or, in a dry run, who would be).
    public var created: [Simpeg_V1_Employee] = []
    /// Employees who already had one.
    public var existing: [Simpeg_V1_Employee] = []
    /// Employees whose account the daemon refused, with its message.
    public var failed: [(employee: Simpeg_V1_Employee, message: String)] = []
  }

  /// The CSV's header: NIP, full name, initial password (the columns BKPSDM hands out).
  public static let header = ["nip", "nama", "kata_sandi_awal"]

  /// The active employees of `unitID` (with `subunits`, of the units below it too).
  public static func employees(of unitID: UInt64, subunits: Bool, connection: AdminConnection) async throws
    -> [Simpeg_V1_Employee]
  {
    var request = Simpeg_V1_SearchEmployeesRequest()
    request.unitID = unitID
    request.includeSubunits = subunits
    return try await EmployeePages.read(connection: connection, request: request).employees
  }

  /// Gives each of `employees` without an account one; with `dryRun` only finds who has none
  /// (`AccountService/GetAccount` by NIP). `progress` hears after each employee how many are done.
  public static func create(
    for employees: [Simpeg_V1_Employee], dryRun: Bool, connection: AdminConnection,
    progress: (Int) -> Void = { _ in }, created: (Created) throws -> Void
  ) async throws -> Outcome {
    var outcome = Outcome()
    for (done, employee) in employees.enumerated() {
      defer { progress(done + 1) }
      do {
        if dryRun {
          if try await hasAccount(employee, connection: connection) {
            outcome.existing.append(employee)
          } else {
            outcome.created.append(employee)
          }
          continue
        }
        var request = Simpeg_V1_CreateUserAccountRequest()
        request.nip = employee.nip
        let response = try await connection.accounts.createUserAccount(request, options: connection.unary)
        try created(Created(employee: employee, initialPassword: response.initialPassword))
        outcome.created.append(employee)
      } catch let error as RPCError where error.code == .alreadyExists {
        outcome.existing.append(employee)
      } catch let error as RPCError where Self.mayGoOn(after: error) {
        outcome.failed.append((employee, error.message))
      }
    }
    return outcome
  }

  /// Whether an account named by `employee`'s NIP exists (`AccountService/GetAccount`).
  private static func hasAccount(_ employee: Simpeg_V1_Employee, connection: AdminConnection) async throws
    -> Bool
  {
    var request = Simpeg_V1_GetAccountRequest()
    request.account.username = employee.nip
    do {
      _ = try await connection.accounts.getAccount(request, options: connection.unary)
      return true
    } catch let error as RPCError where error.code == .notFound {
      return false
    }
  }

  /// Whether a refusal concerns one employee only (their record, their NIP), so the others may
  /// still get their accounts; a lost session, a missing role or an unreachable daemon stops
  /// the run.
  private static func mayGoOn(after error: RPCError) -> Bool {
    [.invalidArgument, .failedPrecondition, .notFound, .outOfRange].contains(error.code)
  }
}
