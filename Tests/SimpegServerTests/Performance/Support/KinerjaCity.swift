import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegStore

@testable import SimpegServer

/// A small Pemerintah Kota written straight into the store, for precise tests:
///
/// ```
/// Pemerintah Kota (Wali Kota, an elected official)
/// └─ Sekretariat Daerah (Sekda)
///    Dinas Uji (Kadis; supervised by the Sekda)
///    ├─ Bidang Satu (Kabid)
///    │  └─ Seksi Satu (Kasi): Staf Satu, Staf Dua (pelaksana), Fungsional (Ahli Muda)
///    └─ Bidang Dua (Kabid Dua): Staf Lain
/// ```
struct KinerjaCity {
  /// A position and the employee holding it (0 for the Wali Kota).
  struct Seat: Hashable {
    let position: UInt64
    let employee: UInt64
  }

  let cityUnit: UInt64
  let setdaUnit: UInt64
  let dinasUnit: UInt64
  let bidangUnit: UInt64
  let seksiUnit: UInt64
  let bidangDuaUnit: UInt64
  let waliKota: Seat
  let sekda: Seat
  let kadis: Seat
  let kabid: Seat
  let kasi: Seat
  let staff1: Seat
  let staff2: Seat
  let fungsional: Seat
  let kabidDua: Seat
  let other: Seat

  /// The year the tests run in (``TestToday``).
  static var year: Int32 { TestToday.year }

  /// Writes the city into `test`'s store.
  static func build(_ test: TestDaemon) async throws -> KinerjaCity {
    try await test.daemon.store.write { transaction in
      var employeeNumber = 0
      func unit(_ name: String, kind: Simpeg_V1_UnitKind, parent: UInt64) throws -> UInt64 {
        var unit = Simpeg_Internal_V1_UnitRecord()
        unit.id = try Tables.nextID("unit", in: transaction)
        unit.parentID = parent
        unit.kind = kind
        unit.name = name
        try Tables.units.insert(unit, for: unit.id, in: transaction)
        return unit.id
      }
      func seat(
        _ title: String, unit: UInt64, level: Simpeg_V1_JabatanLevel, supervisor: UInt64, head: Bool = false,
        official: String? = nil
      ) throws -> Seat {
        var position = Simpeg_Internal_V1_PositionRecord()
        position.id = try Tables.nextID("position", in: transaction)
        position.unitID = unit
        position.title = title
        position.level = level
        position.kind =
          JabatanLevel(rawValue: level.rawValue).flatMap { Simpeg_V1_JabatanKind(rawValue: $0.kind.rawValue) }
          ?? .unspecified
        position.supervisorPositionID = supervisor
        var employeeID: UInt64 = 0
        if let official {
          position.officialHolder = official
        } else {
          employeeNumber += 1
          var employee = Simpeg_Internal_V1_EmployeeRecord()
          employee.id = try Tables.nextID("employee", in: transaction)
          employee.nip = String(format: "19800101200501%04d", employeeNumber)
          employee.name = "Pegawai \(title)"
          employee.positionID = position.id
          employee.unitID = unit
          employee.active = true
          try Tables.employees.insert(employee, for: employee.id, in: transaction)
          position.holderEmployeeID = employee.id
          employeeID = employee.id
        }
        try Tables.positions.insert(position, for: position.id, in: transaction)
        if head, var record = try Tables.units.get(unit, in: transaction) {
          record.headPositionID = position.id
          try Tables.units.put(record, for: unit, in: transaction)
        }
        return Seat(position: position.id, employee: employeeID)
      }
      let city = try unit("Pemerintah Kota Uji", kind: .pemerintahKota, parent: 0)
      let setda = try unit("Sekretariat Daerah", kind: .sekretariatDaerah, parent: city)
      let dinas = try unit("Dinas Uji", kind: .dinas, parent: city)
      let bidang = try unit("Bidang Satu", kind: .bidang, parent: dinas)
      let seksi = try unit("Seksi Satu", kind: .seksi, parent: bidang)
      let bidangDua = try unit("Bidang Dua", kind: .bidang, parent: dinas)
      let waliKota = try seat(
        "Wali Kota", unit: city, level: .unspecified, supervisor: 0, head: true, official: "H. Wali Uji")
      let sekda = try seat(
        "Sekretaris Daerah", unit: setda, level: .jptPratama, supervisor: waliKota.position, head: true)
      let kadis = try seat(
        "Kepala Dinas Uji", unit: dinas, level: .jptPratama, supervisor: sekda.position, head: true)
      let kabid = try seat(
        "Kepala Bidang Satu", unit: bidang, level: .levelAdministrator, supervisor: kadis.position, head: true
      )
      let kasi = try seat(
        "Kepala Seksi Satu", unit: seksi, level: .levelPengawas, supervisor: kabid.position, head: true)
      let staff1 = try seat("Staf Satu", unit: seksi, level: .levelPelaksana, supervisor: kasi.position)
      let staff2 = try seat("Staf Dua", unit: seksi, level: .levelPelaksana, supervisor: kasi.position)
      let fungsional = try seat("Analis Ahli Muda", unit: seksi, level: .ahliMuda, supervisor: kasi.position)
      let kabidDua = try seat(
        "Kepala Bidang Dua", unit: bidangDua, level: .levelAdministrator, supervisor: kadis.position,
        head: true)
      let other = try seat(
        "Staf Lain", unit: bidangDua, level: .levelPelaksana, supervisor: kabidDua.position)
      return KinerjaCity(
        cityUnit: city, setdaUnit: setda, dinasUnit: dinas, bidangUnit: bidang, seksiUnit: seksi,
        bidangDuaUnit: bidangDua, waliKota: waliKota, sekda: sekda, kadis: kadis, kabid: kabid, kasi: kasi,
        staff1: staff1, staff2: staff2, fungsional: fungsional, kabidDua: kabidDua, other: other)
    }
  }

  /// Makes the position `seat` vacant, or gives it `plt` as Plt.
  func vacate(_ seat: Seat, plt: UInt64 = 0, in test: TestDaemon) async throws {
    try await change(seat, in: test) {
      $0.holderEmployeeID = 0
      $0.actingEmployeeID = plt
    }
  }

  /// Changes the stored position of `seat` as no call can (e.g. a supervisor lost).
  func change(
    _ seat: Seat, in test: TestDaemon,
    _ edit: @escaping @Sendable (inout Simpeg_Internal_V1_PositionRecord) -> Void
  ) async throws {
    try await test.daemon.store.write { transaction in
      var position = try Tables.positions.get(seat.position, in: transaction)!
      edit(&position)
      try Tables.positions.put(position, for: position.id, in: transaction)
    }
  }
}

/// Everyone of the small city with a session, and BKPSDM's administrator and an auditor.
struct Cast {
  let admin: Performer
  let auditor: Performer
  let sekda: Performer
  let kadis: Performer
  let kabid: Performer
  let kasi: Performer
  let staff1: Performer
  let staff2: Performer
  let fungsional: Performer
  let kabidDua: Performer
  let other: Performer

  static func sessions(_ test: TestDaemon, _ city: KinerjaCity) async throws -> Cast {
    Cast(
      admin: try await .user(test, roles: [.admin]), auditor: try await .user(test, roles: [.auditor]),
      sekda: try await .user(test, employee: city.sekda.employee),
      kadis: try await .user(test, employee: city.kadis.employee),
      kabid: try await .user(test, employee: city.kabid.employee),
      kasi: try await .user(test, employee: city.kasi.employee),
      staff1: try await .user(test, employee: city.staff1.employee),
      staff2: try await .user(test, employee: city.staff2.employee),
      fungsional: try await .user(test, employee: city.fungsional.employee),
      kabidDua: try await .user(test, employee: city.kabidDua.employee),
      other: try await .user(test, employee: city.other.employee))
  }
}

/// Building SKP requests and walking them through approval.
enum Plans {
  /// Content with one RHK (utama unless `kind` says otherwise) per parent (0: none), each with one IKI of `target`
  /// dokumen a year, and all seven expectations; JPT content has perspectives.
  static func content(
    parents: [UInt64], jpt: Bool = false, target: Int64 = 120, approach: Simpeg_V1_SKPApproach = .kuantitatif,
    kind: Simpeg_V1_RHKKind = .utama
  ) -> Simpeg_V1_SKPContent {
    var content = Simpeg_V1_SKPContent()
    content.approach = approach
    content.rhks = parents.enumerated().map { index, parent in
      var rhk = Simpeg_V1_RHK()
      rhk.kind = kind
      rhk.text = "Rencana hasil kerja \(index + 1)"
      rhk.parentRhkID = parent
      if jpt { rhk.perspective = Simpeg_V1_JPTPerspective(rawValue: index % 4 + 1)! }
      var iki = Simpeg_V1_IKI()
      iki.aspect = .kuantitas
      iki.indicator = "Jumlah dokumen \(index + 1)"
      if approach == .kuantitatif {
        iki.targetValue = target
        iki.targetUnit = "dokumen"
      } else {
        iki.narrativeMeasure = "Dokumen diterima pimpinan tanpa revisi"
      }
      rhk.ikis = [iki]
      return rhk
    }
    content.expectations = (1...7).map { value in
      var expectation = Simpeg_V1_BehaviourExpectation()
      expectation.value = Simpeg_V1_BerAKHLAK(rawValue: value)!
      expectation.expectation = "Ekspektasi \(value)"
      return expectation
    }
    return content
  }

  /// A create request for the caller's own SKP (or, with `official`, the official's).
  static func create(
    year: Int32 = KinerjaCity.year, content: Simpeg_V1_SKPContent, official: UInt64 = 0,
    months: ClosedRange<UInt32>? = nil
  ) -> Simpeg_V1_CreateSKPRequest {
    var request = Simpeg_V1_CreateSKPRequest()
    request.year = year
    request.officialPositionID = official
    request.content = content
    if let months {
      request.firstMonth = months.lowerBound
      request.lastMonth = months.upperBound
    }
    return request
  }

  /// Creates, submits and approves an SKP.
  @discardableResult
  static func approved(
    _ request: Simpeg_V1_CreateSKPRequest, owner: Performer, approver: Performer
  ) async throws -> Simpeg_V1_SKP {
    let created = try await owner.plan.createSKP(request)
    try await submit(created, by: owner)
    return try await approve(created, by: approver)
  }

  @discardableResult
  static func submit(_ skp: Simpeg_V1_SKP, by owner: Performer) async throws -> Simpeg_V1_SKP {
    var request = Simpeg_V1_SubmitSKPRequest()
    request.skpID = skp.id
    request.version = skp.version
    return try await owner.plan.submitSKP(request)
  }

  @discardableResult
  static func approve(_ skp: Simpeg_V1_SKP, by approver: Performer) async throws -> Simpeg_V1_SKP {
    var request = Simpeg_V1_ApproveSKPRequest()
    request.skpID = skp.id
    request.version = skp.version
    return try await approver.plan.approveSKP(request)
  }

  /// Approves the SKPs from the Wali Kota down to the Kasi, each cascading from the one above.
  static func topDown(_ city: KinerjaCity, _ cast: Cast) async throws -> (
    kasi: Simpeg_V1_SKP, kabid: Simpeg_V1_SKP
  ) {
    let waliKota = try await approved(
      create(content: content(parents: [0]), official: city.waliKota.position),
      owner: cast.admin, approver: cast.admin)
    let sekda = try await approved(
      create(content: content(parents: [rhk(waliKota)], jpt: true)), owner: cast.sekda,
      approver: cast.admin)
    let kadis = try await approved(
      create(content: content(parents: [rhk(sekda)], jpt: true)), owner: cast.kadis,
      approver: cast.sekda)
    let kabid = try await approved(
      create(content: content(parents: [rhk(kadis)])), owner: cast.kabid, approver: cast.kadis)
    let kasi = try await approved(
      create(content: content(parents: [rhk(kabid)])), owner: cast.kasi, approver: cast.kabid)
    return (kasi, kabid)
  }

  /// The first RHK id of `skp`.
  static func rhk(_ skp: Simpeg_V1_SKP, _ index: Int = 0) -> UInt64 { skp.content.rhks[index].id }
}

/// The approved SKPs of the whole small city for one year, cascading from the Wali Kota.
struct ApprovedCity {
  let waliKota: Simpeg_V1_SKP
  let sekda: Simpeg_V1_SKP
  let kadis: Simpeg_V1_SKP
  let kabid: Simpeg_V1_SKP
  let kasi: Simpeg_V1_SKP
  let staff1: Simpeg_V1_SKP
  let staff2: Simpeg_V1_SKP
  let fungsional: Simpeg_V1_SKP
  let kabidDua: Simpeg_V1_SKP
  let other: Simpeg_V1_SKP

  /// Plans and approves every SKP top-down. `fungsionalMonths` limits the functional post's
  /// SKP to part of the year.
  static func plan(
    _ city: KinerjaCity, _ cast: Cast, year: Int32 = KinerjaCity.year,
    fungsionalMonths: ClosedRange<UInt32>? = nil
  ) async throws -> ApprovedCity {
    let waliKota = try await Plans.approved(
      Plans.create(year: year, content: Plans.content(parents: [0, 0]), official: city.waliKota.position),
      owner: cast.admin, approver: cast.admin)
    let sekda = try await Plans.approved(
      Plans.create(
        year: year, content: Plans.content(parents: [Plans.rhk(waliKota), Plans.rhk(waliKota, 1)], jpt: true)),
      owner: cast.sekda, approver: cast.admin)
    let kadis = try await Plans.approved(
      Plans.create(
        year: year, content: Plans.content(parents: [Plans.rhk(sekda), Plans.rhk(sekda, 1)], jpt: true)),
      owner: cast.kadis, approver: cast.sekda)
    let kabid = try await Plans.approved(
      Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(kadis)])), owner: cast.kabid,
      approver: cast.kadis)
    let kabidDua = try await Plans.approved(
      Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(kadis, 1)])), owner: cast.kabidDua,
      approver: cast.kadis)
    let kasi = try await Plans.approved(
      Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(kabid)])), owner: cast.kasi,
      approver: cast.kabid)
    let staff1 = try await Plans.approved(
      Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(kasi)])), owner: cast.staff1,
      approver: cast.kasi)
    let staff2 = try await Plans.approved(
      Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(kasi)])), owner: cast.staff2,
      approver: cast.kasi)
    let fungsional = try await Plans.approved(
      Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(kasi)]), months: fungsionalMonths),
      owner: cast.fungsional, approver: cast.kasi)
    let other = try await Plans.approved(
      Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(kabidDua)])), owner: cast.other,
      approver: cast.kabidDua)
    return ApprovedCity(
      waliKota: waliKota, sekda: sekda, kadis: kadis, kabid: kabid, kasi: kasi, staff1: staff1,
      staff2: staff2,
      fungsional: fungsional, kabidDua: kabidDua, other: other)
  }
}

/// A started daemon with the small city, everyone's sessions, for one test.
func withKinerjaCity<T>(
  configure: (inout DaemonConfiguration) -> Void = { _ in },
  _ body: (TestDaemon, KinerjaCity, Cast) async throws -> T
) async throws -> T {
  try await withTestDaemon(configure: configure) { test in
    let city = try await KinerjaCity.build(test)
    let cast = try await Cast.sessions(test, city)
    return try await body(test, city, cast)
  }
}
