import Foundation
import SimpegAPI

/// A small Pemerintah Kota built only through the API of a running simpegd, as a new city would
/// build itself without the sample: units with their head positions, the Wali Kota's elected
/// office, positions, employees seated in them, and an account for each employee.
///
/// ```
/// Pemerintah Kota Uji (Wali Kota, elected)
/// ├─ Sekretariat Daerah (Sekda)
/// └─ Dinas Kependudukan (Kadis, supervised by the Sekda)
///    └─ Bidang Pelayanan (Kabid)
///       ├─ Seksi Identitas (Kasi): Staf Satu, Staf Dua, Staf Tiga (pelaksana), Analis (Ahli Muda)
///       └─ Seksi Data (Kasi Data): two vacant pelaksana posts
/// ```
/// Everyone holds their position since 1 January of `since`'s year, so the year's changes can
/// be dated within it.
struct YearlyCity {
  /// A position and the employee in it, with a signed-in caller (nil for the Wali Kota).
  struct Seat {
    let position: UInt64
    let employee: UInt64
    let nip: String
    let caller: Caller?
  }

  let admin: Caller
  let city: UInt64
  let setda: UInt64
  let dinas: UInt64
  let bidang: UInt64
  let seksi: UInt64
  let seksiData: UInt64
  let waliKota: Seat
  let sekda: Seat
  let kadis: Seat
  let kabid: Seat
  let kasi: Seat
  let kasiData: Seat
  let staff: [Seat]
  let analis: Seat
  /// Vacant positions of the Seksi Data, under the Kasi Data.
  let dataVacancies: [UInt64]

  static let password = "sandi-kinerja-2026"

  /// A valid NIP PNS: born 1 May 1980, TMT CPNS March 2005, laki-laki, sequence 1-999.
  static func nip(_ sequence: Int) -> String {
    let digits = String(sequence)
    return "19800501" + "200503" + "1" + String(repeating: "0", count: 3 - digits.count) + digits
  }

  /// Builds the city in `daemon` as its bootstrap administrator, everyone seated from 1 January
  /// of `year`.
  static func build(in daemon: SimpegdProcess, seatedSince year: Int32) async throws -> YearlyCity {
    let admin = try await daemon.admin()
    let org = admin.org
    func unit(_ name: String, _ kind: Simpeg_V1_UnitKind, _ parent: UInt64, _ code: String) async throws
      -> UInt64
    {
      var request = Simpeg_V1_CreateUnitRequest()
      request.name = name
      request.kind = kind
      request.parentID = parent
      request.code = code
      return try await org.createUnit(request).id
    }
    func position(
      _ title: String, in unit: UInt64, _ level: Simpeg_V1_JabatanLevel,
      _ eselon: Simpeg_V1_Eselon = .unspecified,
      under supervisor: UInt64, head: Bool = false
    ) async throws -> UInt64 {
      var request = Simpeg_V1_CreatePositionRequest()
      request.title = title
      request.unitID = unit
      request.level = level
      request.eselon = eselon
      request.supervisorPositionID = supervisor
      let id = try await org.createPosition(request).id
      if head {
        var lead = Simpeg_V1_SetUnitHeadRequest()
        lead.unitID = unit
        lead.positionID = id
        _ = try await org.setUnitHead(lead)
      }
      return id
    }
    var sequence = 0
    func seat(_ position: UInt64, _ name: String) async throws -> Seat {
      sequence += 1
      var request = Simpeg_V1_CreateEmployeeRequest()
      request.nip = nip(sequence)
      request.name = name
      request.status = .pns
      request.golongan.pns = .golonganIiic
      request.unitID = try await org.getPosition(.with { $0.positionID = position }).unitID
      let employee = try await admin.employees.createEmployee(request)
      var assign = Simpeg_V1_AssignHolderRequest()
      assign.positionID = position
      assign.employeeID = employee.id
      assign.effective.year = year
      assign.effective.month = 1
      assign.effective.day = 1
      assign.reason = "SK Pengangkatan"
      _ = try await org.assignHolder(assign)
      var account = Simpeg_V1_CreateUserAccountRequest()
      account.nip = employee.nip
      account.initialPassword = password
      _ = try await admin.accounts.createUserAccount(account)
      let caller = try await daemon.caller(employee.nip, password)
      return Seat(position: position, employee: employee.id, nip: employee.nip, caller: caller)
    }

    let city = try await unit("Pemerintah Kota Uji", .pemerintahKota, 0, "KOTA")
    let setda = try await unit("Sekretariat Daerah", .sekretariatDaerah, city, "SETDA")
    let dinas = try await unit("Dinas Kependudukan", .dinas, city, "DISDUK")
    let bidang = try await unit("Bidang Pelayanan", .bidang, dinas, "YANDUK")
    let seksi = try await unit("Seksi Identitas", .seksi, bidang, "IDENTITAS")
    let seksiData = try await unit("Seksi Data", .seksi, bidang, "DATA")

    var office = Simpeg_V1_CreatePositionRequest()
    office.title = "Wali Kota Uji"
    office.unitID = city
    office.elected = true
    let waliKotaPosition = try await org.createPosition(office).id
    var official = Simpeg_V1_SetOfficialHolderRequest()
    official.positionID = waliKotaPosition
    official.name = "H. Wali Uji, S.E."
    _ = try await org.setOfficialHolder(official)
    var cityHead = Simpeg_V1_SetUnitHeadRequest()
    cityHead.unitID = city
    cityHead.positionID = waliKotaPosition
    _ = try await org.setUnitHead(cityHead)

    let sekdaPosition = try await position(
      "Sekretaris Daerah", in: setda, .jptPratama, .iia, under: waliKotaPosition, head: true)
    let kadisPosition = try await position(
      "Kepala Dinas Kependudukan", in: dinas, .jptPratama, .iib, under: sekdaPosition, head: true)
    let kabidPosition = try await position(
      "Kepala Bidang Pelayanan", in: bidang, .levelAdministrator, .iiib, under: kadisPosition, head: true)
    let kasiPosition = try await position(
      "Kepala Seksi Identitas", in: seksi, .levelPengawas, .iva, under: kabidPosition, head: true)
    let kasiDataPosition = try await position(
      "Kepala Seksi Data", in: seksiData, .levelPengawas, .iva, under: kabidPosition, head: true)
    var staffPositions: [UInt64] = []
    for number in ["Satu", "Dua", "Tiga"] {
      staffPositions.append(
        try await position("Pengadministrasi \(number)", in: seksi, .levelPelaksana, under: kasiPosition))
    }
    let analisPosition = try await position("Analis Kependudukan", in: seksi, .ahliMuda, under: kasiPosition)
    var dataVacancies: [UInt64] = []
    for number in ["Satu", "Dua"] {
      dataVacancies.append(
        try await position("Pengolah Data \(number)", in: seksiData, .levelPelaksana, under: kasiDataPosition)
      )
    }

    let sekda = try await seat(sekdaPosition, "Bambang Sutrisno")
    let kadis = try await seat(kadisPosition, "Siti Rahayu")
    let kabid = try await seat(kabidPosition, "Agus Salim")
    let kasi = try await seat(kasiPosition, "Dewi Lestari")
    let kasiData = try await seat(kasiDataPosition, "Hendra Wijaya")
    var staff: [Seat] = []
    for (position, name) in zip(staffPositions, ["Budi Santoso", "Rina Marlina", "Ahmad Maruf"]) {
      staff.append(try await seat(position, name))
    }
    let analis = try await seat(analisPosition, "Yuliana Putri")
    return YearlyCity(
      admin: admin, city: city, setda: setda, dinas: dinas, bidang: bidang, seksi: seksi,
      seksiData: seksiData,
      waliKota: Seat(position: waliKotaPosition, employee: 0, nip: "", caller: nil), sekda: sekda,
      kadis: kadis,
      kabid: kabid, kasi: kasi, kasiData: kasiData, staff: staff, analis: analis, dataVacancies: dataVacancies
    )
  }
}
