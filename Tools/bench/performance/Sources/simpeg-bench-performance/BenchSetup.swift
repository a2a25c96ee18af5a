import Foundation
import SimpegAPI
import SimpegRPC

/// What a run needs: employees of the sample, each with a session, a connection and a request
/// toward the first RHK of their approved SKP of this year; and their supervisor's session.
struct BenchSetup {
  let employees: [Drive.Employee]
  let watcher: Simpeg_V1_ActivityService.Client

  static let password = "kinerja-bench-sandi-2026"

  /// Logs in as the bootstrap administrator, finds the Sekda and the first `count` employees below,
  /// makes their accounts and sessions, and reads their SKPs.
  static func prepare(port: Int, credentialsFile: String, employees count: Int) async throws -> BenchSetup {
    let text = try String(contentsOfFile: credentialsFile, encoding: .utf8)
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("password=") }) else {
      throw BenchError("no password in \(credentialsFile)")
    }
    let admin = try await session(port: port, username: "admin", password: String(line.dropFirst(9)))
    let org = Simpeg_V1_OrgService.Client(wrapping: admin)
    let people = Simpeg_V1_EmployeeService.Client(wrapping: admin)
    let accounts = Simpeg_V1_AccountService.Client(wrapping: admin)

    var roots = Simpeg_V1_ListUnitsRequest()
    roots.parentID = 0
    guard let city = try await org.listUnits(roots).units.first else { throw BenchError("no sample loaded") }
    var children = Simpeg_V1_ListUnitsRequest()
    children.parentID = city.id
    children.page.pageSize = 1_000
    guard let setda = try await org.listUnits(children).units.first(where: { $0.kind == .sekretariatDaerah })
    else { throw BenchError("no Sekretariat Daerah in the sample") }
    var head = Simpeg_V1_GetPositionRequest()
    head.positionID = setda.headPositionID
    let sekdaID = try await org.getPosition(head).holderEmployeeID

    var staff: [Simpeg_V1_Employee] = []
    var search = Simpeg_V1_SearchEmployeesRequest()
    search.page.pageSize = 1_000
    repeat {
      let page = try await people.searchEmployees(search)
      staff += page.employees.filter { $0.id != sekdaID && $0.positionID != 0 }
      search.page.pageToken = page.page.nextPageToken
    } while !search.page.pageToken.isEmpty && staff.count < count
    staff = Array(staff.sorted { $0.id < $1.id }.prefix(count))
    guard staff.count == count, sekdaID != 0 else { throw BenchError("the sample has too few employees") }
    var get = Simpeg_V1_GetEmployeeRequest()
    get.id = sekdaID
    let sekda = try await people.getEmployee(get)

    // Today in Salatiga (WIB, UTC+7): the activities' date, within the SKPs' year.
    let today = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(secondsFromGMT: 7 * 3600)!, from: Date())
    let year = Int32(today.year!)
    var date = Simpeg_V1_Date()
    date.year = Int32(today.year!)
    date.month = Int32(today.month!)
    date.day = Int32(today.day!)

    let watcher = try await account(for: sekda, accounts: accounts, port: port)
    var ready: [Drive.Employee] = []
    for employee in staff {
      let client = try await account(for: employee, accounts: accounts, port: port)
      var skpRequest = Simpeg_V1_GetSKPRequest()
      skpRequest.ownerYear.employeeID = employee.id
      skpRequest.ownerYear.year = year
      let skp = try await Simpeg_V1_PlanService.Client(wrapping: client).getSKP(skpRequest)
      var request = Simpeg_V1_LogActivityRequest()
      request.skpID = skp.id
      request.rhkID = skp.content.rhks[0].id
      request.date = date
      request.startMinute = 8 * 60
      request.endMinute = 9 * 60
      request.description_p = "Melayani permohonan dokumen kependudukan di loket"
      request.outputQuantity = 1
      ready.append(Drive.Employee(activities: .init(wrapping: client), request: request))
    }
    return BenchSetup(employees: ready, watcher: .init(wrapping: watcher))
  }

  /// Creates the employee's account, logs in and returns a client with the session.
  private static func account(
    for employee: Simpeg_V1_Employee, accounts: Simpeg_V1_AccountService.Client, port: Int
  ) async throws -> RPCClient {
    var create = Simpeg_V1_CreateUserAccountRequest()
    create.nip = employee.nip
    create.initialPassword = password
    _ = try await accounts.createUserAccount(create)
    return try await session(port: port, username: employee.nip, password: password)
  }

  /// Logs in and returns a client of its own connection carrying the session token.
  private static func session(port: Int, username: String, password: String) async throws -> RPCClient {
    let anonymous = try RPCClient(host: "127.0.0.1", port: port)
    var login = Simpeg_V1_LoginRequest()
    login.username = username
    login.password = password
    let token = try await Simpeg_V1_AuthService.Client(wrapping: anonymous).login(login).token
    await anonymous.close()
    var configuration = ClientConfiguration()
    configuration.defaultMetadata.add("authorization", "Bearer \(token)")
    return try RPCClient(host: "127.0.0.1", port: port, configuration: configuration)
  }
}

/// A set-up failure.
struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
