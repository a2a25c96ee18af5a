import SimpegAPI
import SimpegKinerja
import SimpegStore
import Testing

@testable import SimpegServer

/// Mid-year changes: a transfer closes the SKP of the old position and opens one for the new;
/// the annual evaluation combines the year's SKPs weighted by months, with angka kredit counting
/// each part's months at its own level; pending reviews follow whoever acts now.
@Suite("Mid-year changes: a transfer in June")
struct MidYearTests {
  /// Last year: every month of it is past on any day the tests run.
  static var year: Int32 { KinerjaCity.year - 1 }

  static var annual: Simpeg_V1_EvaluationPeriod {
    var period = Evaluations.annual
    period.year = year
    return period
  }

  /// A vacant position of Bidang Dua under its Kabid, at `level`.
  static func vacancy(
    _ city: KinerjaCity, _ cast: Cast, title: String, level: Simpeg_V1_JabatanLevel
  ) async throws -> Simpeg_V1_Position {
    var request = Simpeg_V1_CreatePositionRequest()
    request.unitID = city.bidangDuaUnit
    request.title = title
    request.level = level
    request.supervisorPositionID = city.kabidDua.position
    return try await cast.admin.org.createPosition(request)
  }

  /// Transfers `seat`'s employee to `position` on 1 June of the year.
  static func transfer(_ seat: KinerjaCity.Seat, to position: UInt64, by cast: Cast) async throws {
    var request = Simpeg_V1_TransferEmployeeRequest()
    request.employeeID = seat.employee
    request.positionID = position
    request.effective = Simpeg_V1_Date(CalendarDate(year: Int(year), month: 6, day: 1)!)
    request.reason = "SK Mutasi 821/45"
    _ = try await Simpeg_V1_EmployeeService.Client(wrapping: cast.admin.rpc).transferEmployee(request)
  }

  static func skps(of employee: UInt64, _ performer: Performer) async throws -> (
    closed: Simpeg_V1_SKP, open: Simpeg_V1_SKP
  ) {
    var get = Simpeg_V1_GetSKPRequest()
    get.ownerYear.employeeID = employee
    get.ownerYear.year = year
    let open = try await performer.plan.getSKP(get)
    var previous = Simpeg_V1_GetSKPRequest()
    previous.skpID = open.previousSkpID
    return (try await performer.plan.getSKP(previous), open)
  }

  @Test func aJuneTransferClosesTheOldSKPAfterMayAndOpensOneForTheNewPosition() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast, year: Self.year)
      let target = try await Self.vacancy(city, cast, title: "Pengadministrasi Data", level: .levelPelaksana)
      try await Self.transfer(city.staff2, to: target.id, by: cast)
      let (closed, open) = try await Self.skps(of: city.staff2.employee, cast.staff2)
      #expect(closed.id == plans.staff2.id)
      #expect(closed.closed && closed.nextSkpID == open.id)
      #expect((closed.firstMonth, closed.lastMonth) == (1, 5))
      #expect((open.firstMonth, open.lastMonth) == (6, 12))
      #expect(open.positionID == target.id && open.status == .draft)
      #expect(open.evaluator.employeeID == city.kabidDua.employee)
    }
  }

  @Test func theAnnualEvaluationCombinesTheYearsSKPsAndCountsAngkaKreditAtEachLevel() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast, year: Self.year)
      let target = try await Self.vacancy(city, cast, title: "Analis Ahli Pertama", level: .ahliPertama)
      try await Self.transfer(city.fungsional, to: target.id, by: cast)
      let (closed, open) = try await Self.skps(of: city.fungsional.employee, cast.fungsional)
      var update = Simpeg_V1_UpdateSKPRequest()
      update.skpID = open.id
      update.version = open.version
      update.content = Plans.content(parents: [Plans.rhk(plans.kabidDua)])
      _ = try await cast.fungsional.plan.updateSKP(update)
      try await Plans.submit(open, by: cast.fungsional)
      try await Plans.approve(open, by: cast.kabidDua)

      try await Evaluations.organisation(city.bidangDuaUnit, Self.annual, by: cast.kadis)
      try await Evaluations.rate(
        city.other.employee, Self.annual, .diBawahEkspektasi, .sesuaiEkspektasi, by: cast.kabidDua)
      try await expectRefusal(test, .failedPrecondition, reason: .earlierSkpUnrated) {
        try await Evaluations.rate(
          city.fungsional.employee, Self.annual, .diAtasEkspektasi, .sesuaiEkspektasi, by: cast.kabidDua)
      }
      var request = Evaluations.rating(
        city.fungsional.employee, Self.annual, .diAtasEkspektasi, .sesuaiEkspektasi)
      var earlier = Simpeg_V1_SKPPartRating()
      earlier.skpID = closed.id
      earlier.hasilKerja = .diBawahEkspektasi
      earlier.perilaku = .sesuaiEkspektasi
      request.earlierSkps = [earlier]
      let rated = try await cast.kabidDua.evaluation.rateEmployee(request)
      // Hasil kerja (3 x 5 + 1 x 7) / 12 = 1.83: Sesuai is nearest; perilaku Sesuai: Baik.
      #expect(rated.parts.map(\.months) == [5, 7])
      #expect(rated.parts.map(\.predikat) == [.butuhPerbaikan, .baik])
      #expect(rated.hasilKerja == .sesuaiEkspektasi && rated.predikat == .baik)
      #expect(rated.months == 12)

      _ = try await Evaluations.finalise(city.bidangDuaUnit, Self.annual, by: cast.kabidDua)
      var get = Simpeg_V1_GetEvaluationRequest()
      get.evaluationID = rated.id
      let finalised = try await cast.fungsional.evaluation.getEvaluation(get)
      // Baik: Ahli Muda 25 x 5/12 + Ahli Pertama 12.5 x 7/12 = 10.417 + 7.292.
      #expect(finalised.angkaKredit == "17.708")
      #expect(finalised.parts.map(\.angkaKreditUnits).reduce(0, +) == finalised.angkaKreditUnits)
    }
  }

  @Test func aTransferDatedInsideAFinalisedPeriodIsRefusedAndChangesNothing() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast, year: Self.year)
      try await Evaluations.organisation(city.bidangUnit, Self.annual, by: cast.kadis)
      try await Evaluations.rateSeksi(
        city, cast, Self.annual, kasi: .diAtasEkspektasi, staff2: (.diBawahEkspektasi, .sesuaiEkspektasi))
      _ = try await Evaluations.finalise(city.bidangUnit, Self.annual, by: cast.kabid)
      let target = try await Self.vacancy(city, cast, title: "Pengadministrasi Data", level: .levelPelaksana)
      let refusal = try await expectRefusal(test, .failedPrecondition, reason: .transferInFinalisedPeriod) {
        try await Self.transfer(city.staff1, to: target.id, by: cast)
      }
      #expect(refusal?.field == "effective")
    }
  }

  @Test func pendingReviewsMoveToWhoeverActsForThePPKNow() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let activity = try await Activities.log(by: cast.staff1, plans.staff1)
      #expect(activity.evaluatorEmployeeID == city.kasi.employee)
      try await city.vacate(city.kasi, plt: city.kabidDua.employee, in: test)
      let moved = try await cast.kabidDua.activities.listPendingReviews(Simpeg_V1_ListPendingReviewsRequest())
      #expect(moved.activities.map(\.id) == [activity.id])
      #expect(try await InboxTests.kinds(cast.kabidDua) == [.activityToReview])
      let reviewed = try await Activities.review(activity, by: cast.kabidDua)
      #expect(reviewed.status == .approved)
    }
  }
}
