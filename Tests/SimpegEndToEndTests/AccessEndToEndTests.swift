import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import Testing

/// Roles against the real daemon with the sample Kota Salatiga: who may call what.
@Suite(.serialized) struct AccessEndToEndTests {
  /// Everything a scenario needs: the daemon with the sample, and a caller of every role.
  struct World {
    let daemon: SimpegdProcess
    let admin: Caller
    let auditor: Caller
    let staff: Caller
    let staffEmployee: Simpeg_V1_Employee
    let colleague: Simpeg_V1_Employee
    let supervisor: Caller
    let twoLevelsDown: Simpeg_V1_Employee
    let peerUnitEmployee: Simpeg_V1_Employee
    let service: Caller
    let anonymous: Caller
  }

  static func employee(_ id: UInt64, _ admin: Caller) async throws -> Simpeg_V1_Employee {
    var request = Simpeg_V1_GetEmployeeRequest()
    request.id = id
    return try await admin.employees.getEmployee(request)
  }

  static func position(_ id: UInt64, _ admin: Caller) async throws -> Simpeg_V1_Position {
    var request = Simpeg_V1_GetPositionRequest()
    request.positionID = id
    return try await admin.org.getPosition(request)
  }

  /// Whether position `id` lies below position `top`, walking up the supervisors.
  static func isBelow(_ id: UInt64, _ top: UInt64, _ admin: Caller) async throws -> Bool {
    var current = try await position(id, admin)
    for _ in 0..<64 {
      if current.supervisorPositionID == 0 { return false }
      if current.supervisorPositionID == top { return true }
      current = try await position(current.supervisorPositionID, admin)
    }
    return false
  }

  static func account(for nip: String, _ admin: Caller) async throws -> (String, String) {
    var request = Simpeg_V1_CreateUserAccountRequest()
    request.nip = nip
    let created = try await admin.accounts.createUserAccount(request)
    return (created.account.username, created.initialPassword)
  }

  /// Starts the daemon with the sample and finds: a pelaksana with a colleague in the same
  /// unit, a supervisor two levels above someone, and an employee of another unit.
  static func makeWorld() async throws -> World {
    let daemon = try await SimpegdProcess.start(arguments: ["--sample-organisation"])
    let admin = try await daemon.admin()

    // Walk positions to find a chain pelaksana -> pengawas -> administrator, all held.
    var grand: (top: Simpeg_V1_Position, bottom: Simpeg_V1_Position)?
    var id: UInt64 = 1
    while grand == nil, id < 4000 {
      defer { id += 1 }
      guard let bottom = try? await position(id, admin), bottom.holderEmployeeID != 0,
        bottom.supervisorPositionID != 0
      else { continue }
      let middle = try await position(bottom.supervisorPositionID, admin)
      guard middle.holderEmployeeID != 0, middle.supervisorPositionID != 0 else { continue }
      let top = try await position(middle.supervisorPositionID, admin)
      guard top.holderEmployeeID != 0, top.officialHolder.isEmpty else { continue }
      var listing = Simpeg_V1_ListPositionsRequest()
      listing.unitID = bottom.unitID
      listing.page.pageSize = 1000
      let hasSibling = try await admin.org.listPositions(listing).positions.contains {
        $0.supervisorPositionID == bottom.supervisorPositionID && $0.id != bottom.id
          && $0.holderEmployeeID != 0
      }
      if hasSibling { grand = (top, bottom) }
    }
    guard let grand else { throw SimpegdProcess.Failure("no two-level chain in the sample") }
    let twoLevelsDown = try await employee(grand.bottom.holderEmployeeID, admin)
    let supervisorEmployee = try await employee(grand.top.holderEmployeeID, admin)

    // A colleague: the holder of a sibling position (same supervisor). Someone of another unit
    // who is not below the supervisor at all.
    var listing = Simpeg_V1_ListPositionsRequest()
    listing.unitID = grand.bottom.unitID
    listing.page.pageSize = 1000
    let siblings = try await admin.org.listPositions(listing).positions.filter {
      $0.supervisorPositionID == grand.bottom.supervisorPositionID && $0.id != grand.bottom.id
        && $0.holderEmployeeID != 0
    }
    let colleague = try await employee(
      try #require(siblings.first, "the sample has no sibling position").holderEmployeeID, admin)
    var everyone = Simpeg_V1_SearchEmployeesRequest()
    everyone.page.pageSize = 1000
    var peer: Simpeg_V1_Employee?
    for candidate in try await admin.employees.searchEmployees(everyone).employees
    where candidate.unitID != twoLevelsDown.unitID && candidate.positionID != 0 {
      if try await !isBelow(candidate.positionID, grand.top.id, admin), candidate.id != supervisorEmployee.id
      {
        peer = candidate
        break
      }
    }
    let peerUnitEmployee = try #require(peer, "nobody outside the supervisor's reach")
    let (staffName, staffPassword) = try await account(for: twoLevelsDown.nip, admin)
    let (supervisorName, supervisorPassword) = try await account(for: supervisorEmployee.nip, admin)
    var auditorRequest = Simpeg_V1_CreateUserAccountRequest()
    auditorRequest.username = "inspektur"
    auditorRequest.roles = [.auditor]
    let auditorAccount = try await admin.accounts.createUserAccount(auditorRequest)
    var serviceRequest = Simpeg_V1_CreateServiceAccountRequest()
    serviceRequest.name = "absensi"
    serviceRequest.scopes = ["employees.read"]
    _ = try await admin.accounts.createServiceAccount(serviceRequest)
    var keyRequest = Simpeg_V1_CreateApiKeyRequest()
    keyRequest.account.username = "absensi"
    let key = try await admin.accounts.createApiKey(keyRequest)

    return World(
      daemon: daemon, admin: admin,
      auditor: try await daemon.caller("inspektur", auditorAccount.initialPassword),
      staff: try await daemon.caller(staffName, staffPassword), staffEmployee: twoLevelsDown,
      colleague: colleague,
      supervisor: try await daemon.caller(supervisorName, supervisorPassword),
      twoLevelsDown: twoLevelsDown, peerUnitEmployee: peerUnitEmployee,
      service: Caller(client: try daemon.client(apiKey: key.secret)),
      anonymous: try daemon.anonymous())
  }

  static func get(_ id: UInt64, as caller: Caller) async -> StatusCode? {
    var request = Simpeg_V1_GetEmployeeRequest()
    request.id = id
    return await status { try await caller.employees.getEmployee(request) }
  }

  static func newUnit(_ name: String) -> Simpeg_V1_CreateUnitRequest {
    var request = Simpeg_V1_CreateUnitRequest()
    request.parentID = 1
    request.kind = .dinas
    request.name = name
    return request
  }

  @Test func everyRoleGetsItsAllowedCallsAndIsDeniedTheOthers() async throws {
    let world = try await Self.makeWorld()
    defer { world.daemon.removeFolder() }
    let unit = Simpeg_V1_GetUnitRequest.with { $0.unitID = 1 }
    let stats = Simpeg_V1_GetStatsRequest()
    let accounts = Simpeg_V1_ListAccountsRequest()
    let whoAmI = Simpeg_V1_WhoAmIRequest()
    let health = Simpeg_V1_HealthCheckRequest()

    // Health: anyone, even without a credential.
    for caller in [world.anonymous, world.staff, world.service] {
      #expect(await status { try await caller.health.check(health) } == nil)
    }
    // Auth: signed-in callers know who they are; the anonymous caller does not.
    #expect(await status { try await world.staff.auth.whoAmI(whoAmI) } == nil)
    #expect(await status { try await world.anonymous.auth.whoAmI(whoAmI) } == .unauthenticated)
    // Org: every user reads the structure; only ADMIN changes it.
    #expect(await status { try await world.staff.org.getUnit(unit) } == nil)
    #expect(await status { try await world.auditor.org.getUnit(unit) } == nil)
    #expect(await status { try await world.admin.org.createUnit(Self.newUnit("Dinas Uji A")) } == nil)
    for caller in [world.staff, world.supervisor, world.auditor, world.service] {
      #expect(
        await status { try await caller.org.createUnit(Self.newUnit("Dinas Uji B")) } == .permissionDenied)
    }
    #expect(await status { try await world.anonymous.org.getUnit(unit) } == .unauthenticated)
    // A service without org.read may not read the organisation.
    #expect(await status { try await world.service.org.getUnit(unit) } == .permissionDenied)
    // Employees: self yes, a colleague no; auditor and scoped service read anyone.
    #expect(await Self.get(world.staffEmployee.id, as: world.staff) == nil)
    #expect(await Self.get(world.colleague.id, as: world.staff) == .permissionDenied)
    #expect(await Self.get(world.peerUnitEmployee.id, as: world.auditor) == nil)
    #expect(await Self.get(world.peerUnitEmployee.id, as: world.service) == nil)
    #expect(await Self.get(world.staffEmployee.id, as: world.anonymous) == .unauthenticated)
    // Accounts: ADMIN and AUDITOR list; staff and services may not.
    #expect(await status { try await world.admin.accounts.listAccounts(accounts) } == nil)
    #expect(await status { try await world.auditor.accounts.listAccounts(accounts) } == nil)
    #expect(await status { try await world.staff.accounts.listAccounts(accounts) } == .permissionDenied)
    #expect(await status { try await world.service.accounts.listAccounts(accounts) } == .permissionDenied)
    // Admin: stats for ADMIN and AUDITOR; the auditor changes nothing.
    #expect(await status { try await world.auditor.admin.getStats(stats) } == nil)
    #expect(await status { try await world.staff.admin.getStats(stats) } == .permissionDenied)
    #expect(
      await status { try await world.auditor.admin.loadSample(Simpeg_V1_LoadSampleRequest()) }
        == .permissionDenied)
    await world.daemon.stop()
  }

  @Test func supervisorReachesTwoLevelsDownButNotAPeerUnit() async throws {
    let world = try await Self.makeWorld()
    defer { world.daemon.removeFolder() }
    #expect(await Self.get(world.twoLevelsDown.id, as: world.supervisor) == nil)
    #expect(await Self.get(world.peerUnitEmployee.id, as: world.supervisor) == .permissionDenied)
    // Search by a supervisor returns only people below them.
    var search = Simpeg_V1_SearchEmployeesRequest()
    search.page.pageSize = 1000
    let found = try await world.supervisor.employees.searchEmployees(search).employees
    #expect(found.contains { $0.id == world.twoLevelsDown.id })
    #expect(!found.contains { $0.id == world.peerUnitEmployee.id })
    await world.daemon.stop()
  }
}
