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

  static func supervisor(_ position: UInt64, _ supervisor: UInt64) -> Simpeg_V1_SetPositionSupervisorRequest {
    var request = Simpeg_V1_SetPositionSupervisorRequest()
    request.positionID = position
    request.supervisorPositionID = supervisor
    return request
  }

  static func chain(_ position: UInt64) -> Simpeg_V1_GetEvaluatorChainRequest {
    var request = Simpeg_V1_GetEvaluatorChainRequest()
    request.positionID = position
    return request
  }

  @Test func aPositionsSupervisorIsChangedAndClearedAndTheEvaluatorChainFollowsAtOnce() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      #expect(try await admin.org.getEvaluatorChain(Self.chain(city.staf)).evaluator.positionID == city.kasi)
      // A reorganisation: the staff position now answers to the Kabid.
      let moved = try await admin.org.setPositionSupervisor(Self.supervisor(city.staf, city.kabid))
      #expect(moved.supervisorPositionID == city.kabid)
      let chain = try await admin.org.getEvaluatorChain(Self.chain(city.staf))
      #expect(chain.evaluator.positionID == city.kabid)
      #expect(chain.evaluator.employeeID == city.holder(of: city.kabid))
      #expect(chain.atasan.positionID == city.kadis)
      let audit = try test.daemon.store.read { try Tables.audit.scan(in: $0, direction: .reverse, limit: 1) }
      #expect(audit.first?.value.method == "simpeg.v1.OrgService/SetPositionSupervisor")
      #expect(audit.first?.value.targets == ["position:\(city.staf)", "position:\(city.kabid)"])
      // Cleared: nobody is above it any more.
      let cleared = try await admin.org.setPositionSupervisor(Self.supervisor(city.staf, 0))
      #expect(cleared.supervisorPositionID == 0)
      #expect(try await admin.org.getEvaluatorChain(Self.chain(city.staf)).steps.isEmpty)
    }
  }

  @Test func aSupervisorBelowThePositionOrThePositionItselfIsRefusedAndChangesNothing() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["below", "loop"]) {
        try await admin.org.setPositionSupervisor(Self.supervisor(city.kadis, city.kasi))
      }
      await expectStatus(.invalidArgument, mentioning: ["supervisor_position_id", "itself"]) {
        try await admin.org.setPositionSupervisor(Self.supervisor(city.kabid, city.kabid))
      }
      await expectStatus(.notFound, mentioning: ["supervisor_position_id"]) {
        try await admin.org.setPositionSupervisor(Self.supervisor(city.kabid, 999_999))
      }
      #expect(try test.fingerprint() == before)
      let kadis = try await test.user(employeeID: city.holder(of: city.kadis))
      await expectStatus(.permissionDenied) {
        try await kadis.org.setPositionSupervisor(Self.supervisor(city.staf, city.kabid))
      }
    }
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
