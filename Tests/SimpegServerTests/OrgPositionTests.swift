import SimpegAPI
import SimpegRPC
import Testing

@testable import SimpegServer

/// Positions: classification, holders and Plt, vacating and closing.
@Suite struct OrgPositionTests {
  @Test func positionTakesItsKindFromItsLevel() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let position = try await admin.org.createPosition(
        Requests.position(
          "Pranata Komputer Ahli Muda", unit: city.seksi, level: .ahliMuda, supervisor: city.kasi))
      #expect(position.kind == .fungsionalKeahlian)
      #expect(position.eselon == .unspecified && position.holderEmployeeID == 0)
    }
  }

  @Test func kindThatDisagreesWithTheLevelIsInvalid() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Simpeg_V1_CreatePositionRequest()
      request.title = "Analis"
      request.unitID = city.seksi
      request.level = .ahliMuda
      request.kind = .administrator
      request.supervisorPositionID = city.kasi
      await expectStatus(.invalidArgument, mentioning: ["kind", "Ahli Muda"]) {
        try await admin.org.createPosition(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func managerialPositionNeedsAnEselonOfItsLevel() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.invalidArgument, mentioning: ["eselon", "IV.a or IV.b"]) {
        try await admin.org.createPosition(
          Requests.position(
            "Kepala Seksi X", unit: city.seksi, level: .levelPengawas, eselon: .iib, supervisor: city.kabid))
      }
      await expectStatus(.invalidArgument, mentioning: ["eselon"]) {
        try await admin.org.createPosition(
          Requests.position(
            "Staf", unit: city.seksi, level: .levelPelaksana, eselon: .iva, supervisor: city.kasi))
      }
      await expectStatus(.invalidArgument, mentioning: ["level", "is required"]) {
        try await admin.org.createPosition(
          Requests.position("Staf", unit: city.seksi, level: .unspecified, supervisor: city.kasi))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func positionUnderAnUnknownSupervisorIsNotFound() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.notFound, mentioning: ["supervisor_position_id", "777"]) {
        try await admin.org.createPosition(
          Requests.position("Staf", unit: city.seksi, level: .levelPelaksana, supervisor: 777))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func assigningAHeldPositionNamesTheCurrentHolder() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let newcomer = try await admin.employees.createEmployee(
        Requests.pns(50, name: "Joko Widodo", unitID: city.seksi))
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["position_id", "held by", "Budi Santoso"]) {
        try await admin.org.assignHolder(Requests.assign(position: city.staf, employee: newcomer.id))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func twoConcurrentAssignmentsToOneVacantPositionLeaveOneHolder() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let position = try await admin.org.createPosition(
        Requests.position("Pengolah Data", unit: city.seksi, level: .levelPelaksana, supervisor: city.kasi))
      let first = try await admin.employees.createEmployee(Requests.pns(80, name: "Satu", unitID: city.seksi))
      let second = try await admin.employees.createEmployee(Requests.pns(81, name: "Dua", unitID: city.seksi))
      async let a = Result {
        try await admin.org.assignHolder(Requests.assign(position: position.id, employee: first.id))
      }
      async let b = Result {
        try await admin.org.assignHolder(Requests.assign(position: position.id, employee: second.id))
      }
      let outcomes = await [a, b]
      let winners = outcomes.compactMap { try? $0.get().holderEmployeeID }
      #expect(winners.count == 1)
      let refusals = outcomes.compactMap { outcome -> RPCError? in
        if case .failure(let error) = outcome { return error as? RPCError }
        return nil
      }
      #expect(refusals.map(\.code) == [.failedPrecondition])
      let holders = try test.daemon.store.read { transaction in
        try [first.id, second.id].filter {
          try Tables.employees.get($0, in: transaction)!.positionID == position.id
        }
      }
      #expect(holders == winners)
    }
  }

  @Test func assigningAVacantPositionFillsBothSides() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let position = try await admin.org.createPosition(
        Requests.position("Pengolah Data", unit: city.seksi, level: .levelPelaksana, supervisor: city.kasi))
      let newcomer = try await admin.employees.createEmployee(
        Requests.pns(50, name: "Joko Widodo", unitID: city.bidang))
      let held = try await admin.org.assignHolder(
        Requests.assign(position: position.id, employee: newcomer.id))
      #expect(held.holderEmployeeID == newcomer.id)
      var get = Simpeg_V1_GetEmployeeRequest()
      get.id = newcomer.id
      let employee = try await admin.employees.getEmployee(get)
      #expect(employee.positionID == position.id && employee.unitID == city.seksi)
    }
  }

  @Test func anEmployeeHoldingAPositionIsNotGivenASecond() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let position = try await admin.org.createPosition(
        Requests.position("Pengolah Data", unit: city.seksi, level: .levelPelaksana, supervisor: city.kasi))
      let before = try test.fingerprint()
      await expectStatus(
        .failedPrecondition, mentioning: ["employee_id", "already holds", "TransferEmployee"]
      ) {
        try await admin.org.assignHolder(
          Requests.assign(position: position.id, employee: city.holder(of: city.staf)))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func pltServesBesideTheHolderAndASecondPltIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let acting = try await admin.org.assignHolder(
        Requests.assign(position: city.kadinkes, employee: city.holder(of: city.kadis), acting: true))
      #expect(acting.actingEmployeeID == city.holder(of: city.kadis))
      #expect(acting.holderEmployeeID == city.holder(of: city.kadinkes))
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["already has a Plt", "Siti Rahayu"]) {
        try await admin.org.assignHolder(
          Requests.assign(position: city.kadinkes, employee: city.holder(of: city.kabid), acting: true))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func vacatingAPositionClearsBothSidesAndEndsTheHistoryEntry() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Simpeg_V1_VacatePositionRequest()
      request.positionID = city.staf
      request.effective = Requests.date(2025, 7, 1)
      let vacated = try await admin.org.vacatePosition(request)
      #expect(vacated.holderEmployeeID == 0)
      let staff = city.holder(of: city.staf)
      var get = Simpeg_V1_GetEmployeeRequest()
      get.id = staff
      let employee = try await admin.employees.getEmployee(get)
      #expect(employee.positionID == 0 && employee.unitID == city.seksi && employee.active)
      var history = Simpeg_V1_GetEmployeeHistoryRequest()
      history.employeeID = staff
      let entries = try await admin.employees.getEmployeeHistory(history).positions
      #expect(entries.count == 1)
      #expect(entries.first?.end == Requests.date(2025, 7, 1))
      await expectStatus(.failedPrecondition, mentioning: ["vacant"]) {
        try await admin.org.vacatePosition(request)
      }
    }
  }

  @Test func closingAHeldPositionIsRefusedAndAVacantOneCloses() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var close = Simpeg_V1_ClosePositionRequest()
      close.positionID = city.staf
      close.reason = "restrukturisasi"
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["held by", "Budi Santoso"]) {
        try await admin.org.closePosition(close)
      }
      #expect(try test.fingerprint() == before)
      var vacate = Simpeg_V1_VacatePositionRequest()
      vacate.positionID = city.staf
      _ = try await admin.org.vacatePosition(vacate)
      let closed = try await admin.org.closePosition(close)
      #expect(closed.closed && closed.closedReason == "restrukturisasi")
    }
  }

  @Test func assigningToAClosedPositionIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let position = try await admin.org.createPosition(
        Requests.position("Pengolah Data", unit: city.seksi, level: .levelPelaksana, supervisor: city.kasi))
      var close = Simpeg_V1_ClosePositionRequest()
      close.positionID = position.id
      _ = try await admin.org.closePosition(close)
      let newcomer = try await admin.employees.createEmployee(
        Requests.pns(50, name: "Joko Widodo", unitID: city.seksi))
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["position_id", "Pengolah Data", "closed"]) {
        try await admin.org.assignHolder(Requests.assign(position: position.id, employee: newcomer.id))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func listPositionsOfAUnitLeavesOutClosedOnesUnlessAsked() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let extra = try await admin.org.createPosition(
        Requests.position("Pengolah Data", unit: city.seksi, level: .levelPelaksana, supervisor: city.kasi))
      var close = Simpeg_V1_ClosePositionRequest()
      close.positionID = extra.id
      _ = try await admin.org.closePosition(close)
      var request = Simpeg_V1_ListPositionsRequest()
      request.unitID = city.seksi
      #expect(try await admin.org.listPositions(request).positions.map(\.id) == [city.kasi, city.staf])
      request.includeClosed = true
      #expect(
        try await admin.org.listPositions(request).positions.map(\.id) == [city.kasi, city.staf, extra.id])
    }
  }

  @Test func unknownPositionIsNotFound() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      var request = Simpeg_V1_GetPositionRequest()
      request.positionID = 31337
      await expectStatus(.notFound, mentioning: ["position_id", "31337"]) {
        try await admin.org.getPosition(request)
      }
    }
  }
}
