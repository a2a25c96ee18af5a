import SimpegAPI
import Testing

@testable import SimpegServer

/// Who reads whom: a user sees themselves and the people below their positions, ADMIN and
/// AUDITOR everyone, a service account everyone only with `employees.read`.
@Suite struct EmployeeAccessTests {
  private func get(_ id: UInt64, as caller: Caller) async throws -> Simpeg_V1_Employee {
    var request = Simpeg_V1_GetEmployeeRequest()
    request.id = id
    return try await caller.employees.getEmployee(request)
  }

  @Test func supervisorReadsSomeoneTwoLevelsDownAndTheirHistory() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let kabid = try await test.user(employeeID: city.holder(of: city.kabid))
      let staff = city.holder(of: city.staf)
      #expect(try await get(staff, as: kabid).name == "Budi Santoso")
      var history = Simpeg_V1_GetEmployeeHistoryRequest()
      history.employeeID = staff
      #expect(try await kabid.employees.getEmployeeHistory(history).positions.count == 1)
    }
  }

  @Test func supervisorIsDeniedAPeerUnitsEmployee() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let kabid = try await test.user(employeeID: city.holder(of: city.kabid))
      await expectStatus(.permissionDenied, mentioning: ["below your position"]) {
        try await get(city.holder(of: city.stafDinkes), as: kabid)
      }
      var history = Simpeg_V1_GetEmployeeHistoryRequest()
      history.employeeID = city.holder(of: city.stafDinkes)
      await expectStatus(.permissionDenied) { try await kabid.employees.getEmployeeHistory(history) }
    }
  }

  @Test func employeeReadsThemselvesButNotAColleague() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let colleaguePost = try await admin.org.createPosition(
        Requests.position("Pengolah Data", unit: city.seksi, level: .levelPelaksana, supervisor: city.kasi))
      let colleague = try await admin.employees.createEmployee(
        Requests.pns(70, name: "Rudi Hartono", positionID: colleaguePost.id))
      let staff = try await test.user(employeeID: city.holder(of: city.staf))
      #expect(try await get(city.holder(of: city.staf), as: staff).name == "Budi Santoso")
      await expectStatus(.permissionDenied) { try await get(colleague.id, as: staff) }
      await expectStatus(.permissionDenied) { try await get(city.holder(of: city.kasi), as: staff) }
    }
  }

  @Test func denialSaysTheSameWhetherOrNotTheEmployeeExists() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let staff = try await test.user(employeeID: city.holder(of: city.staf))
      let existing = await expectStatus(.permissionDenied) {
        try await get(city.holder(of: city.kasi), as: staff)
      }
      let missing = await expectStatus(.permissionDenied) { try await get(123_456, as: staff) }
      #expect(existing?.message == missing?.message)
      var byNIP = Simpeg_V1_GetEmployeeRequest()
      byNIP.nip = TestNIP.pns(998)
      let missingNIP = await expectStatus(.permissionDenied) { try await staff.employees.getEmployee(byNIP) }
      #expect(missingNIP?.message == existing?.message)
    }
  }

  @Test func pltReadsThePeopleBelowThePositionTheyActIn() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let plt = city.holder(of: city.stafDinkes)
      _ = try await admin.org.assignHolder(Requests.assign(position: city.kasi, employee: plt, acting: true))
      let acting = try await test.user(employeeID: plt)
      #expect(try await get(city.holder(of: city.staf), as: acting).positionID == city.staf)
    }
  }

  @Test func serviceWithEmployeesReadScopeReadsAnyone() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let payroll = try await test.service(scopes: ["employees.read"])
      #expect(try await get(city.holder(of: city.stafDinkes), as: payroll).name == "Rina Marlina")
      await expectStatus(.notFound) { try await get(123_456, as: payroll) }
      let all = try await payroll.employees.searchEmployees(Simpeg_V1_SearchEmployeesRequest())
      #expect(all.employees.count == 7)
    }
  }

  @Test func serviceWithoutEmployeesReadScopeIsDenied() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let portal = try await test.service(scopes: ["org.read"])
      await expectStatus(.permissionDenied, mentioning: ["employees.read"]) {
        try await get(city.holder(of: city.staf), as: portal)
      }
      await expectStatus(.permissionDenied) {
        try await portal.employees.searchEmployees(Simpeg_V1_SearchEmployeesRequest())
      }
      #expect(try await portal.org.getUnitTree(Simpeg_V1_GetUnitTreeRequest()).nodes.count == 6)
    }
  }

  @Test func auditorReadsAnyoneButChangesNothing() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let auditor = try await test.auditor()
      #expect(try await get(city.holder(of: city.stafDinkes), as: auditor).name == "Rina Marlina")
      let before = try test.fingerprint()
      var update = Simpeg_V1_UpdateEmployeeRequest()
      update.employeeID = city.holder(of: city.staf)
      update.name = "Diubah"
      await expectStatus(.permissionDenied) { try await auditor.employees.updateEmployee(update) }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func callWithoutCredentialIsUnauthenticated() async throws {
    try await withTestDaemon { test in
      let anonymous = Caller(client: try test.client())
      await expectStatus(.unauthenticated) {
        try await anonymous.employees.searchEmployees(Simpeg_V1_SearchEmployeesRequest())
      }
    }
  }

  @Test func supervisorSearchFindsOnlyThemselvesAndThePeopleBelowTheirPosition() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let (supervisor, expected) = try test.daemon.store.read { transaction in
        let positions = try Tables.positions.scan(in: transaction).map(\.value)
        let supervisorOf = Dictionary(
          uniqueKeysWithValues: positions.map { ($0.id, $0.supervisorPositionID) })
        let head = positions.first { $0.level == .levelAdministrator && $0.holderEmployeeID != 0 }!
        // The positions the supervisor holds or acts in (Plt).
        let own = Set(positions.filter { $0.actingEmployeeID == head.holderEmployeeID }.map(\.id) + [head.id])
        func isBelow(_ position: UInt64) -> Bool {
          var current = supervisorOf[position] ?? 0
          while current != 0 {
            if own.contains(current) { return true }
            current = supervisorOf[current] ?? 0
          }
          return false
        }
        let employees = try Tables.employees.scan(in: transaction).map(\.value)
        let visible = employees.filter { $0.id == head.holderEmployeeID || isBelow($0.positionID) }
        return (head.holderEmployeeID, visible.map(\.id).sorted())
      }
      #expect(expected.count > 3)
      let user = try await test.user(employeeID: supervisor)
      var request = Simpeg_V1_SearchEmployeesRequest()
      request.page.pageSize = 1000
      var found: [UInt64] = []
      repeat {
        let page = try await user.employees.searchEmployees(request)
        found += page.employees.map(\.id)
        request.page.pageToken = page.page.nextPageToken
      } while !request.page.pageToken.isEmpty
      #expect(found == expected)
    }
  }
}
