import SimpegAPI
import SimpegStore

/// The write path of a new account: a person's (with a password hash, maybe tied to an
/// employee) or an internal app's (with scopes). AccountService's calls and the bootstrap
/// administrator go through here; the name's checks (free, a NIP of an employee) are the
/// caller's first.
enum AccountCreation {
  /// Stores a user account `username` with `roles` and the scrypt `passwordHash`; it must change
  /// its password at the first login. Names it (and the employee) for the audit record.
  static func user(
    _ username: String, employee: Simpeg_Internal_V1_EmployeeRecord?, roles: [Simpeg_V1_Role],
    displayName: String,
    passwordHash: Simpeg_Internal_V1_PasswordHash, in mutation: Mutation
  ) throws -> Simpeg_V1_Account {
    var account = Simpeg_V1_Account()
    account.id = try Tables.nextID("account", in: mutation.transaction)
    account.kind = .user
    account.username = username
    account.employeeID = employee?.id ?? 0
    account.roles = roles
    account.displayName =
      displayName.isEmpty ? (employee.map(AccountServiceHandler.fullName) ?? "") : displayName
    account.mustChangePassword = true
    account.createdAt = mutation.moment.timestamp
    var record = Simpeg_Internal_V1_AccountRecord()
    record.account = account
    record.password = passwordHash
    try Tables.accounts.insert(record, for: account.id, in: mutation.transaction)
    mutation.audit(targets: ["account:\(account.id)"] + (employee.map { ["employee:\($0.id)"] } ?? []))
    return account
  }

  /// Stores a service account `name` with `scopes`; names it for the audit record.
  static func service(
    _ name: String, scopes: [String], displayName: String, in mutation: Mutation
  ) throws -> Simpeg_V1_Account {
    var account = Simpeg_V1_Account()
    account.id = try Tables.nextID("account", in: mutation.transaction)
    account.kind = .service
    account.username = name
    account.scopes = scopes
    account.displayName = displayName
    account.createdAt = mutation.moment.timestamp
    var record = Simpeg_Internal_V1_AccountRecord()
    record.account = account
    try Tables.accounts.insert(record, for: account.id, in: mutation.transaction)
    mutation.audit(targets: ["account:\(account.id)"])
    return account
  }
}
