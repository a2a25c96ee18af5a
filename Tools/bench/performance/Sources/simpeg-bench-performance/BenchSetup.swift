import Foundation
import SimpegAPI
import SimpegBenchKit
import SimpegLoad
import SimpegRPC

/// What a run needs: employees of the sample, each with a session, a connection and a request
/// toward the first RHK of their approved SKP of this year; and their supervisor's session.
/// The accounts and sessions come from simpeg-load's `SampleSetup`.
struct BenchSetup {
  let employees: [Drive.Employee]
  let watcher: Simpeg_V1_ActivityService.Client
  /// The administrator's session token, for GetEmployee cells.
  let adminToken: String
  /// Employees (with a position) of the sample that GetEmployee cells read.
  let lookupEmployeeIDs: [UInt64]
  let port: Int

  /// Logs in as the bootstrap administrator, makes accounts and sessions for the first `count`
  /// employees with an approved SKP, gives each a connection of their own, and a session to the
  /// Sekda, who watches everyone below.
  static func prepare(port: Int, credentialsFile: String, employees count: Int) async throws -> BenchSetup {
    let (username, password) = try SampleSetup.credentials(file: credentialsFile)
    let shared = try RPCClient(host: "127.0.0.1", port: port)
    var setup = SampleSetup(
      client: shared, adminUsername: username, adminPassword: password, employees: count, supervisors: 0)

    let admin = try await session(port: port, token: try await setup.adminSession())
    let org = Simpeg_V1_OrgService.Client(wrapping: admin)
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
    guard sekdaID != 0 else { throw BenchError("the Sekda's position is vacant in the sample") }

    // The Sekda watches; everyone else logs.
    setup.excludedEmployeeIDs = [sekdaID]
    let world = try await setup.prepare()
    let watcher = try await session(
      port: port, token: try await setup.session(forEmployee: sekdaID, in: world))
    await admin.close()
    await shared.close()

    var ready: [Drive.Employee] = []
    for employee in world.employees {
      let client = try await session(port: port, token: employee.token)
      ready.append(Drive.Employee(activities: .init(wrapping: client), request: employee.logRequest))
    }
    return BenchSetup(
      employees: ready, watcher: .init(wrapping: watcher), adminToken: world.adminToken ?? "",
      lookupEmployeeIDs: world.lookupEmployeeIDs, port: port)
  }

  /// `count` clients of the administrator's session, each on a connection of its own.
  func administratorConnections(_ count: Int) async throws -> [RPCClient] {
    var clients: [RPCClient] = []
    for _ in 0..<count { clients.append(try await Self.session(port: port, token: adminToken)) }
    return clients
  }

  /// A client of its own connection carrying the session token.
  private static func session(port: Int, token: String) async throws -> RPCClient {
    var configuration = ClientConfiguration()
    configuration.defaultMetadata.add("authorization", "Bearer \(token)")
    return try RPCClient(host: "127.0.0.1", port: port, configuration: configuration)
  }
}
