import SimpegAPI
import SimpegStore

/// Every table of simpegd's store with its indexes, and the schema that lists them.
///
/// Every table stores an internal record of `Schema/simpeg/internal/v1`, never a `simpeg.v1`
/// message: the API can change without migrating the store. Handlers work on records and build
/// their answers with one conversion per type (`Records/`). Keys are ids (big-endian, so scans
/// run in id order) unless said otherwise.
enum Tables {
  // MARK: Organisation

  /// Children of a unit in name order: (parent id, lowercased name).
  static let unitsByParent = Index<CompositeKey2<UInt64, String>, Simpeg_Internal_V1_UnitRecord>(
    name: "by_parent"
  ) {
    CompositeKey2($0.parentID, $0.name.lowercased())
  }
  /// Unit codes are unique (uppercased); units without a code are not indexed.
  static let unitsByCode = Index<String, Simpeg_Internal_V1_UnitRecord>(name: "by_code", unique: true) {
    $0.code.isEmpty ? nil : $0.code.uppercased()
  }
  static let units = Table<UInt64, Simpeg_Internal_V1_UnitRecord>(
    name: "units", recordsChanges: true, indexes: [unitsByParent, unitsByCode])

  /// Positions of a unit.
  static let positionsByUnit = Index<UInt64, Simpeg_Internal_V1_PositionRecord>(name: "by_unit") { $0.unitID }
  /// Positions a position supervises.
  static let positionsBySupervisor = Index<UInt64, Simpeg_Internal_V1_PositionRecord>(name: "by_supervisor") {
    $0.supervisorPositionID == 0 ? nil : $0.supervisorPositionID
  }
  /// The position an employee holds: one at most.
  static let positionsByHolder = Index<UInt64, Simpeg_Internal_V1_PositionRecord>(
    name: "by_holder", unique: true
  ) { $0.holderEmployeeID == 0 ? nil : $0.holderEmployeeID }
  /// The positions an employee acts in (Plt); one person may be Plt of several.
  static let positionsByActing = Index<UInt64, Simpeg_Internal_V1_PositionRecord>(name: "by_acting") {
    $0.actingEmployeeID == 0 ? nil : $0.actingEmployeeID
  }
  static let positions = Table<UInt64, Simpeg_Internal_V1_PositionRecord>(
    name: "positions", recordsChanges: true,
    indexes: [positionsByUnit, positionsBySupervisor, positionsByHolder, positionsByActing])

  // MARK: Employees

  static let employeesByNIP = Index<String, Simpeg_Internal_V1_EmployeeRecord>(name: "by_nip", unique: true) {
    $0.nip
  }
  /// Name search: the name folded to lowercase without titles.
  static let employeesByName = Index<String, Simpeg_Internal_V1_EmployeeRecord>(name: "by_name") {
    NameFolding.searchKey($0.name)
  }
  static let employeesByUnit = Index<UInt64, Simpeg_Internal_V1_EmployeeRecord>(name: "by_unit") { $0.unitID }
  static let employeesByGolongan = Index<UInt32, Simpeg_Internal_V1_EmployeeRecord>(name: "by_golongan") {
    GolonganCode.of($0.golongan)
  }
  static let employees = Table<UInt64, Simpeg_Internal_V1_EmployeeRecord>(
    name: "employees", recordsChanges: true,
    indexes: [employeesByNIP, employeesByName, employeesByUnit, employeesByGolongan])

  /// Riwayat jabatan and pangkat: (employee id, entry number).
  static let history = Table<CompositeKey2<UInt64, UInt64>, Simpeg_Internal_V1_HistoryRecord>(
    name: "history")

  // MARK: Accounts and credentials

  static let accountsByUsername = Index<String, Simpeg_Internal_V1_AccountRecord>(
    name: "by_username", unique: true
  ) { $0.account.username.lowercased() }
  static let accountsByEmployee = Index<UInt64, Simpeg_Internal_V1_AccountRecord>(
    name: "by_employee", unique: true
  ) { $0.account.employeeID == 0 ? nil : $0.account.employeeID }
  static let accounts = Table<UInt64, Simpeg_Internal_V1_AccountRecord>(
    name: "accounts", recordsChanges: true, indexes: [accountsByUsername, accountsByEmployee])

  /// Sessions by the SHA-256 of their token.
  static let sessionsByAccount = Index<UInt64, Simpeg_Internal_V1_SessionRecord>(
    name: "by_account"
  ) { $0.accountID }
  /// Sessions in order of expiry (whole seconds since 1970), so expired ones are found first.
  static let sessionsByExpiry = Index<UInt64, Simpeg_Internal_V1_SessionRecord>(
    name: "by_expiry"
  ) { UInt64(max(0, $0.expiresAt.seconds)) }
  /// Records its changes so that ``CredentialCache`` sees every session that ends.
  static let sessions = Table<RawKeyBytes, Simpeg_Internal_V1_SessionRecord>(
    name: "sessions", recordsChanges: true, indexes: [sessionsByAccount, sessionsByExpiry])

  static let apiKeysBySecret = Index<RawKeyBytes, Simpeg_Internal_V1_ApiKeyRecord>(
    name: "by_secret", unique: true
  ) { RawKeyBytes(Array($0.secretSha256)) }
  static let apiKeysByAccount = Index<UInt64, Simpeg_Internal_V1_ApiKeyRecord>(name: "by_account") {
    $0.accountID
  }
  static let apiKeys = Table<UInt64, Simpeg_Internal_V1_ApiKeyRecord>(
    name: "api_keys", recordsChanges: true, indexes: [apiKeysBySecret, apiKeysByAccount])

  /// The tables the daemon reads into memory in the background after it opens the store
  /// (``Store/warmInBackground(_:logger:)``): those nearly every call reads (sessions, accounts,
  /// keys, positions, units), then employees, the largest that calls read at random.
  static let warmedAtStart = [
    sessions.name, accounts.name, apiKeys.name, positions.name, units.name, employees.name,
  ]

  // MARK: Audit and counters

  /// Audit records by actor (lowercased username), in sequence order.
  static let auditByActor = Index<String, Simpeg_Internal_V1_AuditTrailRecord>(name: "by_actor") {
    $0.actor.lowercased()
  }
  static let audit = Table<UInt64, Simpeg_Internal_V1_AuditTrailRecord>(
    name: "audit", indexes: [auditByActor])

  /// The next id of each kind of record.
  static let counters = Table<String, Simpeg_Internal_V1_Counter>(name: "counters")

  /// The store's schema: every table above, at version 2.
  ///
  /// - 1: the first schema; units, positions, employees, the performance cycle, public service,
  ///   innovation and the audit trail stored as their `simpeg.v1` messages.
  /// - 2: every table stores its own record message (``RecordsApartFromTheAPI``).
  static let schema = StoreSchema(
    version: 2,
    tables: [
      units, positions, employees, history, accounts, sessions, apiKeys, audit, counters,
    ] + organisationTables + publicServiceTables + performanceTables,
    migrations: [RecordsApartFromTheAPI.migration])

  /// Allocates the next id of `kind` ("unit", "employee", ...), starting at 1.
  static func nextID(_ kind: String, in transaction: WriteTransaction) throws -> UInt64 {
    try reserveIDs(kind, count: 1, in: transaction)
  }

  /// Allocates `count` consecutive ids of `kind` at once; returns the first.
  static func reserveIDs(_ kind: String, count: Int, in transaction: WriteTransaction) throws -> UInt64 {
    try transaction.update(lastID(of: kind)) { last in
      let first = last + 1
      last += UInt64(count)
      return first
    }
  }

  /// The last id of `kind` given out, as a batch of writes carries it (``BatchState``): read from
  /// ``counters`` once per batch, counted on in memory, written back once before the batch
  /// commits. Every allocation goes through here, so nothing else writes the counters.
  private static func lastID(of kind: String) -> BatchState<UInt64> {
    BatchState(name: "counters/" + kind, load: { try counters.get(kind, in: $0)?.value ?? 0 }) {
      last, transaction in
      var counter = Simpeg_Internal_V1_Counter()
      counter.value = last
      try counters.put(counter, for: kind, in: transaction)
    }
  }
}
