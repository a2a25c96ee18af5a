import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import Testing

@testable import SimpegServer

/// Who may act in the yearly cycle (PP 30/2019, PermenPANRB 6/2022, SE MenPANRB 3/2023): only
/// the PPK or the Plt or Plh of the PPK's position approves and rates, the leader of the unit
/// above sets a unit's predikat organisasi, a unit head's rating goes with the set above, and
/// every refusal carries its reason code and who could act instead.
@Suite("Who acts: the PPK, its Plt and Plh, the leader above")
struct WhoActsTests {
  /// A request for a Plh of `seat`'s position over `days` days from `first`.
  static func plh(
    _ seat: KinerjaCity.Seat, standIn: UInt64, from first: CalendarDate = Activities.today, days: Int = 3
  ) -> Simpeg_V1_AssignPlhRequest {
    var request = Simpeg_V1_AssignPlhRequest()
    request.positionID = seat.position
    request.employeeID = standIn
    request.firstDay = Simpeg_V1_Date(first)
    request.lastDay = Simpeg_V1_Date(first.adding(days: days - 1))
    request.reason = "Surat Perintah 800/12"
    return request
  }

  /// Staff One's SKP, submitted and waiting for its PPK (the Kasi).
  static func submittedStaffSKP(_ city: KinerjaCity, _ cast: Cast) async throws -> Simpeg_V1_SKP {
    let (kasi, _) = try await Plans.topDown(city, cast)
    let created = try await cast.staff1.plan.createSKP(
      Plans.create(content: Plans.content(parents: [Plans.rhk(kasi)])))
    return try await Plans.submit(created, by: cast.staff1)
  }

  @Test func aSupervisorAboveThePPKIsRefusedAndToldWhoMayApprove() async throws {
    try await withKinerjaCity { test, city, cast in
      let skp = try await Self.submittedStaffSKP(city, cast)
      let refusal = try await expectRefusal(test, .permissionDenied, reason: .notTheEvaluator) {
        try await Plans.approve(skp, by: cast.kabid)
      }
      #expect(refusal?.mayAct.map(\.employeeID) == [city.kasi.employee])
      #expect(refusal?.mayAct.first?.positionID == city.kasi.position)
    }
  }

  @Test func nobodyApprovesTheirOwnSKPEvenAsThePltAbove() async throws {
    try await withKinerjaCity { test, city, cast in
      let skp = try await Self.submittedStaffSKP(city, cast)
      try await city.vacate(city.kasi, plt: city.staff1.employee, in: test)
      try await expectRefusal(test, .permissionDenied, reason: .ownRecord) {
        try await Plans.approve(skp, by: cast.staff1)
      }
    }
  }

  @Test func thePltOfAVacantPPKPositionApproves() async throws {
    try await withKinerjaCity { test, city, cast in
      let skp = try await Self.submittedStaffSKP(city, cast)
      try await city.vacate(city.kasi, plt: city.staff2.employee, in: test)
      let approved = try await Plans.approve(skp, by: cast.staff2)
      #expect(approved.status == .approved)
    }
  }

  @Test func aPlhRatesWhileTheHolderIsAwayAndNotAfterTheRangeEnds() async throws {
    let clock = TestClock()
    try await withKinerjaCity(configure: { $0.clock = clock.wib }) { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      let plh = try await cast.admin.org.assignPlh(
        Self.plh(city.kasi, standIn: city.fungsional.employee, days: 2))
      #expect(plh.holderEmployeeID == city.kasi.employee)
      let rated = try await Evaluations.rate(
        city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.fungsional)
      #expect(rated.ratedByEmployeeID == city.fungsional.employee)
      clock.set(Activities.today.adding(days: 2), hour: 9)
      let refusal = try await expectRefusal(test, .permissionDenied, reason: .notTheEvaluator) {
        try await Evaluations.rate(
          city.staff2.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.fungsional
        )
      }
      #expect(refusal?.mayAct.contains { $0.plh } == false)
    }
  }

  @Test func theHolderStillActsBesideTheirPlh() async throws {
    try await withKinerjaCity { test, city, cast in
      let skp = try await Self.submittedStaffSKP(city, cast)
      _ = try await cast.admin.org.assignPlh(Self.plh(city.kasi, standIn: city.staff2.employee))
      let approved = try await Plans.approve(skp, by: cast.kasi)
      #expect(approved.status == .approved)
    }
  }

  @Test func aRefusalNamesThePlhOfTheDayAmongWhoMayAct() async throws {
    try await withKinerjaCity { test, city, cast in
      let skp = try await Self.submittedStaffSKP(city, cast)
      _ = try await cast.admin.org.assignPlh(Self.plh(city.kasi, standIn: city.staff2.employee))
      let refusal = try await expectRefusal(test, .permissionDenied, reason: .notTheEvaluator) {
        try await Plans.approve(skp, by: cast.kadis)
      }
      let plh = refusal?.mayAct.first { $0.plh }
      #expect(plh?.employeeID == city.staff2.employee)
      #expect(refusal?.mayAct.count == 2)
    }
  }

  @Test func aPlhReadsTheRecordsItActsOnOnlyWhileStandingIn() async throws {
    try await withKinerjaCity { test, city, cast in
      let skp = try await Self.submittedStaffSKP(city, cast)
      var get = Simpeg_V1_GetSKPRequest()
      get.skpID = skp.id
      await expectStatus(.permissionDenied) { try await cast.kabidDua.plan.getSKP(get) }
      _ = try await cast.admin.org.assignPlh(Self.plh(city.kasi, standIn: city.kabidDua.employee))
      #expect(try await cast.kabidDua.plan.getSKP(get).id == skp.id)
    }
  }

  @Test func theSKPsWaitingForAPPKAreListedToThePlhStandingInPageByPage() async throws {
    try await withKinerjaCity { test, city, cast in
      let (kasiSKP, _) = try await Plans.topDown(city, cast)
      var submitted: [UInt64] = []
      for member in [cast.staff1, cast.staff2] {
        let created = try await member.plan.createSKP(
          Plans.create(content: Plans.content(parents: [Plans.rhk(kasiSKP)])))
        submitted.append(try await Plans.submit(created, by: member).id)
      }
      var waiting = Simpeg_V1_ListSKPsRequest()
      waiting.status = .submitted
      #expect(try await cast.kabidDua.plan.listSKPs(waiting).skps.isEmpty)
      _ = try await cast.admin.org.assignPlh(Self.plh(city.kasi, standIn: city.kabidDua.employee))
      waiting.page.pageSize = 1
      var listed: [UInt64] = []
      for _ in 0..<4 {
        let page = try await cast.kabidDua.plan.listSKPs(waiting)
        listed += page.skps.map(\.id)
        waiting.page.pageToken = page.page.nextPageToken
        if waiting.page.pageToken.isEmpty { break }
      }
      #expect(listed == submitted.sorted())
      #expect(waiting.page.pageToken.isEmpty)
      waiting.page = Simpeg_V1_PageRequest()
      #expect(try await cast.kasi.plan.listSKPs(waiting).skps.map(\.id) == submitted.sorted())
    }
  }

  @Test func aForgedActingPageTokenIsRefusedAsInvalid() async throws {
    try await withKinerjaCity { test, city, cast in
      var request = Simpeg_V1_ListSKPsRequest()
      request.page.pageToken = "acting.x"
      await expectStatus(.invalidArgument) { try await cast.kasi.plan.listSKPs(request) }
    }
  }

  @Test func aPlhForAVacantPositionIsRefusedAsAPltsJob() async throws {
    try await withKinerjaCity { test, city, cast in
      try await city.vacate(city.kabid, in: test)
      try await expectRefusal(test, .failedPrecondition, reason: .plhPositionVacant) {
        _ = try await cast.admin.org.assignPlh(Self.plh(city.kabid, standIn: city.kasi.employee))
      }
    }
  }

  @Test func theHolderCannotBeTheirOwnPlh() async throws {
    _ = try await withKinerjaCity { test, city, cast in
      try await expectRefusal(test, .failedPrecondition, reason: .plhIsTheHolder) {
        _ = try await cast.admin.org.assignPlh(Self.plh(city.kasi, standIn: city.kasi.employee))
      }
    }
  }

  @Test func aPlhOverlappingAnotherOfThePositionIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await cast.admin.org.assignPlh(Self.plh(city.kasi, standIn: city.staff2.employee, days: 5))
      let refusal = try await expectRefusal(test, .failedPrecondition, reason: .plhOverlap) {
        _ = try await cast.admin.org.assignPlh(
          Self.plh(city.kasi, standIn: city.staff1.employee, from: Activities.today.adding(days: 4)))
      }
      #expect(refusal?.field == "first_day")
    }
  }

  @Test(arguments: [(-3, 2), (2, -1)])
  func aPlhRangeThatEndsInThePastOrBeforeItBeginsIsRefused(start: Int, length: Int) async throws {
    try await withKinerjaCity { test, city, cast in
      let request = Self.plh(
        city.kasi, standIn: city.staff2.employee, from: Activities.today.adding(days: start), days: length)
      let code: StatusCode = length < 1 ? .invalidArgument : .failedPrecondition
      let refusal = try await expectRefusal(test, code, reason: .plhRange) {
        _ = try await cast.admin.org.assignPlh(request)
      }
      #expect(refusal?.field == "last_day")
    }
  }

  @Test func endingAPlhThatHasNotBegunCancelsItAndItIsNoLongerListed() async throws {
    try await withKinerjaCity { test, city, cast in
      let plh = try await cast.admin.org.assignPlh(
        Self.plh(city.kasi, standIn: city.staff2.employee, from: Activities.today.adding(days: 3)))
      var end = Simpeg_V1_EndPlhRequest()
      end.plhID = plh.id
      let ended = try await cast.admin.org.endPlh(end)
      #expect(ended.cancelled)
      var list = Simpeg_V1_ListPlhRequest()
      list.positionID = city.kasi.position
      #expect(try await cast.admin.org.listPlh(list).plhs.isEmpty)
      list.includePast = true
      #expect(try await cast.admin.org.listPlh(list).plhs.map(\.id) == [plh.id])
    }
  }

  @Test func endingAPlhLaterThanItEndsIsAFailedPreconditionNamingTheLastDay() async throws {
    try await withKinerjaCity { test, city, cast in
      let plh = try await cast.admin.org.assignPlh(
        Self.plh(city.kasi, standIn: city.staff2.employee, days: 2))
      var end = Simpeg_V1_EndPlhRequest()
      end.plhID = plh.id
      end.lastDay = Simpeg_V1_Date(Activities.today.adding(days: 10))
      let refusal = try await expectRefusal(test, .failedPrecondition, reason: .plhRange) {
        _ = try await cast.admin.org.endPlh(end)
      }
      #expect(refusal?.field == "last_day")
    }
  }

  @Test func theEvaluatorChainShowsThePlhOnTheDaysTheyStandIn() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await cast.admin.org.assignPlh(Self.plh(city.kasi, standIn: city.staff2.employee, days: 2))
      var request = Simpeg_V1_GetEvaluatorChainRequest()
      request.positionID = city.staff1.position
      let today = try await cast.admin.org.getEvaluatorChain(request)
      #expect(today.evaluator.employeeID == city.kasi.employee)
      #expect(today.evaluator.plh.employeeID == city.staff2.employee)
      request.on = Simpeg_V1_Date(Activities.today.adding(days: 2))
      let later = try await cast.admin.org.getEvaluatorChain(request)
      #expect(!later.evaluator.hasPlh)
    }
  }

  @Test func aUnitsPredikatIsSetByTheLeaderOfTheUnitAbove() async throws {
    try await withKinerjaCity { test, city, cast in
      let refusal = try await expectRefusal(test, .permissionDenied, reason: .notTheLeaderAbove) {
        try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kasi)
      }
      #expect(refusal?.mayAct.map(\.employeeID) == [city.kabid.employee])
      let set = try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      #expect(set.unitID == city.seksiUnit)
    }
  }

  @Test func aPerangkatDaerahsPredikatIsEnteredByBKPSDMForTheWaliKota() async throws {
    try await withKinerjaCity { test, city, cast in
      let refusal = try await expectRefusal(test, .permissionDenied, reason: .notTheLeaderAbove) {
        try await Evaluations.organisation(city.dinasUnit, Evaluations.quarter, by: cast.kadis)
      }
      #expect(refusal?.mayAct.first?.official == true)
      let set = try await Evaluations.organisation(city.dinasUnit, Evaluations.quarter, by: cast.admin)
      #expect(set.unitID == city.dinasUnit)
    }
  }

  @Test func aUnitHeadIsRatedUnderTheCurveOfTheUnitAbove() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      try await expectRefusal(test, .failedPrecondition, containing: "organisation first") {
        try await Evaluations.rate(
          city.kasi.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kabid)
      }
      try await Evaluations.organisation(city.bidangUnit, Evaluations.quarter, by: cast.kadis)
      let kasi = try await Evaluations.rate(
        city.kasi.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kabid)
      #expect(kasi.organisationUnitID == city.bidangUnit)
      let staff = try await Evaluations.rate(
        city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      #expect(staff.organisationUnitID == city.seksiUnit)
    }
  }

  @Test func theSeksiSetNeitherWaitsForNorHoldsItsHeadsRating() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      for seat in [city.staff1, city.staff2, city.fungsional] {
        try await Evaluations.rate(
          seat.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      }
      var check = Simpeg_V1_CheckDistributionRequest()
      check.unitID = city.seksiUnit
      check.period = Evaluations.quarter
      let report = try await cast.kasi.evaluation.checkDistribution(check)
      #expect(report.rated == 3)
      #expect(report.unratedEmployeeIds.isEmpty)
    }
  }

  @Test func aPlhOfTheHeadCannotFinaliseASetHoldingTheirOwnRating() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, .baik, by: cast.kabid)
      try await Evaluations.rate(
        city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      try await Evaluations.rate(
        city.staff2.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      try await Evaluations.rate(
        city.fungsional.employee, Evaluations.quarter, .diBawahEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      _ = try await cast.admin.org.assignPlh(Self.plh(city.kasi, standIn: city.staff2.employee))
      let refusal = try await expectRefusal(test, .permissionDenied, reason: .ownRatingInSet) {
        _ = try await Evaluations.finalise(city.seksiUnit, Evaluations.quarter, by: cast.staff2)
      }
      #expect(refusal?.mayAct.map(\.employeeID).contains(city.kabid.employee) == true)
      let finalised = try await Evaluations.finalise(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      #expect(finalised.finalised == 3)
    }
  }

  @Test func someoneOutsideTheUnitAndTheUnitAboveCannotFinalise() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      try await expectRefusal(test, .permissionDenied, reason: .notTheUnitLeader) {
        _ = try await Evaluations.finalise(city.seksiUnit, Evaluations.quarter, by: cast.kabidDua)
      }
    }
  }

  @Test func aPredikatThatWouldMoveRatingsAlreadyGivenIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.bidangUnit, Evaluations.quarter, by: cast.kadis)
      try await Evaluations.rate(
        city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      try await expectRefusal(test, .failedPrecondition, containing: "organisation first") {
        try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      }
    }
  }
}
