import Foundation
import Histogram
import Logging
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

// The bench seeds its units, employees and sessions straight into the store, as the server tests
// do, so it imports the server module testably (Tools/bench/publicservice/run builds with
// -enable-testing).
@testable import SimpegServer

// simpeg-bench-publicservice: report latency of the public-service turnaround reports for a unit
// with many requests.
//
//   simpeg-bench-publicservice [--requests N] [--seconds S] [--iterations N]
//
// Starts simpegd's core in this process on a free loopback port over a temporary data folder,
// writes one unit (a Disdukcapil with 5 services and 40 staff), streams N historical requests of
// one year through IngestServiceRequests (calls of 20,000), then measures one caller making one
// call after another over TCP, each measurement bounded by a count and a time.

func emit(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct Options {
  var requests = 100_000
  var seconds = 5.0
  var iterations = 2_000

  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
      let value = iterator.next() ?? ""
      switch argument {
      case "--requests": requests = Int(value) ?? requests
      case "--seconds": seconds = Double(value) ?? seconds
      case "--iterations": iterations = Int(value) ?? iterations
      default:
        FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
        exit(2)
      }
    }
  }
}

let unitID: UInt64 = 2
let staff: [UInt64] = Array(1...40)

/// The unit, its staff, an ADMIN session and the counter app's session, written straight into
/// the store.
func seed(_ store: Store) async throws -> (admin: String, app: String) {
  let admin = Credentials.newToken()
  let app = Credentials.newToken()
  try await store.write { transaction in
    for (id, parent, name) in [(UInt64(1), UInt64(0), "Pemerintah Kota"), (unitID, 1, "Disdukcapil")] {
      var unit = Simpeg_Internal_V1_UnitRecord()
      unit.id = id
      unit.parentID = parent
      unit.name = name
      try Tables.units.insert(unit, for: id, in: transaction)
    }
    for id in staff {
      var employee = Simpeg_Internal_V1_EmployeeRecord()
      employee.id = id
      employee.nip = String(198_609_262_015_051_000 + id)
      employee.name = "Pegawai \(id)"
      employee.unitID = unitID
      employee.active = true
      try Tables.employees.insert(employee, for: id, in: transaction)
    }
    for (token, kind, roles, scopes) in [
      (admin, Simpeg_V1_AccountKind.user, [Simpeg_V1_Role.admin], [String]()),
      (app, .service, [], ["services.write", "services.read"]),
    ] {
      var record = Simpeg_Internal_V1_AccountRecord()
      record.account.id = try Tables.nextID("account", in: transaction)
      record.account.kind = kind
      record.account.username = kind == .service ? "loket" : "bench-admin"
      record.account.roles = roles
      record.account.scopes = scopes
      try Tables.accounts.insert(record, for: record.account.id, in: transaction)
      var session = Simpeg_Internal_V1_SessionRecord()
      session.tokenSha256 = Data(Credentials.digest(token))
      session.accountID = record.account.id
      session.expiresAt = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(86_400))
      try Tables.sessions.insert(session, for: RawKeyBytes(Credentials.digest(token)), in: transaction)
    }
  }
  return (admin, app)
}

/// One historical request of 2025: received on a working day, completed after a turnaround drawn
/// around the service's standard.
func historical(_ index: Int, services: [Simpeg_V1_PublicService], random: inout SeededGenerator)
  -> Simpeg_V1_HistoricalServiceRequest
{
  let service = services[index % services.count]
  var day = CalendarDate(year: 2025, month: 1, day: 1)!.adding(days: random.uniform(below: 355))
  while day.weekday.isWeekend { day = day.adding(days: 1) }
  let received = LocalDateTime(date: day, hour: random.int(in: 8...13), minute: random.int(in: 0...59))!
  var item = Simpeg_V1_HistoricalServiceRequest()
  item.serviceID = service.id
  item.reference = "B/\(index)"
  item.channel = random.chance(percent: 30) ? .online : .counter
  item.receivedAt = WIBClock.timestamp(received)
  item.assigneeEmployeeID = random.pick(staff)
  item.assignedAt = WIBClock.timestamp(received.adding(minutes: 10))
  item.startedAt = WIBClock.timestamp(received.adding(minutes: 20))
  let days = random.int(in: 0...(Int(service.standard.maximum) * 2))
  let done = LocalDateTime(date: day.adding(days: days), hour: 15, minute: random.int(in: 0...59))!
  item.completedAt = WIBClock.timestamp(done)
  return item
}

/// Calls `body` one after another, at most `iterations` times or `seconds`, and returns the
/// latency histogram in microseconds.
func measure(_ options: Options, _ body: () async throws -> Void) async throws -> Histogram<UInt64> {
  var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
  for _ in 0..<10 { try await body() }  // warm-up
  let end = ContinuousClock.now + .milliseconds(Int(options.seconds * 1000))
  var count = 0
  while count < options.iterations, ContinuousClock.now < end {
    let start = ContinuousClock.now
    try await body()
    let (seconds, attos) = (ContinuousClock.now - start).components
    _ = histogram.record(UInt64(seconds) * 1_000_000 + UInt64(attos / 1_000_000_000_000))
    count += 1
  }
  return histogram
}

func row(_ name: String, _ histogram: Histogram<UInt64>) {
  emit(
    name.padding(toLength: 44, withPad: " ", startingAt: 0)
      + String(
        format: "%7d %9d %9d %9d %9d", Int(histogram.totalCount), Int(histogram.valueAtPercentile(50)),
        Int(histogram.valueAtPercentile(90)), Int(histogram.valueAtPercentile(99)), Int(histogram.max)))
}

func run(_ options: Options) async throws {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("simpeg-bench-publicservice-\(UUID().uuidString)").path
  defer { try? FileManager.default.removeItem(atPath: folder) }
  var configuration = DaemonConfiguration()
  configuration.dataFolder = folder
  configuration.rpc.host = "127.0.0.1"
  configuration.rpc.port = 0
  configuration.passwordParameters = .fastForTests
  var logger = Logger(label: "simpeg.bench")
  logger.logLevel = .warning
  let daemon = try await Daemon.open(configuration: configuration, logger: logger)
  try await daemon.start()
  let port = daemon.localAddress!.port
  let tokens = try await seed(daemon.store)
  func client(_ token: String) throws -> Simpeg_V1_PublicServiceService.Client {
    var client = ClientConfiguration()
    client.defaultMetadata.add("authorization", "Bearer \(token)")
    client.defaultTimeout = .seconds(600)
    return Simpeg_V1_PublicServiceService.Client(
      wrapping: try RPCClient(host: "127.0.0.1", port: port, configuration: client))
  }
  let admin = try client(tokens.admin)
  let app = try client(tokens.app)

  var services: [Simpeg_V1_PublicService] = []
  for (name, maximum) in [
    ("KTP-el", 3), ("Kartu Keluarga", 2), ("Akta Kelahiran", 3), ("Akta Kematian", 3), ("Surat Pindah", 1),
  ] {
    var request = Simpeg_V1_CreatePublicServiceRequest()
    request.unitID = unitID
    request.name = name
    request.standard.maximum = UInt32(maximum)
    request.standard.unit = .workingDays
    services.append(try await admin.createPublicService(request))
  }
  var random = SeededGenerator(seed: 2025)
  let items = (0..<options.requests).map { historical($0, services: services, random: &random) }
  let loadStart = ContinuousClock.now
  var stored = 0
  for start in stride(from: 0, to: items.count, by: 20_000) {
    let chunk = Array(items[start..<min(start + 20_000, items.count)])
    let response = try await app.ingestServiceRequests { writer in
      for item in chunk { try await writer.write(item) }
    }
    stored += Int(response.stored)
  }
  let loadSeconds =
    Double((ContinuousClock.now - loadStart).components.seconds)
    + Double((ContinuousClock.now - loadStart).components.attoseconds) / 1e18

  emit(
    "requests stored: \(stored) in one unit, 5 services, 40 staff (IngestServiceRequests, calls of 20,000)")
  emit(
    String(
      format: "ingestion: %.1f s, %.0f requests/s (durable commits)", loadSeconds,
      Double(stored) / loadSeconds))
  emit("one caller over loopback TCP; at most \(options.iterations) calls or \(options.seconds) s per row")
  emit("call                                          calls   p50 us    p90 us    p99 us    max us")

  var year = Simpeg_V1_GetTurnaroundReportRequest()
  year.unitID = unitID
  year.from = Simpeg_V1_ReportMonth.with {
    $0.year = 2025
    $0.month = 1
  }
  year.to = Simpeg_V1_ReportMonth.with {
    $0.year = 2025
    $0.month = 12
  }
  let unitYear = year
  row(
    "TurnaroundReport unit, 5 services, 12 months",
    try await measure(options) { _ = try await app.getTurnaroundReport(unitYear) })
  var single = year
  single.serviceID = services[0].id
  row(
    "TurnaroundReport 1 service, 12 months",
    try await measure(options) { _ = try await app.getTurnaroundReport(single) })
  var month = single
  month.from = month.to
  row(
    "TurnaroundReport 1 service, 1 month",
    try await measure(options) { _ = try await app.getTurnaroundReport(month) })
  var employee = Simpeg_V1_GetEmployeeServiceReportRequest()
  employee.employeeID = staff[0]
  employee.year = 2025
  row(
    "EmployeeServiceReport 1 employee, year",
    try await measure(options) { _ = try await app.getEmployeeServiceReport(employee) })

  var next = options.requests
  let lifeOptions = Options([
    "--iterations", String(min(options.iterations, 500)), "--seconds", String(options.seconds),
  ])
  row(
    "Receive+Assign+Start+Complete (4 calls)",
    try await measure(lifeOptions) {
      next += 1
      var receive = Simpeg_V1_ReceiveServiceRequestRequest()
      receive.serviceID = services[0].id
      receive.reference = "LIVE/\(next)"
      receive.channel = .counter
      let request = try await app.receiveServiceRequest(receive)
      var assign = Simpeg_V1_AssignServiceRequestRequest()
      assign.requestID = request.id
      assign.employeeID = staff[1]
      _ = try await app.assignServiceRequest(assign)
      var start = Simpeg_V1_StartServiceRequestRequest()
      start.requestID = request.id
      _ = try await app.startServiceRequest(start)
      var complete = Simpeg_V1_CompleteServiceRequestRequest()
      complete.requestID = request.id
      _ = try await app.completeServiceRequest(complete)
    })

  // For comparison, in process without RPC: what the same yearly figures of one service cost
  // when computed by scanning the requests instead of reading the aggregates.
  let scanService = services[0].id
  let scan = try await measure(Options(["--iterations", "20", "--seconds", String(options.seconds)])) {
    let turnarounds = try daemon.store.read { transaction in
      var values: [Int] = []
      for state in [Simpeg_V1_ServiceRequestState.completed] {
        var token: PageToken?
        repeat {
          let page = try Tables.serviceRequests.page(
            Tables.serviceRequestsByService,
            prefix: KeyPrefix(CompositeKey2(scanService, UInt8(state.rawValue))), in: transaction,
            limit: 10_000,
            after: token)
          values += page.rows.map { Int($0.value.turnaround) }
          token = page.nextPageToken
        } while token != nil
      }
      return values
    }
    _ = TurnaroundStatistics(turnarounds: turnarounds, standardMaximum: 3)
  }
  row("(in process) scan 1 service's requests, year", scan)
  await daemon.shutdown(grace: .seconds(5))
}

let options = Options(CommandLine.arguments.dropFirst())
do {
  try await run(options)
} catch {
  FileHandle.standardError.write(Data("simpeg-bench-publicservice: \(error)\n".utf8))
  exit(1)
}
