import SimpegAPI
import Testing

@testable import SimpegServer

/// Transfers, promotions and retirement, with the riwayat they leave.
@Suite struct EmployeeCareerTests {
  private func history(of employee: UInt64, as admin: Caller) async throws
    -> Simpeg_V1_GetEmployeeHistoryResponse
  {
    var request = Simpeg_V1_GetEmployeeHistoryRequest()
    request.employeeID = employee
    return try await admin.employees.getEmployeeHistory(request)
  }

  private func position(_ id: UInt64, as admin: Caller) async throws -> Simpeg_V1_Position {
    var request = Simpeg_V1_GetPositionRequest()
    request.positionID = id
    return try await admin.org.getPosition(request)
  }

  private func transfer(_ employee: UInt64, to position: UInt64, on date: Simpeg_V1_Date)
    -> Simpeg_V1_TransferEmployeeRequest
  {
    var request = Simpeg_V1_TransferEmployeeRequest()
    request.employeeID = employee
    request.positionID = position
    request.effective = date
    request.reason = "SK Wali Kota 821/45/2025"
    return request
  }

  @Test func transferVacatesTheOldPositionFillsTheNewAndKeepsTheRiwayat() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let target = try await admin.org.createPosition(
        Requests.position(
          "Pengadministrasi Umum", unit: city.dinkes, level: .levelPelaksana, supervisor: city.kadinkes))
      let staff = city.holder(of: city.staf)
      let moved = try await admin.employees.transferEmployee(
        transfer(staff, to: target.id, on: Requests.date(2025, 3, 1)))
      #expect(moved.positionID == target.id && moved.unitID == city.dinkes)
      #expect(try await position(city.staf, as: admin).holderEmployeeID == 0)
      #expect(try await position(target.id, as: admin).holderEmployeeID == staff)
      let riwayat = try await history(of: staff, as: admin).positions
      #expect(riwayat.map(\.positionID) == [city.staf, target.id])
      #expect(riwayat[0].end == Requests.date(2025, 3, 1))
      #expect(riwayat[1].start == Requests.date(2025, 3, 1) && !riwayat[1].hasEnd)
      #expect(riwayat[1].reason == "SK Wali Kota 821/45/2025" && riwayat[1].unitID == city.dinkes)
    }
  }

  @Test func transferIntoAHeldPositionNamesTheHolderAndChangesNothing() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["position_id", "Rina Marlina"]) {
        try await admin.employees.transferEmployee(
          transfer(city.holder(of: city.staf), to: city.stafDinkes, on: Requests.date(2025, 3, 1)))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func transferIntoAClosedPositionOrUnitIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let upt = try await admin.org.createUnit(Requests.unit("UPT Arsip", kind: .upt, parent: city.dinas))
      let post = try await admin.org.createPosition(
        Requests.position("Arsiparis Terampil", unit: upt.id, level: .terampil, supervisor: city.kadis))
      var close = Simpeg_V1_ClosePositionRequest()
      close.positionID = post.id
      _ = try await admin.org.closePosition(close)
      var closeUnit = Simpeg_V1_CloseUnitRequest()
      closeUnit.unitID = upt.id
      _ = try await admin.org.closeUnit(closeUnit)
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["position_id", "Arsiparis Terampil", "closed"]) {
        try await admin.employees.transferEmployee(
          transfer(city.holder(of: city.staf), to: post.id, on: Requests.date(2025, 3, 1)))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func transferDatedBeforeTheCurrentPositionStartedIsInvalid() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let target = try await admin.org.createPosition(
        Requests.position("Pengolah Data", unit: city.seksi, level: .levelPelaksana, supervisor: city.kasi))
      let before = try test.fingerprint()
      await expectStatus(.invalidArgument, mentioning: ["effective", "2001-01-01", "2010-04-01"]) {
        try await admin.employees.transferEmployee(
          transfer(city.holder(of: city.staf), to: target.id, on: Requests.date(2001, 1, 1)))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func transferOfAnUnknownEmployeeIsNotFound() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.notFound, mentioning: ["employee_id", "8080"]) {
        try await admin.employees.transferEmployee(
          transfer(8080, to: city.staf, on: Requests.date(2025, 3, 1)))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func transferIntoThePositionTheyActInEndsThePlt() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var vacate = Simpeg_V1_VacatePositionRequest()
      vacate.positionID = city.kasi
      vacate.effective = Requests.date(2025, 1, 31)
      _ = try await admin.org.vacatePosition(vacate)
      let staff = city.holder(of: city.staf)
      var plt = Requests.assign(position: city.kasi, employee: staff, acting: true)
      plt.effective = Requests.date(2025, 2, 1)
      _ = try await admin.org.assignHolder(plt)
      _ = try await admin.employees.transferEmployee(
        transfer(staff, to: city.kasi, on: Requests.date(2025, 6, 1)))
      let kasi = try await position(city.kasi, as: admin)
      #expect(kasi.holderEmployeeID == staff && kasi.actingEmployeeID == 0)
      let riwayat = try await history(of: staff, as: admin).positions
      #expect(riwayat.map(\.acting) == [false, true, false])
      #expect(riwayat.map(\.positionID) == [city.staf, city.kasi, city.kasi])
      #expect(riwayat[0].end == Requests.date(2025, 6, 1) && riwayat[1].end == Requests.date(2025, 6, 1))
      #expect(!riwayat[2].hasEnd)
    }
  }

  @Test func promotionRaisesTheGolonganAndAddsARiwayatPangkatEntry() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Simpeg_V1_PromoteEmployeeRequest()
      request.employeeID = city.holder(of: city.staf)
      request.golongan.pns = .golonganIic
      request.tmt = Requests.date(2025, 4, 1)
      request.reason = "KP reguler April 2025"
      let promoted = try await admin.employees.promoteEmployee(request)
      #expect(promoted.golongan.pns == .golonganIic)
      let ranks = try await history(of: promoted.id, as: admin).ranks
      #expect(ranks.map(\.golongan.pns) == [.golonganIib, .golonganIic])
      #expect(ranks[1].tmt == Requests.date(2025, 4, 1) && ranks[1].reason == "KP reguler April 2025")
    }
  }

  @Test func promotionThatDoesNotRaiseOrCrossesSchemesIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Simpeg_V1_PromoteEmployeeRequest()
      request.employeeID = city.holder(of: city.staf)
      request.golongan.pns = .golonganIia
      await expectStatus(.failedPrecondition, mentioning: ["golongan", "II/a", "II/b"]) {
        try await admin.employees.promoteEmployee(request)
      }
      request.golongan.pppk = .pppkXvii
      await expectStatus(.invalidArgument, mentioning: ["golongan", "scheme"]) {
        try await admin.employees.promoteEmployee(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func retirementVacatesThePositionEndsPltRolesAndMarksInactive() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let kabid = city.holder(of: city.kabid)
      var vacate = Simpeg_V1_VacatePositionRequest()
      vacate.positionID = city.kadinkes
      vacate.effective = Requests.date(2025, 1, 1)
      _ = try await admin.org.vacatePosition(vacate)
      var plt = Requests.assign(position: city.kadinkes, employee: kabid, acting: true)
      plt.effective = Requests.date(2025, 1, 2)
      _ = try await admin.org.assignHolder(plt)
      var request = Simpeg_V1_RetireEmployeeRequest()
      request.employeeID = kabid
      request.effective = Requests.date(2025, 9, 1)
      request.reason = "BUP"
      let retired = try await admin.employees.retireEmployee(request)
      #expect(!retired.active && retired.positionID == 0 && retired.retiredOn == Requests.date(2025, 9, 1))
      #expect(try await position(city.kabid, as: admin).holderEmployeeID == 0)
      #expect(try await position(city.kadinkes, as: admin).actingEmployeeID == 0)
      let riwayat = try await history(of: kabid, as: admin).positions
      #expect(riwayat.count == 2 && riwayat.allSatisfy { $0.end == Requests.date(2025, 9, 1) })
      await expectStatus(.failedPrecondition, mentioning: ["retired"]) {
        try await admin.employees.retireEmployee(request)
      }
    }
  }

  @Test func retiredEmployeeCannotBeTransferred() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let staff = city.holder(of: city.staf)
      var retire = Simpeg_V1_RetireEmployeeRequest()
      retire.employeeID = staff
      _ = try await admin.employees.retireEmployee(retire)
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["employee_id", "Budi Santoso", "retired"]) {
        try await admin.employees.transferEmployee(
          transfer(staff, to: city.staf, on: Requests.date(2026, 1, 1)))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func createdEmployeeStartsTheRiwayatWithTheirPositionAndGolongan() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let riwayat = try await history(of: city.holder(of: city.kasi), as: admin)
      #expect(riwayat.positions.map(\.positionID) == [city.kasi])
      #expect(riwayat.positions.first?.start == Requests.date(2010, 4, 1))
      #expect(riwayat.ranks.map(\.golongan.pns) == [.golonganIiic])
    }
  }
}
