import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf
import Testing

@testable import SimpegServer

/// A small city written straight into a test daemon's store, with accounts and sessions for the
/// roles the public-service and innovation tests need (the account RPCs are not used).
///
/// Units: the Pemerintah Kota; Disdukcapil with its Bidang Pelayanan; DPMPTSP; Kecamatan Tingkir
/// with Kelurahan Tingkir Lor. One employee in each unit below the root, numbered as below.
struct PublicServiceWorld {
  let test: TestDaemon
  var store: Store { test.daemon.store }

  static let city: UInt64 = 1
  static let disdukcapil: UInt64 = 2
  static let bidangPelayanan: UInt64 = 3
  static let dpmptsp: UInt64 = 4
  static let kecamatan: UInt64 = 5
  static let kelurahan: UInt64 = 6

  /// Employee ids: the head of Disdukcapil, a clerk of its Bidang Pelayanan, a DPMPTSP officer,
  /// the camat's staff and a kelurahan clerk.
  static let kepalaDukcapil: UInt64 = 1
  static let clerkPelayanan: UInt64 = 2
  static let officerDPMPTSP: UInt64 = 3
  static let staffKecamatan: UInt64 = 4
  static let clerkKelurahan: UInt64 = 5

  /// Starts a daemon without the sample and writes the small city.
  static func run<T>(
    configure: (inout DaemonConfiguration) -> Void = { _ in }, _ body: (PublicServiceWorld) async throws -> T
  ) async throws -> T {
    try await withTestDaemon(configure: configure) { test in
      let world = PublicServiceWorld(test: test)
      try await world.writeCity()
      return try await body(world)
    }
  }

  private func writeCity() async throws {
    try await store.write { transaction in
      let units: [(UInt64, UInt64, Simpeg_V1_UnitKind, String)] = [
        (Self.city, 0, .pemerintahKota, "Pemerintah Kota Salatiga"),
        (Self.disdukcapil, Self.city, .dinas, "Dinas Kependudukan dan Pencatatan Sipil"),
        (Self.bidangPelayanan, Self.disdukcapil, .bidang, "Bidang Pelayanan Pendaftaran Penduduk"),
        (Self.dpmptsp, Self.city, .dinas, "Dinas Penanaman Modal dan PTSP"),
        (Self.kecamatan, Self.city, .kecamatan, "Kecamatan Tingkir"),
        (Self.kelurahan, Self.kecamatan, .kelurahan, "Kelurahan Tingkir Lor"),
      ]
      for (id, parent, kind, name) in units {
        var unit = Simpeg_Internal_V1_UnitRecord()
        unit.id = id
        unit.parentID = parent
        unit.kind = kind
        unit.name = name
        try Tables.units.insert(unit, for: id, in: transaction)
      }
      let employees: [(UInt64, UInt64, String)] = [
        (Self.kepalaDukcapil, Self.disdukcapil, "Bambang Wibowo"),
        (Self.clerkPelayanan, Self.bidangPelayanan, "Sri Rahayu"),
        (Self.officerDPMPTSP, Self.dpmptsp, "Agus Santoso"),
        (Self.staffKecamatan, Self.kecamatan, "Dewi Lestari"),
        (Self.clerkKelurahan, Self.kelurahan, "Joko Susilo"),
      ]
      for (id, unitID, name) in employees {
        var employee = Simpeg_Internal_V1_EmployeeRecord()
        employee.id = id
        employee.nip = "19860926201505100\(id)"
        employee.name = name
        employee.unitID = unitID
        employee.active = true
        try Tables.employees.insert(employee, for: id, in: transaction)
      }
      for kind in ["unit", "employee"] {
        var counter = Simpeg_Internal_V1_Counter()
        counter.value = 10
        try Tables.counters.put(counter, for: kind, in: transaction)
      }
    }
  }

  // MARK: Accounts

  /// A session token of a new account.
  func token(
    username: String, kind: Simpeg_V1_AccountKind = .user, roles: [Simpeg_V1_Role] = [],
    scopes: [String] = [], employeeID: UInt64 = 0
  ) async throws -> String {
    let token = Credentials.newToken()
    try await store.write { transaction in
      var account = Simpeg_V1_Account()
      account.id = try Tables.nextID("account", in: transaction)
      account.kind = kind
      account.username = username
      account.roles = roles
      account.scopes = scopes
      account.employeeID = employeeID
      var record = Simpeg_Internal_V1_AccountRecord()
      record.account = account
      try Tables.accounts.insert(record, for: account.id, in: transaction)
      var session = Simpeg_Internal_V1_SessionRecord()
      session.tokenSha256 = Data(Credentials.digest(token))
      session.accountID = account.id
      session.expiresAt = Google_Protobuf_Timestamp(
        date: test.daemon.clock.now().instant.addingTimeInterval(3600))
      try Tables.sessions.insert(session, for: RawKeyBytes(Credentials.digest(token)), in: transaction)
    }
    return token
  }

  /// The public-service client of a caller.
  func services(_ token: String) throws -> Simpeg_V1_PublicServiceService.Client {
    Simpeg_V1_PublicServiceService.Client(wrapping: try test.client(token: token))
  }

  /// The innovation client of a caller.
  func innovation(_ token: String) throws -> Simpeg_V1_InnovationService.Client {
    Simpeg_V1_InnovationService.Client(wrapping: try test.client(token: token))
  }

  /// ADMIN's public-service client (a new session each time).
  func admin() async throws -> Simpeg_V1_PublicServiceService.Client {
    try services(try await token(username: "bkpsdm-\(UUID().uuidString)", roles: [.admin]))
  }

  /// The counter app: a service account `loket-...` with `services.write` and `services.read`.
  func counterApp() async throws -> Simpeg_V1_PublicServiceService.Client {
    try services(
      try await token(
        username: "loket-\(UUID().uuidString)", kind: .service, scopes: ["services.write", "services.read"]))
  }

  // MARK: Data

  /// Creates a service of `unit` with a standard.
  func createService(
    _ client: Simpeg_V1_PublicServiceService.Client, unit: UInt64 = disdukcapil, name: String = "KTP-el",
    maximum: UInt32 = 3, in turnaroundUnit: Simpeg_V1_TurnaroundUnit = .workingDays
  ) async throws -> Simpeg_V1_PublicService {
    var request = Simpeg_V1_CreatePublicServiceRequest()
    request.unitID = unit
    request.name = name
    request.standard.maximum = maximum
    request.standard.unit = turnaroundUnit
    return try await client.createPublicService(request)
  }

  /// What a step of the tests changes: the requests, every aggregate row and the audit trail.
  struct Snapshot: Equatable {
    var requests: [Simpeg_Internal_V1_ServiceRequestRecord]
    var unitTallies: [Simpeg_Internal_V1_TurnaroundTally]
    var employeeTallies: [Simpeg_Internal_V1_TurnaroundTally]
    var competitions: [Simpeg_Internal_V1_CompetitionRecord]
    var scorecards: [Simpeg_Internal_V1_ScorecardRecord]
    var results: [Simpeg_Internal_V1_CompetitionResultsRecord]
    var skm: [Simpeg_Internal_V1_SKMTallyRecord]
    var auditRecords: Int
  }

  func snapshot() throws -> Snapshot {
    try store.read { transaction in
      Snapshot(
        requests: try Tables.serviceRequests.scan(in: transaction).map(\.value),
        unitTallies: try Tables.unitTurnarounds.scan(in: transaction).map(\.value),
        employeeTallies: try Tables.employeeTurnarounds.scan(in: transaction).map(\.value),
        competitions: try Tables.competitions.scan(in: transaction).map(\.value),
        scorecards: try Tables.scorecards.scan(in: transaction).map(\.value),
        results: try Tables.competitionResults.scan(in: transaction).map(\.value),
        skm: try Tables.skmTallies.scan(in: transaction).map(\.value),
        auditRecords: try Tables.audit.count(in: transaction))
    }
  }
}

/// A WIB wall-clock time as a timestamp.
func wib(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Google_Protobuf_Timestamp {
  WIBClock.timestamp(
    LocalDateTime(date: CalendarDate(year: year, month: month, day: day)!, hour: hour, minute: minute)!)
}

/// Runs `body` and returns the RPC error it throws; records an issue when it succeeds.
func rpcError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async
  -> RPCError?
{
  do {
    try await body()
    Issue.record("expected the call to fail", sourceLocation: sourceLocation)
    return nil
  } catch let error as RPCError {
    return error
  } catch {
    Issue.record("expected an RPCError, got \(error)", sourceLocation: sourceLocation)
    return nil
  }
}
