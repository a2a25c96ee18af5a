import SimpegAPI
import SimpegKinerja

/// Valid, distinct NIPs for tests.
enum TestNIP {
  /// A NIP PNS: born 15 June 1985, TMT CPNS April 2010, sequence `sequence` (1-999).
  static func pns(_ sequence: Int, gender: Gender = .lakiLaki) -> String {
    try! NIP(
      pnsBornOn: CalendarDate(year: 1985, month: 6, day: 15)!, tmtCPNS: YearMonth(year: 2010, month: 4)!,
      gender: gender, sequence: sequence
    ).canonical
  }

  /// `nip` grouped 8-6-1-3 with spaces, as printed on decrees.
  static func spaced(_ nip: String) -> String {
    let digits = Array(nip)
    return String(digits[0..<8]) + " " + String(digits[8..<14]) + " " + String(digits[14]) + " "
      + String(digits[15...])
  }

  /// An NI PPPK: born 20 February 1990, appointed 2022, sequence `sequence` (1-999).
  static func pppk(_ sequence: Int, gender: Gender = .perempuan) -> String {
    try! NIP(
      pppkBornOn: CalendarDate(year: 1990, month: 2, day: 20)!, appointmentYear: 2022, gender: gender,
      sequence: sequence
    ).canonical
  }
}

/// Request builders shared by the tests.
enum Requests {
  /// A CreateEmployeeRequest of a PNS in golongan III/b.
  static func pns(
    _ sequence: Int, name: String, positionID: UInt64 = 0, unitID: UInt64 = 0,
    golongan: Simpeg_V1_GolonganPNS = .golonganIiib
  ) -> Simpeg_V1_CreateEmployeeRequest {
    var request = Simpeg_V1_CreateEmployeeRequest()
    request.nip = TestNIP.pns(sequence)
    request.name = name
    request.status = .pns
    request.golongan.pns = golongan
    request.positionID = positionID
    request.unitID = unitID
    return request
  }

  /// A CreateUnitRequest.
  static func unit(_ name: String, kind: Simpeg_V1_UnitKind, parent: UInt64, code: String = "")
    -> Simpeg_V1_CreateUnitRequest
  {
    var request = Simpeg_V1_CreateUnitRequest()
    request.name = name
    request.kind = kind
    request.parentID = parent
    request.code = code
    return request
  }

  /// A CreatePositionRequest.
  static func position(
    _ title: String, unit: UInt64, level: Simpeg_V1_JabatanLevel, eselon: Simpeg_V1_Eselon = .unspecified,
    supervisor: UInt64
  ) -> Simpeg_V1_CreatePositionRequest {
    var request = Simpeg_V1_CreatePositionRequest()
    request.title = title
    request.unitID = unit
    request.level = level
    request.eselon = eselon
    request.supervisorPositionID = supervisor
    return request
  }

  /// An AssignHolderRequest.
  static func assign(position: UInt64, employee: UInt64, acting: Bool = false)
    -> Simpeg_V1_AssignHolderRequest
  {
    var request = Simpeg_V1_AssignHolderRequest()
    request.positionID = position
    request.employeeID = employee
    request.acting = acting
    return request
  }

  /// A date.
  static func date(_ year: Int32, _ month: Int32, _ day: Int32) -> Simpeg_V1_Date {
    var date = Simpeg_V1_Date()
    date.year = year
    date.month = month
    date.day = day
    return date
  }
}

/// A small city built through the API by an administrator:
///
/// ```
/// Pemerintah Kota Uji (root)
///   Dinas Kependudukan            kepala dinas  <- sekda
///     Bidang Pelayanan            kepala bidang <- kepala dinas
///       Seksi Identitas           kepala seksi  <- kepala bidang; staf <- kepala seksi
///   Dinas Kesehatan               kepala dinkes <- sekda; staf dinkes <- kepala dinkes
///   Sekretariat Daerah            sekda (top)
/// ```
/// Every position is held by its own employee.
struct SmallCity {
  var root: UInt64 = 0
  var setda: UInt64 = 0
  var dinas: UInt64 = 0
  var bidang: UInt64 = 0
  var seksi: UInt64 = 0
  var dinkes: UInt64 = 0

  var sekda: UInt64 = 0
  var kadis: UInt64 = 0
  var kabid: UInt64 = 0
  var kasi: UInt64 = 0
  var staf: UInt64 = 0
  var kadinkes: UInt64 = 0
  var stafDinkes: UInt64 = 0

  /// Employee id by position id.
  var holders: [UInt64: UInt64] = [:]

  /// Builds the city as `admin`.
  static func build(as admin: Caller) async throws -> SmallCity {
    var city = SmallCity()
    let org = admin.org
    city.root = try await org.createUnit(
      Requests.unit("Pemerintah Kota Uji", kind: .pemerintahKota, parent: 0, code: "KOTA")
    ).id
    city.setda = try await org.createUnit(
      Requests.unit("Sekretariat Daerah", kind: .sekretariatDaerah, parent: city.root, code: "SETDA")
    ).id
    city.dinas = try await org.createUnit(
      Requests.unit("Dinas Kependudukan", kind: .dinas, parent: city.root, code: "DISDUK")
    ).id
    city.bidang = try await org.createUnit(
      Requests.unit("Bidang Pelayanan", kind: .bidang, parent: city.dinas)
    ).id
    city.seksi = try await org.createUnit(
      Requests.unit("Seksi Identitas", kind: .seksi, parent: city.bidang)
    ).id
    city.dinkes = try await org.createUnit(
      Requests.unit("Dinas Kesehatan", kind: .dinas, parent: city.root, code: "DINKES")
    ).id

    city.sekda = try await org.createPosition(
      Requests.position(
        "Sekretaris Daerah", unit: city.setda, level: .jptPratama, eselon: .iia, supervisor: 0)
    ).id
    city.kadis = try await org.createPosition(
      Requests.position(
        "Kepala Dinas Kependudukan", unit: city.dinas, level: .jptPratama, eselon: .iib,
        supervisor: city.sekda)
    ).id
    city.kabid = try await org.createPosition(
      Requests.position(
        "Kepala Bidang Pelayanan", unit: city.bidang, level: .levelAdministrator, eselon: .iiib,
        supervisor: city.kadis)
    ).id
    city.kasi = try await org.createPosition(
      Requests.position(
        "Kepala Seksi Identitas", unit: city.seksi, level: .levelPengawas, eselon: .iva,
        supervisor: city.kabid)
    ).id
    city.staf = try await org.createPosition(
      Requests.position(
        "Pengadministrasi Umum", unit: city.seksi, level: .levelPelaksana, supervisor: city.kasi)
    ).id
    city.kadinkes = try await org.createPosition(
      Requests.position(
        "Kepala Dinas Kesehatan", unit: city.dinkes, level: .jptPratama, eselon: .iib,
        supervisor: city.sekda)
    ).id
    city.stafDinkes = try await org.createPosition(
      Requests.position(
        "Pengadministrasi Kesehatan", unit: city.dinkes, level: .levelPelaksana, supervisor: city.kadinkes)
    ).id

    let people: [(UInt64, String, Simpeg_V1_GolonganPNS)] = [
      (city.sekda, "Bambang Sutrisno", .golonganIvc), (city.kadis, "Siti Rahayu", .golonganIvb),
      (city.kabid, "Agus Salim", .golonganIiid), (city.kasi, "Dewi Lestari", .golonganIiic),
      (city.staf, "Budi Santoso", .golonganIib), (city.kadinkes, "Hendra Wijaya", .golonganIvb),
      (city.stafDinkes, "Rina Marlina", .golonganIic),
    ]
    for (index, person) in people.enumerated() {
      let employee = try await admin.employees.createEmployee(
        Requests.pns(index + 1, name: person.1, positionID: person.0, golongan: person.2))
      city.holders[person.0] = employee.id
    }
    return city
  }

  /// The employee holding `position`.
  func holder(of position: UInt64) -> UInt64 { holders[position]! }
}
