import SimpegAPI
import SimpegKinerja
import SimpegRPC
import Testing

@testable import SimpegServer

@Suite("PlanService: SKP planning, cascade and approval")
struct PlanServiceTests {
  /// Approves the SKPs from the Wali Kota down to the Kasi.
  @Test func createdSKPNamesTheEvaluatorAndTheAtasanFromThePositionTree() async throws {
    try await withKinerjaCity { test, city, cast in
      let skp = try await cast.staff1.plan.createSKP(Plans.create(content: Plans.content(parents: [])))
      #expect(skp.status == .draft)
      #expect(skp.version == 1)
      #expect(skp.evaluator.employeeID == city.kasi.employee)
      #expect(skp.evaluator.positionID == city.kasi.position)
      #expect(skp.atasan.employeeID == city.kabid.employee)
      #expect(skp.firstMonth == 1 && skp.lastMonth == 12)
      // The evaluator's identity as the printed form needs it, which the owner may not read
      // from the evaluator's own record.
      let kasi = try #require(
        try test.daemon.store.read { try Tables.employees.get(city.kasi.employee, in: $0) })
      let unit = try await cast.admin.org.getUnit(.with { $0.unitID = kasi.unitID })
      #expect(!skp.evaluator.nip.isEmpty && skp.evaluator.nip == kasi.nip)
      #expect(skp.evaluator.golongan == kasi.golongan)
      #expect(!skp.evaluator.unitName.isEmpty && skp.evaluator.unitName == unit.name)
    }
  }

  @Test func aVacantSupervisingPostFallsThroughToTheNextHolder() async throws {
    try await withKinerjaCity { test, city, cast in
      try await city.vacate(city.kasi, in: test)
      let skp = try await cast.staff1.plan.createSKP(Plans.create(content: Plans.content(parents: [])))
      #expect(skp.evaluator.employeeID == city.kabid.employee)
      #expect(skp.atasan.employeeID == city.kadis.employee)
    }
  }

  @Test func thePltOfAVacantPostEvaluates() async throws {
    try await withKinerjaCity { test, city, cast in
      try await city.vacate(city.kasi, plt: city.kabidDua.employee, in: test)
      let skp = try await cast.staff1.plan.createSKP(Plans.create(content: Plans.content(parents: [])))
      #expect(skp.evaluator.employeeID == city.kabidDua.employee)
      #expect(skp.evaluator.acting)
    }
  }

  @Test func theSekdasEvaluatorIsTheWaliKotaAsAnElectedOfficial() async throws {
    try await withKinerjaCity { test, city, cast in
      let skp = try await cast.sekda.plan.createSKP(
        Plans.create(content: Plans.content(parents: [], jpt: true)))
      #expect(skp.evaluator.official)
      #expect(skp.evaluator.name == "H. Wali Uji")
      #expect(!skp.hasAtasan)
    }
  }

  @Test func anRHKNamingAnRHKOutsideTheEvaluatorsSKPIsRefusedAndNothingChanges() async throws {
    try await withKinerjaCity { test, city, cast in
      let (_, kabid) = try await Plans.topDown(city, cast)
      // staff1's evaluator is the Kasi; the Kabid's RHK is not the Kasi's.
      try await expectRefusal(test, .invalidArgument, containing: "rule: RHK cascade") {
        _ = try await cast.staff1.plan.createSKP(
          Plans.create(content: Plans.content(parents: [Plans.rhk(kabid)])))
      }
    }
  }

  @Test func anRHKOfAPositionCreatedWithoutSupervisorNamingAParentSaysThePositionLacksOne() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasi, _) = try await Plans.topDown(city, cast)
      try await city.change(city.staff1, in: test) { $0.supervisorPositionID = 0 }
      try await expectRefusal(
        test, .invalidArgument,
        containing: "position \(city.staff1.position) (Staf Satu) has no supervising position"
      ) {
        _ = try await cast.staff1.plan.createSKP(
          Plans.create(content: Plans.content(parents: [Plans.rhk(kasi)])))
      }
    }
  }

  @Test func anRHKNamingTheEvaluatorsRHKOfAnotherYearIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasi, _) = try await Plans.topDown(city, cast)
      try await expectRefusal(test, .invalidArgument, containing: "not of \(KinerjaCity.year + 1)") {
        _ = try await cast.staff1.plan.createSKP(
          Plans.create(year: KinerjaCity.year + 1, content: Plans.content(parents: [Plans.rhk(kasi)])))
      }
    }
  }

  @Test func aHasilKerjaUtamaNeedsTheEvaluatorsApprovedSKP() async throws {
    try await withKinerjaCity { test, city, cast in
      let draft = try await cast.kasi.plan.createSKP(
        Plans.create(content: Plans.content(parents: [0], kind: .tambahan)))
      try await expectRefusal(test, .failedPrecondition, containing: "must be approved first") {
        _ = try await cast.staff1.plan.createSKP(
          Plans.create(content: Plans.content(parents: [Plans.rhk(draft)])))
      }
    }
  }

  @Test func aHasilKerjaUtamaWithoutParentIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await Plans.topDown(city, cast)
      try await expectRefusal(test, .invalidArgument, containing: "RHK pimpinan yang diintervensi") {
        _ = try await cast.staff1.plan.createSKP(Plans.create(content: Plans.content(parents: [0])))
      }
    }
  }

  @Test func aKualitatifSKPMeasuresEachIKIByANarrativeAndHasNoRealisationFigure() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasi, _) = try await Plans.topDown(city, cast)
      var content = Plans.content(parents: [Plans.rhk(kasi)], approach: .kualitatif)
      content.rhks[0].ikis[0].narrativeMeasure = ""
      try await expectRefusal(test, .invalidArgument, containing: "narrative_measure is required") {
        _ = try await cast.staff1.plan.createSKP(Plans.create(content: content))
      }
      let skp = try await Plans.approved(
        Plans.create(content: Plans.content(parents: [Plans.rhk(kasi)], approach: .kualitatif)),
        owner: cast.staff1, approver: cast.kasi)
      var request = Simpeg_V1_GetRealisationRequest()
      request.skpID = skp.id
      let realisation = try await cast.staff1.activities.getRealisation(request)
      #expect(realisation.rhks.map(\.notMeasured.isEmpty) == [false])
    }
  }

  @Test func oneSKPPerEmployeeAndYear() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await cast.staff1.plan.createSKP(Plans.create(content: Plans.content(parents: [])))
      try await expectRefusal(test, .alreadyExists, containing: "one per year") {
        _ = try await cast.staff1.plan.createSKP(Plans.create(content: Plans.content(parents: [])))
      }
    }
  }

  @Test func anEmployeeCreatesOnlyTheirOwnSKP() async throws {
    try await withKinerjaCity { test, city, cast in
      var request = Plans.create(content: Plans.content(parents: []))
      request.employeeID = city.staff1.employee
      try await expectRefusal(test, .permissionDenied, containing: "rule: the owner plans") {
        _ = try await cast.kasi.plan.createSKP(request)
      }
    }
  }

  @Test func aJPTsRHKsNeedAPerspective() async throws {
    try await withKinerjaCity { test, city, cast in
      try await expectRefusal(test, .invalidArgument, containing: "perspective is required") {
        _ = try await cast.sekda.plan.createSKP(
          Plans.create(content: Plans.content(parents: [0], jpt: false)))
      }
    }
  }

  @Test func submittingNeedsTheExpectationOfEveryBerAKHLAKValue() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasi, _) = try await Plans.topDown(city, cast)
      var content = Plans.content(parents: [Plans.rhk(kasi)])
      content.expectations.removeLast(2)
      let skp = try await cast.staff1.plan.createSKP(Plans.create(content: content))
      try await expectRefusal(test, .failedPrecondition, containing: "missing: Adaptif, Kolaboratif") {
        try await Plans.submit(skp, by: cast.staff1)
      }
    }
  }

  @Test func anApprovedSKPIsFrozenAndAnEditIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasi, _) = try await Plans.topDown(city, cast)
      var request = Simpeg_V1_UpdateSKPRequest()
      request.skpID = kasi.id
      request.version = kasi.version
      request.content = kasi.content
      try await expectRefusal(test, .failedPrecondition, containing: "frozen") {
        _ = try await cast.kasi.plan.updateSKP(request)
      }
    }
  }

  @Test func onlyThePPKApprovesAndNobodyApprovesTheirOwn() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasi, _) = try await Plans.topDown(city, cast)
      let skp = try await cast.staff1.plan.createSKP(
        Plans.create(content: Plans.content(parents: [Plans.rhk(kasi)])))
      try await Plans.submit(skp, by: cast.staff1)
      for outsider in [cast.kabidDua, cast.kabid, cast.admin] {
        try await expectRefusal(test, .permissionDenied, reason: .notTheEvaluator) {
          try await Plans.approve(skp, by: outsider)
        }
      }
      try await expectRefusal(test, .permissionDenied, reason: .ownRecord) {
        try await Plans.approve(skp, by: cast.staff1)
      }
      let approved = try await Plans.approve(skp, by: cast.kasi)
      #expect(approved.status == .approved)
      #expect(approved.inForceVersion == 1)
    }
  }

  @Test func aReturnNeedsANoteAndTheOwnerEditsAndResubmits() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasi, _) = try await Plans.topDown(city, cast)
      let skp = try await cast.staff1.plan.createSKP(
        Plans.create(content: Plans.content(parents: [Plans.rhk(kasi)])))
      try await Plans.submit(skp, by: cast.staff1)
      var giveBack = Simpeg_V1_ReturnSKPRequest()
      giveBack.skpID = skp.id
      giveBack.version = 1
      try await expectRefusal(test, .invalidArgument, containing: "needs a note") {
        _ = try await cast.kasi.plan.returnSKP(giveBack)
      }
      giveBack.note = "Targetnya terlalu rendah"
      let returned = try await cast.kasi.plan.returnSKP(giveBack)
      #expect(returned.status == .returned)
      #expect(returned.returnNote == "Targetnya terlalu rendah")
      var edit = Simpeg_V1_UpdateSKPRequest()
      edit.skpID = skp.id
      edit.version = 1
      edit.content = returned.content
      edit.content.rhks[0].ikis[0].targetValue = 240
      let edited = try await cast.staff1.plan.updateSKP(edit)
      #expect(edited.content.rhks[0].id == skp.content.rhks[0].id)
      #expect(edited.content.rhks[0].ikis[0].targetValue == 240)
      try await Plans.submit(edited, by: cast.staff1)
      #expect(try await Plans.approve(edited, by: cast.kasi).status == .approved)
    }
  }

  @Test func aRevisionNeedsAReasonAndTheApprovedVersionStaysInForceUntilTheNewOneIsApproved() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasi, _) = try await Plans.topDown(city, cast)
      var revise = Simpeg_V1_ReviseSKPRequest()
      revise.skpID = kasi.id
      try await expectRefusal(test, .invalidArgument, containing: "needs a reason") {
        _ = try await cast.kasi.plan.reviseSKP(revise)
      }
      revise.reason = "Tambahan penugasan dari Kepala Bidang"
      let draft = try await cast.kasi.plan.reviseSKP(revise)
      #expect(draft.version == 2)
      #expect(draft.status == .draft)
      #expect(draft.inForceVersion == 1)
      #expect(draft.content.rhks.map(\.id) == kasi.content.rhks.map(\.id))
      try await Plans.submit(draft, by: cast.kasi)
      try await Plans.approve(draft, by: cast.kabid)
      var versions = Simpeg_V1_ListSKPVersionsRequest()
      versions.skpID = kasi.id
      let history = try await cast.kasi.plan.listSKPVersions(versions).versions
      #expect(history.map(\.status) == [.superseded, .approved])
      #expect(history.map(\.inForceVersion) == [2, 2])
      #expect(history[1].revisionReason == "Tambahan penugasan dari Kepala Bidang")
    }
  }

  @Test func approvingARevisionThatDropsASupportedRHKIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasi, _) = try await Plans.topDown(city, cast)
      try await Plans.approved(
        Plans.create(content: Plans.content(parents: [Plans.rhk(kasi)])), owner: cast.staff1,
        approver: cast.kasi)
      var revise = Simpeg_V1_ReviseSKPRequest()
      revise.skpID = kasi.id
      revise.reason = "Mengganti RHK"
      let draft = try await cast.kasi.plan.reviseSKP(revise)
      var edit = Simpeg_V1_UpdateSKPRequest()
      edit.skpID = kasi.id
      edit.version = 2
      edit.content = draft.content
      edit.content.rhks[0].id = 0
      edit.content.rhks[0].ikis[0].id = 0
      let edited = try await cast.kasi.plan.updateSKP(edit)
      try await Plans.submit(edited, by: cast.kasi)
      try await expectRefusal(test, .failedPrecondition, containing: "drops RHK \(Plans.rhk(kasi))") {
        try await Plans.approve(edited, by: cast.kabid)
      }
    }
  }

  @Test func theCascadeOfAUnitRunsFromItsHeadDownToEveryStaffMember() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      var request = Simpeg_V1_GetCascadeRequest()
      request.unitID = city.dinasUnit
      request.year = KinerjaCity.year
      let cascade = try await cast.kadis.plan.getCascade(request)
      let rows = cascade.nodes.map { ($0.depth, $0.rhk.id) }
      let expected: [(UInt32, UInt64)] = [
        (0, Plans.rhk(plans.kadis)), (1, Plans.rhk(plans.kabid)), (2, Plans.rhk(plans.kasi)),
        (3, Plans.rhk(plans.staff1)), (3, Plans.rhk(plans.staff2)), (3, Plans.rhk(plans.fungsional)),
        (0, Plans.rhk(plans.kadis, 1)), (1, Plans.rhk(plans.kabidDua)), (2, Plans.rhk(plans.other)),
      ]
      #expect(rows.map(\.0) == expected.map(\.0))
      #expect(rows.map(\.1) == expected.map(\.1))
      #expect(cascade.employeesWithoutApprovedSkp.isEmpty)
    }
  }

  @Test func theCascadeOfAUnitIsHiddenFromStaffBelowItsHead() async throws {
    try await withKinerjaCity { test, city, cast in
      var request = Simpeg_V1_GetCascadeRequest()
      request.unitID = city.dinasUnit
      request.year = KinerjaCity.year
      let seenByAuditor = try await cast.auditor.plan.getCascade(request)
      #expect(seenByAuditor.nodes.isEmpty)
      try await expectRefusal(test, .permissionDenied, containing: "only its leader and those above") {
        _ = try await cast.staff1.plan.getCascade(request)
      }
    }
  }

  @Test func anEmployeeReadsTheirEvaluatorsSKPForTheCascadeButNoOtherAbove() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasi, kabid) = try await Plans.topDown(city, cast)
      var request = Simpeg_V1_GetSKPRequest()
      request.skpID = kasi.id
      // Without an SKP of the year evaluated by the Kasi, the Kasi's SKP is not theirs to read.
      try await expectRefusal(test, .permissionDenied, containing: "your evaluator's of the same year") {
        _ = try await cast.staff1.plan.getSKP(request)
      }
      _ = try await cast.staff1.plan.createSKP(
        Plans.create(content: Plans.content(parents: [Plans.rhk(kasi)])))
      #expect(
        try await cast.staff1.plan.getSKP(request).content.rhks.map(\.id) == kasi.content.rhks.map(\.id))
      request.skpID = kabid.id
      try await expectRefusal(test, .permissionDenied, containing: "your evaluator's of the same year") {
        _ = try await cast.staff1.plan.getSKP(request)
      }
    }
  }

  @Test func anEmployeeReadsTheirSKPAndSomeoneOutsideTheChainDoesNot() async throws {
    try await withKinerjaCity { test, city, cast in
      let skp = try await cast.staff1.plan.createSKP(Plans.create(content: Plans.content(parents: [])))
      var request = Simpeg_V1_GetSKPRequest()
      request.skpID = skp.id
      #expect(try await cast.staff1.plan.getSKP(request).id == skp.id)
      #expect(try await cast.kabid.plan.getSKP(request).id == skp.id)
      do {
        _ = try await cast.other.plan.getSKP(request)
        Issue.record("someone outside the chain read the SKP")
      } catch let error as RPCError {
        #expect(error.code == .permissionDenied)
      }
      request.skpID = 999_999
      do {
        _ = try await cast.other.plan.getSKP(request)
        Issue.record("an unknown SKP was found")
      } catch let error as RPCError {
        #expect(error.code == .permissionDenied)
      }
    }
  }
}
