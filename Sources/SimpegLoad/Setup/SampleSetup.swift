import Foundation
import SimpegAPI
import SimpegRPC

/// Prepares a run against a daemon serving the sample Kota Salatiga (`simpegd
/// --sample-organisation`): logs in as an administrator, makes user accounts (or, when an earlier
/// run made them, reuses them, resetting a password only when the load's own is refused) for
/// employees that have an approved SKP and for their evaluators, logs each in, and
/// returns the ``LoadWorld`` of their sessions. Also used by `Tools/bench/performance`.
public struct SampleSetup: Sendable {
  /// The daemon.
  public var client: RPCClient
  /// The administrator's username.
  public var adminUsername: String
  /// The administrator's password.
  public var adminPassword: String
  /// How many employees to act as.
  public var employees: Int
  /// At most how many of their evaluators to act as.
  public var supervisors: Int
  /// The SKPs' year; nil: this year (WIB) when the employees have SKPs of it, else last year.
  public var year: Int?
  /// The password given to the accounts made.
  public var password = "simpeg-load-sandi-2026"
  /// Employees never acted as (e.g. a watcher who must not watch themselves).
  public var excludedEmployeeIDs: Set<UInt64> = []
  /// Accounts made and logged in at once (each costs a password hash on the server).
  public var parallelLogins = 4

  /// A set-up of `employees` employees and up to `supervisors` evaluators.
  public init(
    client: RPCClient, adminUsername: String, adminPassword: String, employees: Int, supervisors: Int,
    year: Int? = nil
  ) {
    self.client = client
    self.adminUsername = adminUsername
    self.adminPassword = adminPassword
    self.employees = employees
    self.supervisors = supervisors
    self.year = year
  }

  /// Reads `username=` (default `admin`) and `password=` lines of a credentials file such as
  /// the daemon's `bootstrap-admin.txt`.
  public static func credentials(file path: String) throws(LoadUsageError) -> (
    username: String, password: String
  ) {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw LoadUsageError(
        "cannot read the credentials file \(path); it is bootstrap-admin.txt in the daemon's data folder")
    }
    var values: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1)
      if parts.count == 2 { values[String(parts[0]).trimmingCharacters(in: .whitespaces)] = String(parts[1]) }
    }
    guard let password = values["password"], !password.isEmpty else {
      throw LoadUsageError("the credentials file \(path) has no 'password=' line")
    }
    return (values["username"] ?? "admin", password)
  }

  /// An employee found with their SKP, before they have a session.
  private struct Candidate: Sendable {
    var employee: Simpeg_V1_Employee
    var token: String
    var skp: Simpeg_V1_SKP
  }

  /// A session of the administrator.
  public func adminSession() async throws -> String { try await login(adminUsername, adminPassword) }

  /// `--setup fresh`: fills a daemon that holds no units with the sample city through
  /// `AdminService/LoadSample` (audited as the administrator), its performance cycle in
  /// ``year`` or else this year (WIB), so that ``prepare(note:)`` finds employees with approved
  /// SKPs. Refuses a daemon that already holds units: loading beside them would mix two cities.
  public func loadSampleIntoEmptyDaemon(
    seed: UInt64, serviceRequests: UInt32 = 100, note: @Sendable (String) -> Void = { _ in }
  ) async throws -> Simpeg_V1_LoadSampleResponse {
    let admin = options(try await login(adminUsername, adminPassword))
    var roots = Simpeg_V1_ListUnitsRequest()
    roots.parentID = 0
    let existing = try await Simpeg_V1_OrgService.Client(wrapping: client).listUnits(roots, options: admin)
    guard existing.units.isEmpty else {
      throw LoadUsageError(
        "--setup fresh needs a daemon with no units, and this one holds \(existing.units[0].name); "
          + "use --setup sample, or start simpegd on an empty data folder without --sample-organisation")
    }
    let year = self.year ?? Self.today().year!
    note("loading the sample city (seed \(seed), performance cycle \(year)) into the empty daemon")
    var request = Simpeg_V1_LoadSampleRequest()
    request.seed = seed
    request.year = Int32(year)
    request.serviceRequests = serviceRequests
    // Generating and writing the city takes seconds to minutes, depending on the machine.
    var long = admin
    long.timeout = .seconds(900)
    let loaded = try await Simpeg_V1_AdminService.Client(wrapping: client).loadSample(request, options: long)
    note(
      "loaded \(loaded.units) units, \(loaded.positions) positions, \(loaded.employees) employees, "
        + "\(loaded.skps) SKPs")
    return loaded
  }

  /// Makes the accounts and sessions; `note` hears what is being done.
  public func prepare(note: @Sendable (String) -> Void = { _ in }) async throws -> LoadWorld {
    let adminToken = try await login(adminUsername, adminPassword)
    let admin = options(adminToken)
    let org = Simpeg_V1_OrgService.Client(wrapping: client)
    let people = Simpeg_V1_EmployeeService.Client(wrapping: client)

    var roots = Simpeg_V1_ListUnitsRequest()
    roots.parentID = 0
    guard let city = try await org.listUnits(roots, options: admin).units.first else {
      throw LoadUsageError(
        "the daemon holds no units: start it with --sample-organisation on an empty data folder")
    }
    var children = Simpeg_V1_ListUnitsRequest()
    children.parentID = city.id
    children.page.pageSize = 200
    let units = try await org.listUnits(children, options: admin).units.map(\.id)

    // Employees with a position, in id order; a few times more than needed, since some have
    // no SKP of the year (new, or elected officials' staff).
    var staff: [Simpeg_V1_Employee] = []
    var search = Simpeg_V1_SearchEmployeesRequest()
    search.page.pageSize = 1_000
    repeat {
      let page = try await people.searchEmployees(search, options: admin)
      staff += page.employees.filter { $0.positionID != 0 && !excludedEmployeeIDs.contains($0.id) }
      search.page.pageToken = page.page.nextPageToken
    } while !search.page.pageToken.isEmpty && staff.count < max(2_000, employees * 4)
    staff.sort { $0.id < $1.id }
    let lookups = staff.map(\.id)
    guard !staff.isEmpty else { throw LoadUsageError("the daemon holds no employees with a position") }

    let first = staff[0]
    let (year, firstToken) = try await chooseYear(first: first, admin: admin)
    note("setting up \(employees) employees with SKPs of \(year) (accounts and sessions)")
    var ready: [Candidate] = []
    var next = 0
    while ready.count < employees, next < staff.count {
      let batch = Array(staff[next..<min(staff.count, next + (employees - ready.count) + 2)])
      next += batch.count
      ready += try await concurrently(batch) { employee in
        // One session per person: when an account's password has to be reset, the sessions it
        // had are revoked.
        let token =
          employee.id == first.id ? firstToken : try await account(employee.nip, admin: admin)
        var request = Simpeg_V1_GetSKPRequest()
        request.ownerYear.employeeID = employee.id
        request.ownerYear.year = Int32(year)
        do {
          let skp = try await Simpeg_V1_PlanService.Client(wrapping: client).getSKP(
            request, options: options(token))
          guard skp.status == .approved, !skp.content.rhks.isEmpty else { return nil }
          return Candidate(employee: employee, token: token, skp: skp)
        } catch let error as RPCError where error.code == .notFound {
          return nil
        }
      }
    }
    ready = Array(ready.sorted { $0.employee.id < $1.employee.id }.prefix(employees))
    guard ready.count == employees else {
      throw LoadUsageError("only \(ready.count) employees have an approved SKP of \(year); ask for fewer")
    }

    var evaluatorIDs: [UInt64] = []
    for candidate in ready {
      let evaluator = candidate.skp.evaluator
      if evaluator.employeeID != 0, !evaluator.official, !evaluatorIDs.contains(evaluator.employeeID) {
        evaluatorIDs.append(evaluator.employeeID)
      }
    }
    evaluatorIDs = Array(evaluatorIDs.prefix(supervisors))
    note("setting up \(evaluatorIDs.count) supervisors (the employees' evaluators)")
    let employeeTokens = Dictionary(uniqueKeysWithValues: ready.map { ($0.employee.id, $0) })
    let supervisorList = try await concurrently(evaluatorIDs) { id -> LoadSupervisor? in
      if let known = employeeTokens[id] {
        return LoadSupervisor(id: id, nip: known.employee.nip, token: known.token)
      }
      var get = Simpeg_V1_GetEmployeeRequest()
      get.id = id
      let person = try await people.getEmployee(get, options: admin)
      return LoadSupervisor(id: id, nip: person.nip, token: try await account(person.nip, admin: admin))
    }

    let employeesReady = ready.map { candidate in
      var request = Simpeg_V1_LogActivityRequest()
      request.skpID = candidate.skp.id
      request.rhkID = candidate.skp.content.rhks[0].id
      request.date = Self.activityDate(year: year, lastMonth: Int(candidate.skp.lastMonth))
      request.startMinute = 8 * 60
      request.endMinute = 9 * 60
      request.description_p = "Melayani permohonan dokumen kependudukan di loket"
      request.outputQuantity = 1
      return LoadEmployee(
        id: candidate.employee.id, nip: candidate.employee.nip, token: candidate.token, logRequest: request)
    }
    return LoadWorld(
      employees: employeesReady, supervisors: supervisorList.sorted { $0.id < $1.id },
      adminToken: adminToken, lookupEmployeeIDs: lookups, searchUnitIDs: units)
  }

  /// A session of employee `id`: theirs in `world` when they are in it (a second account
  /// would reset the password and revoke that session), else a new account's.
  public func session(forEmployee id: UInt64, in world: LoadWorld) async throws -> String {
    if let employee = world.employees.first(where: { $0.id == id }) { return employee.token }
    if let supervisor = world.supervisors.first(where: { $0.id == id }) { return supervisor.token }
    let admin = options(try await login(adminUsername, adminPassword))
    var get = Simpeg_V1_GetEmployeeRequest()
    get.id = id
    let person = try await Simpeg_V1_EmployeeService.Client(wrapping: client).getEmployee(get, options: admin)
    return try await account(person.nip, admin: admin)
  }

  /// Today in Salatiga (WIB, UTC+7).
  static func today() -> DateComponents {
    Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 7 * 3600)!, from: Date())
  }

  /// The date activities are logged on: today when the SKP is of this year and covers this
  /// month, else the 28th of the SKP's last month.
  static func activityDate(year: Int, lastMonth: Int) -> Simpeg_V1_Date {
    let today = today()
    var date = Simpeg_V1_Date()
    date.year = Int32(year)
    let last = lastMonth == 0 ? 12 : lastMonth
    if year == today.year!, today.month! <= last {
      date.month = Int32(today.month!)
      date.day = Int32(today.day!)
    } else {
      date.month = Int32(last)
      date.day = 28
    }
    return date
  }

  /// The year given, else this year when `first` has an SKP of it, else last year; and a
  /// session of `first`.
  private func chooseYear(first: Simpeg_V1_Employee, admin: CallOptions) async throws -> (Int, String) {
    let token = try await account(first.nip, admin: admin)
    if let year { return (year, token) }
    let thisYear = Self.today().year!
    var request = Simpeg_V1_GetSKPRequest()
    request.ownerYear.employeeID = first.id
    request.ownerYear.year = Int32(thisYear)
    do {
      _ = try await Simpeg_V1_PlanService.Client(wrapping: client).getSKP(request, options: options(token))
      return (thisYear, token)
    } catch let error as RPCError where error.code == .notFound {
      return (thisYear - 1, token)
    }
  }

  /// Makes the account of `nip` with ``password`` and logs in. When it exists (an earlier run
  /// made it), logs in with ``password``; only when that is refused is the password reset, so a
  /// run against the same daemon again costs one password check per person, not three.
  private func account(_ nip: String, admin: CallOptions) async throws -> String {
    let accounts = Simpeg_V1_AccountService.Client(wrapping: client)
    var create = Simpeg_V1_CreateUserAccountRequest()
    create.nip = nip
    create.initialPassword = password
    do {
      _ = try await accounts.createUserAccount(create, options: admin)
      return try await login(nip, password)
    } catch let error as RPCError where error.code == .alreadyExists {
      if let token = try? await login(nip, password) { return token }
      var reset = Simpeg_V1_ResetPasswordRequest()
      reset.account.username = nip
      let temporary = try await accounts.resetPassword(reset, options: admin).temporaryPassword
      return try await login(nip, temporary)
    }
  }

  /// Logs in and returns the session token.
  private func login(_ username: String, _ password: String) async throws -> String {
    var request = Simpeg_V1_LoginRequest()
    request.username = username
    request.password = password
    return try await Simpeg_V1_AuthService.Client(wrapping: client).login(request).token
  }

  private func options(_ token: String) -> CallOptions {
    var metadata = Metadata()
    metadata.add("authorization", "Bearer \(token)")
    return CallOptions(timeout: .seconds(60), metadata: metadata)
  }

  /// `body` over `items`, ``parallelLogins`` at a time, keeping the non-nil results.
  private func concurrently<T: Sendable, R: Sendable>(
    _ items: [T], _ body: @escaping @Sendable (T) async throws -> R?
  ) async throws -> [R] {
    try await withThrowingTaskGroup(of: R?.self) { group in
      var results: [R] = []
      var iterator = items.makeIterator()
      for _ in 0..<max(1, parallelLogins) {
        guard let item = iterator.next() else { break }
        group.addTask { try await body(item) }
      }
      while let result = try await group.next() {
        if let result { results.append(result) }
        if let item = iterator.next() { group.addTask { try await body(item) } }
      }
      return results
    }
  }
}
