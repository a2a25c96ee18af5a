import Foundation
import SimpegAPI
import SimpegBenchKit
import SimpegRPC
import SimpegServer

/// The driving side: sessions for the administrator and for some unit heads, then closed loops of
/// random lookups over loopback, each answer checked.
struct Drive {
  let options: GrowthOptions
  let port: Int
  let credentialsFile: String
  let shape: SyntheticOrganisation.Shape

  static let password = "kinerja-bench-sandi-2026"

  /// One measured call kind at one size.
  struct Row: Sendable {
    var call: String
    var callsPerSecond: Double
    var p50: UInt64
    var p99: UInt64
    var errors: UInt64
    var calls: UInt64

    var tsv: String {
      "\(call)\t\(String(format: "%.1f", callsPerSecond))\t\(p50)\t\(p99)\t\(errors)\t\(calls)"
    }

    init(call: String, result: LoadRun.Result) {
      self.call = call
      callsPerSecond = result.callsPerSecond
      p50 = result.micros(50)
      p99 = result.micros(99)
      errors = result.errors
      calls = result.calls
    }

    init?(tsv line: Substring) {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 6, let rate = Double(fields[1]), let p50 = UInt64(fields[2]),
        let p99 = UInt64(fields[3]), let errors = UInt64(fields[4]), let calls = UInt64(fields[5])
      else { return nil }
      (call, callsPerSecond, self.p50, self.p99, self.errors, self.calls) =
        (String(fields[0]), rate, p50, p99, errors, calls)
    }
  }

  func run() async throws -> [Row] {
    let layout = shape.layout
    let text = try String(contentsOfFile: credentialsFile, encoding: .utf8)
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("password=") }) else {
      throw BenchError("no password in \(credentialsFile)")
    }
    let admin = try await session(username: "admin", password: String(line.dropFirst(9)))
    let accounts = Simpeg_V1_AccountService.Client(wrapping: admin)

    // Unit heads spread over the whole organisation, each with their own session and connection.
    let units = layout.unitCount
    var supervisors: [(activities: Simpeg_V1_ActivityService.Client, unit: Int)] = []
    for index in Set(
      (0..<min(options.supervisors, units)).map { $0 * units / min(options.supervisors, units) }
    )
    .sorted()
    where layout.members(ofUnit: index).count > 1 {
      var create = Simpeg_V1_CreateUserAccountRequest()
      create.nip = layout.nip(of: layout.head(ofUnit: index))
      create.initialPassword = Self.password
      _ = try await accounts.createUserAccount(create)
      let client = try await session(username: create.nip, password: Self.password)
      supervisors.append((.init(wrapping: client), index))
    }
    guard !supervisors.isEmpty else { throw BenchError("no unit with staff to supervise") }

    let run = LoadRun(
      concurrency: options.concurrency, duration: .milliseconds(Int(options.seconds * 1_000)),
      warmup: .milliseconds(Int(options.warmup * 1_000)), maxCalls: options.maxCalls)
    let employees = Simpeg_V1_EmployeeService.Client(wrapping: admin)
    let count = UInt64(shape.employees)
    let lookup: @Sendable () async throws -> Void = {
      var request = Simpeg_V1_GetEmployeeRequest()
      request.id = UInt64.random(in: 1...count)
      let employee = try await employees.getEmployee(request)
      guard employee.id == request.id else { throw BenchError("GetEmployee answered another employee") }
    }
    let getEmployee = await run.run(lookup)
    let expected = shape.activitiesPerEmployee
    let chosen = supervisors
    let listActivities = await run.run {
      let supervisor = chosen.randomElement()!
      let members = layout.members(ofUnit: supervisor.unit)
      var request = Simpeg_V1_ListActivitiesRequest()
      request.employeeID = UInt64.random(in: (members.lowerBound + 1)...members.upperBound)
      request.page.pageSize = 100
      let page = try await supervisor.activities.listActivities(request)
      guard page.activities.count == expected,
        page.activities.allSatisfy({ $0.employeeID == request.employeeID })
      else {
        throw BenchError("ListActivities answered \(page.activities.count) activities, not \(expected)")
      }
    }
    // The same lookups again: the first pass also pays for the daemon's first reads of pages
    // the map has not touched yet (from disk when the page cache no longer holds them).
    let getEmployeeAgain = await run.run(lookup)
    await admin.close()
    return [
      Row(call: "GetEmployee", result: getEmployee), Row(call: "ListActivities", result: listActivities),
      Row(call: "GetEmployee 2nd", result: getEmployeeAgain),
    ]
  }

  /// Logs in and returns a client of its own connection carrying the session token.
  private func session(username: String, password: String) async throws -> RPCClient {
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
