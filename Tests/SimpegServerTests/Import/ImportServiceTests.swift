import Foundation
import SimpegAPI
import SimpegStore
import Testing

@testable import SimpegServer

/// ImportService: rows of CSV files checked like the single calls, reported by line, written
/// all together or not at all.
@Suite struct ImportServiceTests {
  /// A units row.
  private func unit(_ line: UInt32, _ code: String, _ parent: String, _ kind: String, _ name: String)
    -> Simpeg_V1_ImportUnitRow
  {
    var row = Simpeg_V1_ImportUnitRow()
    (row.line, row.code, row.parentCode, row.kind, row.name) = (line, code, parent, kind, name)
    return row
  }

  /// An employees row of a PNS in III/a.
  private func employee(
    _ line: UInt32, _ sequence: Int, name: String, unit: String, golongan: String = "III/a",
    jabatan: String = ""
  ) -> Simpeg_V1_ImportEmployeeRow {
    var row = Simpeg_V1_ImportEmployeeRow()
    row.line = line
    row.nip = TestNIP.pns(sequence)
    row.name = name
    row.status = "PNS"
    row.golongan = golongan
    row.unitCode = unit
    row.positionTitle = jabatan
    return row
  }

  private func options(dryRun: Bool = false, allOrNothing: Bool? = nil) -> Simpeg_V1_ImportOptions {
    var options = Simpeg_V1_ImportOptions()
    options.dryRun = dryRun
    if let allOrNothing { options.allOrNothing = allOrNothing }
    return options
  }

  private func importUnits(
    _ caller: Caller, _ rows: [Simpeg_V1_ImportUnitRow], _ options: Simpeg_V1_ImportOptions
  ) async throws -> Simpeg_V1_ImportResponse {
    try await Simpeg_V1_ImportService.Client(wrapping: caller.client).importUnits { writer in
      try await writer.write(.with { $0.options = options })
      for row in rows { try await writer.write(.with { $0.row = row }) }
    }
  }

  private func importEmployees(
    _ caller: Caller, _ rows: [Simpeg_V1_ImportEmployeeRow], _ options: Simpeg_V1_ImportOptions
  ) async throws -> Simpeg_V1_ImportResponse {
    try await Simpeg_V1_ImportService.Client(wrapping: caller.client).importEmployees { writer in
      try await writer.write(.with { $0.options = options })
      for row in rows { try await writer.write(.with { $0.row = row }) }
    }
  }

  /// The units of the store by code.
  private func units(_ test: TestDaemon) throws -> [String: Simpeg_Internal_V1_UnitRecord] {
    try test.daemon.store.read { transaction in
      Dictionary(
        uniqueKeysWithValues: try Tables.units.scan(in: transaction).map { ($0.value.code, $0.value) })
    }
  }

  @Test func unitsAreCreatedParentsFirstWhateverTheirOrderInTheFile() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let response = try await importUnits(
        admin,
        [
          unit(2, "DAFDUK", "DISDUK", "Bidang", "Bidang Pendaftaran Penduduk"),
          unit(3, "DISDUK", "KOTA", "Dinas", "Dinas Kependudukan dan Pencatatan Sipil"),
          unit(4, "KOTA", "", "Pemerintah Kota", "Pemerintah Kota Salatiga"),
          unit(5, "kel-01", "KOTA", "kelurahan", "Kelurahan Kauman Kidul"),
        ], options())
      #expect(response.problems.isEmpty)
      #expect((response.rows, response.valid, response.written, response.committed) == (4, 4, 4, true))
      let units = try units(test)
      #expect(units["DAFDUK"]?.parentID == units["DISDUK"]?.id)
      #expect(units["DISDUK"]?.parentID == units["KOTA"]?.id)
      #expect(units["KEL-01"]?.kind == .kelurahan)
    }
  }

  @Test func anImportIsOneAuditRecordWithItsCounts() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let before = try test.auditRecords().count
      _ = try await importUnits(admin, [unit(2, "KOTA", "", "Pemerintah Kota", "Kota")], options())
      let records = try test.auditRecords(after: UInt64(before))
      #expect(records.map(\.method) == ["simpeg.v1.ImportService/ImportUnits"])
      #expect(records.first?.targets == ["import:units", "rows:1", "written:1", "skipped:0"])
      #expect(records.first?.requestSha256.count == 32)
    }
  }

  @Test func aDryRunReportsEveryBadRowByLineInTheFilesWordsAndWritesNothing() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let before = try test.fingerprint()
      let response = try await importUnits(
        admin,
        [
          unit(2, "KOTA", "", "Pemerintah Kota", "Kota"),
          unit(3, "DISDUK", "KOTA", "Desa", "Dinas Kependudukan"),
          unit(4, "BID", "DISDUK", "Bidang", "Bidang Pelayanan"),
          unit(5, "KOTA", "", "Pemerintah Kota", "Kota Kedua"),
          unit(6, "DINKES", "NOWHERE", "Dinas", "Dinas Kesehatan"),
          unit(7, "", "KOTA", "Dinas", "Dinas Sosial"),
          unit(8, "SATPOL", "KOTA", "Satpol PP", "Satuan Polisi Pamong Praja"),
        ], options(dryRun: true))
      #expect(response.dryRun)
      #expect(!response.committed)
      #expect((response.rows, response.valid, response.written) == (7, 2, 0))
      #expect(response.problems.map(\.line) == [3, 4, 5, 6, 7])
      let reasons = Dictionary(uniqueKeysWithValues: response.problems.map { ($0.line, $0.reason) })
      #expect(reasons[3]?.hasPrefix("jenis: 'Desa'") == true)
      #expect(reasons[4]?.contains("line 3, which is not imported") == true)
      #expect(reasons[5]?.contains("also the code of line 2") == true)
      #expect(reasons[6]?.hasPrefix("kode_induk: no unit has the code 'NOWHERE'") == true)
      #expect(reasons[7]?.hasPrefix("kode: is required") == true)
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func oneBadRowRefusesAnAllOrNothingImportWhole() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      _ = try await importUnits(admin, [unit(2, "KOTA", "", "Pemerintah Kota", "Kota")], options())
      let before = try test.fingerprint()
      let response = try await importEmployees(
        admin,
        [
          employee(2, 1, name: "Siti Rahayu", unit: "KOTA"),
          employee(3, 2, name: "Budi Santoso", unit: "KOTA", golongan: "III/z"),
          employee(4, 3, name: "Dewi Lestari", unit: "KOTA"),
        ], options())
      #expect(!response.committed)
      #expect((response.valid, response.written) == (2, 0))
      #expect(response.problems.map(\.line) == [3])
      #expect(response.problems.first?.reason.hasPrefix("golongan: 'III/z'") == true)
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func aPartialImportWritesTheGoodRowsAndSkipsTheBad() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let response = try await importUnits(
        admin,
        [
          unit(2, "KOTA", "", "Pemerintah Kota", "Kota"),
          unit(3, "DISDUK", "KOTA", "Desa", "Dinas Kependudukan"),
          unit(4, "BID", "DISDUK", "Bidang", "Bidang Pelayanan"),
          unit(5, "DINKES", "KOTA", "Dinas", "Dinas Kesehatan"),
        ], options(allOrNothing: false))
      #expect(response.committed)
      #expect(response.written == 2)
      #expect(response.problems.map(\.line) == [3, 4])
      #expect(Set(try units(test).keys) == ["KOTA", "DINKES"])
    }
  }

  @Test func parentCodesThatFormACircleAreReported() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let response = try await importUnits(
        admin,
        [
          unit(2, "KOTA", "", "Pemerintah Kota", "Kota"),
          unit(3, "A", "B", "Dinas", "Dinas A"),
          unit(4, "B", "A", "Dinas", "Dinas B"),
          unit(5, "C", "C", "Dinas", "Dinas C"),
        ], options(dryRun: true))
      #expect(response.problems.map(\.line) == [3, 4, 5])
      #expect(response.problems.first?.reason.contains("circle") == true)
      #expect(response.problems.last?.reason.contains("own kode") == true)
    }
  }

  @Test func employeesAreReadInTheFileNotationAndSeatedInAVacantPositionByTitle() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      _ = try await admin.org.renameUnit(
        .with {
          $0.unitID = city.seksi
          $0.code = "SEKSI-ID"
        })
      var vacant = Requests.position(
        "Pengadministrasi Umum", unit: city.seksi, level: .levelPelaksana, supervisor: city.kasi)
      vacant.kind = .pelaksana
      let position = try await admin.org.createPosition(vacant)

      var seated = employee(2, 302, name: "Ahmad Ma'ruf", unit: "seksi-id", jabatan: "pengadministrasi umum")
      seated.gender = "L"
      seated.birthDate = "15-06-1985"
      seated.tmtCpns = "01/04/2010"
      seated.gelarBelakang = "S.Kom., M.T."
      var wrongGender = employee(3, 303, name: "Dewi Lestari", unit: "SEKSI-ID")
      wrongGender.gender = "P"
      var wrongBirth = employee(4, 304, name: "Ni Luh Putu Dé", unit: "DISDUK")
      wrongBirth.birthDate = "1985-06-16"
      let response = try await importEmployees(
        admin, [seated, wrongGender, wrongBirth], options(allOrNothing: false))
      #expect(response.written == 1)
      #expect(response.problems.map(\.line) == [3, 4])
      #expect(response.problems.first?.reason.hasPrefix("jenis_kelamin:") == true)
      #expect(response.problems.last?.reason.hasPrefix("tanggal_lahir:") == true)
      #expect(response.notes.isEmpty)
      let stored = try test.daemon.store.read { transaction in
        try Tables.employees.findUnique(Tables.employeesByNIP, TestNIP.pns(302), in: transaction)?.value
      }
      #expect(stored?.positionID == position.id)
      #expect(stored?.unitID == city.seksi)
      #expect(stored?.gender == .lakiLaki)
      #expect(stored?.golongan.pns == .golonganIiia)
      #expect(stored?.tmtCpns == Requests.date(2010, 4, 1))
      #expect(stored?.gelarBelakang == "S.Kom., M.T.")
    }
  }

  @Test func aJabatanWithoutAVacantPositionPlacesTheEmployeeInTheUnitWithANote() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      _ = try await importUnits(admin, [unit(2, "KOTA", "", "Pemerintah Kota", "Kota")], options())
      let response = try await importEmployees(
        admin, [employee(7, 1, name: "Siti Rahayu", unit: "kota", jabatan: "Lurah")], options())
      #expect(response.written == 1)
      #expect(response.notes.map(\.line) == [7])
      #expect(response.notes.first?.reason.contains("no open, vacant position titled 'Lurah'") == true)
    }
  }

  /// A city with one kelurahan, coded KEL-DUKUH.
  private func importKelurahan(_ admin: Caller) async throws {
    let rows = [
      unit(2, "KOTA", "", "Pemerintah Kota", "Kota"),
      unit(3, "KEL-DUKUH", "KOTA", "Kelurahan", "Kelurahan Dukuh"),
    ]
    _ = try await importUnits(admin, rows, options())
  }

  @Test func kepalaUnitMakesTheSeatedPositionTheUnitsHead() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      try await importKelurahan(admin)
      let kelurahan = try #require(try units(test)["KEL-DUKUH"])
      let lurah = try await admin.org.createPosition(
        Requests.position(
          "Lurah Dukuh", unit: kelurahan.id, level: .levelPengawas, eselon: .iva, supervisor: 0))
      var row = employee(2, 5, name: "Siti Rahayu", unit: "KEL-DUKUH", jabatan: "Lurah Dukuh")
      row.unitHead = "Ya"
      let response = try await importEmployees(admin, [row], options())
      #expect(response.written == 1)
      #expect(try units(test)["KEL-DUKUH"]?.headPositionID == lurah.id)
    }
  }

  @Test(arguments: [("ya", ""), ("mungkin", "Lurah Dukuh")])
  func kepalaUnitWithoutASeatOrWithAnUnknownValueIsABadRow(flag: String, jabatan: String) async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      try await importKelurahan(admin)
      var row = employee(3, 6, name: "Agus Salim", unit: "KEL-DUKUH", jabatan: jabatan)
      row.unitHead = flag
      let before = try test.fingerprint()
      let response = try await importEmployees(admin, [row], options())
      #expect(response.written == 0)
      #expect(response.problems.map(\.line) == [3])
      #expect(response.problems.first?.reason.hasPrefix("kepala_unit:") == true)
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func aNIPTwiceInOneFileIsRefusedTheSecondTime() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      _ = try await importUnits(admin, [unit(2, "KOTA", "", "Pemerintah Kota", "Kota")], options())
      let response = try await importEmployees(
        admin,
        [employee(2, 1, name: "Siti Rahayu", unit: "KOTA"), employee(3, 1, name: "Siti Lain", unit: "KOTA")],
        options(dryRun: true))
      #expect(response.problems.map(\.line) == [3])
      #expect(response.problems.first?.reason.contains("already registered") == true)
    }
  }

  @Test func theOptionsMustComeFirst() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      await expectStatus(.invalidArgument, mentioning: ["options"]) {
        try await Simpeg_V1_ImportService.Client(wrapping: admin.client).importUnits { writer in
          try await writer.write(.with { $0.row = unit(2, "KOTA", "", "Pemerintah Kota", "Kota") })
        }
      }
    }
  }

  @Test func moreRowsThanTheBoundAreRefusedAsResourceExhausted() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let before = try test.fingerprint()
      let row = unit(2, "X", "", "Dinas", "X")
      await expectStatus(.resourceExhausted, mentioning: ["100000 rows"]) {
        try await Simpeg_V1_ImportService.Client(wrapping: admin.client).importUnits { writer in
          try await writer.write(.with { $0.options = options() })
          for _ in 0...ImportIntake<Simpeg_V1_ImportUnitRow>.maxRows {
            try await writer.write(.with { $0.row = row })
          }
        }
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func onlyAdministratorsImport() async throws {
    try await withTestDaemon { test in
      let auditor = try await test.auditor()
      await expectStatus(.permissionDenied) {
        try await importUnits(
          auditor, [unit(2, "KOTA", "", "Pemerintah Kota", "Kota")], options(dryRun: true))
      }
    }
  }
}
