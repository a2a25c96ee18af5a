import SimpegAPI
import SimpegRPC
import Testing

@testable import SimpegServer

/// Employee records: creation checked against the NIP, lookups, updates, ValidateNIP.
@Suite struct EmployeeRecordTests {
  @Test func createdEmployeeTakesGenderBirthDateAndTmtFromTheNIP() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Requests.pns(60, name: "Sri Wahyuni", unitID: city.seksi)
      request.nip = "19850615 201004 2 060"
      request.gelarDepan = "Dr."
      request.gelarBelakang = "M.Si."
      let employee = try await admin.employees.createEmployee(request)
      #expect(employee.nip == "198506152010042060")
      #expect(employee.nipKind == .nipPns)
      #expect(employee.gender == .perempuan)
      #expect(employee.birthDate == Requests.date(1985, 6, 15))
      #expect(employee.tmtCpns == Requests.date(2010, 4, 1))
      #expect(employee.active && employee.unitID == city.seksi && employee.positionID == 0)
      #expect(employee.gelarDepan == "Dr." && employee.gelarBelakang == "M.Si.")
    }
  }

  @Test func createdPPPKEmployeeHasAnNIPPPKAndAPPPKGolongan() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Simpeg_V1_CreateEmployeeRequest()
      request.nip = TestNIP.pppk(11)
      request.name = "Ayu Kartika"
      request.status = .pppk
      request.golongan.pppk = .pppkIx
      request.unitID = city.dinkes
      let employee = try await admin.employees.createEmployee(request)
      #expect(employee.nipKind == .niPppk)
      #expect(employee.tmtCpns == Requests.date(2022, 1, 1))
      #expect(employee.golongan.pppk == .pppkIx)
    }
  }

  @Test func invalidNIPIsRefusedNamingTheDigitGroup() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Requests.pns(61, name: "Salah Tanggal", unitID: city.seksi)
      request.nip = "198613322010041061"
      await expectStatus(.invalidArgument, mentioning: ["nip", "digits 1-8 (birth date)"]) {
        try await admin.employees.createEmployee(request)
      }
      request.nip = "198506152010041000"
      await expectStatus(.invalidArgument, mentioning: ["nip", "digits 16-18 (sequence)"]) {
        try await admin.employees.createEmployee(request)
      }
      request.nip = "198506152010133061"
      await expectStatus(.invalidArgument, mentioning: ["nip", "digits 13-14"]) {
        try await admin.employees.createEmployee(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func genderOrBirthDateThatDisagreesWithTheNIPIsInvalid() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Requests.pns(62, name: "Tono", unitID: city.seksi)
      request.gender = .perempuan
      await expectStatus(.invalidArgument, mentioning: ["gender", "digit 15"]) {
        try await admin.employees.createEmployee(request)
      }
      request.gender = .unspecified
      request.birthDate = Requests.date(1985, 6, 16)
      await expectStatus(.invalidArgument, mentioning: ["birth_date", "1985-06-15"]) {
        try await admin.employees.createEmployee(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func statusMustMatchTheKindOfNumber() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Requests.pns(63, name: "Tini", unitID: city.seksi)
      request.status = .pppk
      request.golongan.pppk = .pppkV
      await expectStatus(.invalidArgument, mentioning: ["status", "NI PPPK", "NIP PNS"]) {
        try await admin.employees.createEmployee(request)
      }
      request.nip = TestNIP.pppk(63)
      request.status = .cpns
      request.golongan.pns = .golonganIiia
      await expectStatus(.invalidArgument, mentioning: ["status", "CPNS"]) {
        try await admin.employees.createEmployee(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func golonganMustBeOfTheStatusScheme() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Requests.pns(64, name: "Wati", unitID: city.seksi)
      request.golongan.pppk = .pppkIx
      await expectStatus(.invalidArgument, mentioning: ["golongan", "scheme"]) {
        try await admin.employees.createEmployee(request)
      }
      request.clearGolongan()
      await expectStatus(.invalidArgument, mentioning: ["golongan", "required"]) {
        try await admin.employees.createEmployee(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func duplicateNIPIsAlreadyExistsNamingTheOwner() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Requests.pns(5, name: "Budi Kembar", unitID: city.seksi)
      request.nip = TestNIP.spaced(TestNIP.pns(5))
      await expectStatus(.alreadyExists, mentioning: ["nip", "Budi Santoso"]) {
        try await admin.employees.createEmployee(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func twoConcurrentCreationsWithOneNIPLeaveOneEmployee() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      async let a = Result {
        try await admin.employees.createEmployee(Requests.pns(90, name: "Kembar A", unitID: city.seksi))
      }
      async let b = Result {
        try await admin.employees.createEmployee(Requests.pns(90, name: "Kembar B", unitID: city.dinkes))
      }
      let outcomes = await [a, b]
      #expect(outcomes.count { (try? $0.get()) != nil } == 1)
      let codes = outcomes.compactMap { outcome -> StatusCode? in
        if case .failure(let error) = outcome { return (error as? RPCError)?.code }
        return nil
      }
      #expect(codes == [.alreadyExists])
      let count = try test.daemon.store.read { transaction in
        try Tables.employees.find(Tables.employeesByNIP, equalTo: TestNIP.pns(90), in: transaction).count
      }
      #expect(count == 1)
    }
  }

  @Test func employeeIntoAHeldPositionIsRefusedNamingTheHolder() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["position_id", "Dewi Lestari"]) {
        try await admin.employees.createEmployee(Requests.pns(65, name: "Calon", positionID: city.kasi))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func employeeIntoAClosedOrUnknownUnitIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let old = try await admin.org.createUnit(Requests.unit("UPT Lama", kind: .upt, parent: city.dinas))
      var close = Simpeg_V1_CloseUnitRequest()
      close.unitID = old.id
      _ = try await admin.org.closeUnit(close)
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["unit_id", "UPT Lama", "closed"]) {
        try await admin.employees.createEmployee(Requests.pns(66, name: "Calon", unitID: old.id))
      }
      await expectStatus(.notFound, mentioning: ["unit_id", "5555"]) {
        try await admin.employees.createEmployee(Requests.pns(66, name: "Calon", unitID: 5555))
      }
      await expectStatus(.invalidArgument, mentioning: ["unit_id", "required"]) {
        try await admin.employees.createEmployee(Requests.pns(66, name: "Calon"))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func namesAndContactsBeyondTheirLimitsAreInvalid() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.invalidArgument, mentioning: ["name", "201"]) {
        try await admin.employees.createEmployee(
          Requests.pns(67, name: String(repeating: "n", count: 201), unitID: city.seksi))
      }
      var request = Requests.pns(67, name: "Nama", unitID: city.seksi)
      request.email = "bukan-alamat"
      await expectStatus(.invalidArgument, mentioning: ["email"]) {
        try await admin.employees.createEmployee(request)
      }
      request.email = ""
      request.gelarDepan = String(repeating: "Dr. ", count: 30)
      await expectStatus(.invalidArgument, mentioning: ["gelar_depan"]) {
        try await admin.employees.createEmployee(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func employeeIsFoundByIdAndByNIPWithSpaces() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Simpeg_V1_GetEmployeeRequest()
      request.nip = TestNIP.spaced(TestNIP.pns(4))
      let byNIP = try await admin.employees.getEmployee(request)
      #expect(byNIP.id == city.holder(of: city.kasi))
      request.id = byNIP.id
      #expect(try await admin.employees.getEmployee(request) == byNIP)
    }
  }

  @Test func unknownEmployeeIsNotFoundForAnAdministrator() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      var request = Simpeg_V1_GetEmployeeRequest()
      request.id = 999
      await expectStatus(.notFound, mentioning: ["999"]) { try await admin.employees.getEmployee(request) }
      request.nip = TestNIP.pns(999)
      await expectStatus(.notFound, mentioning: ["NIP"]) { try await admin.employees.getEmployee(request) }
    }
  }

  @Test func updateChangesTheGivenFieldsAndClearsTitlesOnlyByFlag() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let id = city.holder(of: city.staf)
      var request = Simpeg_V1_UpdateEmployeeRequest()
      request.employeeID = id
      request.gelarBelakang = "S.Kom."
      request.email = "budi@salatiga.go.id"
      request.phone = "+62 298 326 767"
      var updated = try await admin.employees.updateEmployee(request)
      #expect(updated.name == "Budi Santoso" && updated.gelarBelakang == "S.Kom.")
      #expect(updated.email == "budi@salatiga.go.id" && updated.phone == "+62 298 326 767")
      request = Simpeg_V1_UpdateEmployeeRequest()
      request.employeeID = id
      request.name = "Budi Santosa"
      request.clearGelarBelakang_p = true
      updated = try await admin.employees.updateEmployee(request)
      #expect(updated.name == "Budi Santosa" && updated.gelarBelakang.isEmpty)
      #expect(updated.email == "budi@salatiga.go.id")
    }
  }

  @Test func updateWithNothingToChangeOrAnUnknownIdIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Simpeg_V1_UpdateEmployeeRequest()
      request.employeeID = city.holder(of: city.staf)
      await expectStatus(.invalidArgument, mentioning: ["nothing to change"]) {
        try await admin.employees.updateEmployee(request)
      }
      request.employeeID = 4242
      request.name = "Siapa"
      await expectStatus(.notFound, mentioning: ["employee_id", "4242"]) {
        try await admin.employees.updateEmployee(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func validateNIPDescribesAValidNumberAndNamesTheWrongGroup() async throws {
    try await withTestDaemon { test in
      let staff = try await test.user(employeeID: 0)
      var request = Simpeg_V1_ValidateNIPRequest()
      request.nip = "199303012024212011"
      let pppk = try await staff.employees.validateNIP(request)
      #expect(pppk.valid && pppk.kind == .niPppk && pppk.gender == .perempuan)
      #expect(pppk.formatted == "19930301 202421 2 011" && pppk.birthDate == Requests.date(1993, 3, 1))
      request.nip = "19860926 201505 3 001"
      let wrong = try await staff.employees.validateNIP(request)
      #expect(!wrong.valid && wrong.problem.contains("digit 15 (gender)"))
    }
  }
}
