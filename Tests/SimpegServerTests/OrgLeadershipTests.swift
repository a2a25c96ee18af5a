import SimpegAPI
import SimpegStore
import Testing

@testable import SimpegServer

/// Leadership through the API: a unit's head position and a position's elected official, set and
/// cleared by OrgService (the same path as the import and the sample), so a city built the
/// documented way has its leaders.
@Suite struct OrgLeadershipTests {
  static func head(_ unit: UInt64, _ position: UInt64) -> Simpeg_V1_SetUnitHeadRequest {
    var request = Simpeg_V1_SetUnitHeadRequest()
    request.unitID = unit
    request.positionID = position
    return request
  }

  static func official(_ position: UInt64, _ name: String) -> Simpeg_V1_SetOfficialHolderRequest {
    var request = Simpeg_V1_SetOfficialHolderRequest()
    request.positionID = position
    request.name = name
    return request
  }

  @Test func aUnitsHeadPositionIsSetAndClearedAndAudited() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let set = try await admin.org.setUnitHead(Self.head(city.dinas, city.kadis))
      #expect(set.headPositionID == city.kadis)
      let audit = try test.daemon.store.read { try Tables.audit.scan(in: $0, direction: .reverse, limit: 1) }
      #expect(audit.first?.value.method == "simpeg.v1.OrgService/SetUnitHead")
      #expect(audit.first?.value.targets == ["unit:\(city.dinas)", "position:\(city.kadis)"])
      let cleared = try await admin.org.setUnitHead(Self.head(city.dinas, 0))
      #expect(cleared.headPositionID == 0)
    }
  }

  @Test func aHeadPositionOfAnotherUnitIsRefusedAndChangesNothing() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      let error = await expectStatus(.invalidArgument, mentioning: ["head_position_id", "own positions"]) {
        try await admin.org.setUnitHead(Self.head(city.bidang, city.kadis))
      }
      #expect(error != nil)
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func settingTheHeadIsForAdministratorsOnly() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let kadis = try await test.user(employeeID: city.holder(of: city.kadis))
      await expectStatus(.permissionDenied) {
        try await kadis.org.setUnitHead(Self.head(city.dinas, city.kadis))
      }
    }
  }

  @Test func anElectedOfficialIsNamedReplacedAndClearedButNeverBesideAnEmployee() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var elected = Requests.position("Wali Kota", unit: city.root, level: .unspecified, supervisor: 0)
      elected.elected = true
      let waliKota = try await admin.org.createPosition(elected)
      let named = try await admin.org.setOfficialHolder(Self.official(waliKota.id, "H. Wali Uji"))
      #expect(named.officialHolder == "H. Wali Uji")
      let replaced = try await admin.org.setOfficialHolder(Self.official(waliKota.id, "Hj. Wali Baru"))
      #expect(replaced.officialHolder == "Hj. Wali Baru")
      let cleared = try await admin.org.setOfficialHolder(Self.official(waliKota.id, ""))
      #expect(cleared.officialHolder.isEmpty)
      await expectStatus(.failedPrecondition, mentioning: ["is held by"]) {
        try await admin.org.setOfficialHolder(Self.official(city.sekda, "H. Wali Uji"))
      }
    }
  }

  @Test func aKepalaDinasSetThroughTheAPILeadsAndSetsTheBidangsPredikat() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let kadis = try await Performer.user(test, employee: city.holder(of: city.kadis))
      var period = Simpeg_V1_EvaluationPeriod()
      period.year = KinerjaCity.year
      period.kind = .tahunan
      try await expectRefusal(test, .permissionDenied, reason: .notTheLeaderAbove) {
        try await Evaluations.organisation(city.bidang, period, by: kadis)
      }
      _ = try await admin.org.setUnitHead(Self.head(city.dinas, city.kadis))
      let set = try await Evaluations.organisation(city.bidang, period, by: kadis)
      #expect(set.unitID == city.bidang)
    }
  }
}

extension OrgLeadershipTests {
  @Test func anElectedOfficeHasNoKindLevelOrEselon() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Requests.position(
        "Wali Kota", unit: city.root, level: .jptUtama, eselon: .ia, supervisor: 0)
      request.elected = true
      await expectStatus(.invalidArgument, mentioning: ["elected"]) {
        try await admin.org.createPosition(request)
      }
    }
  }
}
