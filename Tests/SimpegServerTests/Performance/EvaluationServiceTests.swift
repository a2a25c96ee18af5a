import SimpegAPI
import SimpegKinerja
import SimpegStore
import Testing

@testable import SimpegServer

@Suite("EvaluationService: ratings, the curve, finalisation and angka kredit")
struct EvaluationServiceTests {
  @Test func theRatingsGiveThePredikatOfTheMatrix() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      let ratings: [Simpeg_V1_Rating] = [.diAtasEkspektasi, .sesuaiEkspektasi, .diBawahEkspektasi]
      for hasilKerja in ratings {
        for perilaku in ratings {
          let evaluation = try await Evaluations.rate(
            city.staff1.employee, Evaluations.quarter, hasilKerja, perilaku, by: cast.kasi)
          let expected = Predikat(
            hasilKerja: Rating(rawValue: hasilKerja.rawValue)!, perilaku: Rating(rawValue: perilaku.rawValue)!
          )
          #expect(evaluation.predikat.rawValue == expected.rawValue, "\(hasilKerja) x \(perilaku)")
          #expect(evaluation.status == .rated)
        }
      }
      let evaluations = try test.daemon.store.read { try Tables.evaluations.count(in: $0) }
      #expect(evaluations == 1)
    }
  }

  @Test func ratingSomeoneWhosePPKYouAreNotIsRefusedNamingTheRule() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      for outsider in [cast.kabidDua, cast.kabid] {
        try await expectRefusal(test, .permissionDenied, reason: .notTheEvaluator) {
          try await Evaluations.rate(
            city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: outsider)
        }
      }
      try await expectRefusal(test, .permissionDenied, reason: .ownRecord) {
        try await Evaluations.rate(
          city.staff1.employee, Evaluations.quarter, .diAtasEkspektasi, .diAtasEkspektasi, by: cast.staff1)
      }
    }
  }

  @Test func aRatingCodeOutOfRangeIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      try await expectRefusal(test, .invalidArgument, containing: "hasil_kerja code 7 is out of range") {
        try await Evaluations.rate(
          city.staff1.employee, Evaluations.quarter, .UNRECOGNIZED(7), .sesuaiEkspektasi, by: cast.kasi)
      }
      try await expectRefusal(test, .invalidArgument, containing: "perilaku is required") {
        try await Evaluations.rate(
          city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .unspecified, by: cast.kasi)
      }
    }
  }

  @Test func employeesAreRatedOnlyAfterTheOrganisationsPredikatIsSet() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await expectRefusal(test, .failedPrecondition, containing: "organisation first") {
        try await Evaluations.rate(
          city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      }
    }
  }

  @Test func onlyTheLeaderAboveSetsAUnitsPredikatOrganisasi() async throws {
    try await withKinerjaCity { test, city, cast in
      try await expectRefusal(test, .permissionDenied, containing: "organisation first") {
        try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.staff1)
      }
    }
  }

  @Test func aPredikatOrganisasiBelowAnotherTakesItsUnitsPeopleUnderItsOwnCurve() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.dinasUnit, Evaluations.quarter, by: cast.admin)
      try await Evaluations.organisation(city.bidangUnit, Evaluations.quarter, by: cast.kadis)
      let staff = try await Evaluations.rate(
        city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      #expect(staff.organisationUnitID == city.bidangUnit)
      let other = try await Evaluations.rate(
        city.other.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kabidDua)
      #expect(other.organisationUnitID == city.dinasUnit)
      let kabid = try await Evaluations.rate(
        city.kabid.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kadis)
      #expect(kabid.organisationUnitID == city.dinasUnit)
    }
  }

  @Test func aPeriodicEvaluationFollowsTheKindChosenForTheYear() async throws {
    try await withKinerjaCity { test, city, cast in
      var month = Evaluations.quarter
      month.kind = .bulanan
      month.number = UInt32(Activities.today.month)
      try await expectRefusal(test, .failedPrecondition, containing: "is triwulan, not bulanan") {
        try await Evaluations.organisation(city.seksiUnit, month, by: cast.kabid)
      }
      var choose = Simpeg_V1_SetPeriodKindRequest()
      choose.year = KinerjaCity.year
      choose.kind = .bulanan
      try await expectRefusal(test, .permissionDenied, containing: "rule: admin") {
        _ = try await cast.kasi.evaluation.setPeriodKind(choose)
      }
      _ = try await cast.admin.evaluation.setPeriodKind(choose)
      try await Evaluations.organisation(city.seksiUnit, month, by: cast.kabid)
    }
  }

  @Test func thePeriodKindStaysOnceTheYearHasPeriodicEvaluations() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      try await Evaluations.rate(
        city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      var choose = Simpeg_V1_SetPeriodKindRequest()
      choose.year = KinerjaCity.year
      choose.kind = .bulanan
      try await expectRefusal(test, .failedPrecondition, containing: "stays triwulan") {
        _ = try await cast.admin.evaluation.setPeriodKind(choose)
      }
    }
  }

  @Test func finalisingNeedsEveryoneWithAnApprovedSKPRated() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.bidangUnit, Evaluations.quarter, by: cast.kadis)
      try await Evaluations.rate(
        city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      try await expectRefusal(test, .failedPrecondition, containing: "3 people of the unit") {
        _ = try await Evaluations.finalise(city.bidangUnit, Evaluations.quarter, by: cast.kabid)
      }
    }
  }

  @Test func aCurveViolationIsRefusedNamingTheRuleTheCountsAndThePeopleToChange() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.bidangUnit, Evaluations.quarter, by: cast.kadis)
      try await Evaluations.rateSeksi(city, cast, Evaluations.quarter)
      var check = Simpeg_V1_CheckDistributionRequest()
      check.unitID = city.bidangUnit
      check.period = Evaluations.quarter
      let report = try await cast.kabid.evaluation.checkDistribution(check).report
      #expect(!report.conforms)
      #expect(report.counts.baik == 4)
      #expect(report.minimumChanges == 2)
      #expect(report.rules.map(\.peopleToChange) == [2, 1])
      let expected =
        "at most 70% Baik: 4 of 4 (100.00%), at most 2 allowed, 2 too many; at least one Butuh Perbaikan "
        + "or Kurang/Misconduct: 0 of 4 (0.00%), at least 1 needed, 1 too few; at least 2 rating(s) must "
        + "change in all"
      #expect(report.description_p == expected)
      try await expectRefusal(test, .failedPrecondition, containing: expected) {
        _ = try await Evaluations.finalise(city.bidangUnit, Evaluations.quarter, by: cast.kabid)
      }
    }
  }

  @Test func aCurveViolationIsFinalisedOnlyUnderAnAdminsOverrideWithAReason() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.bidangUnit, Evaluations.quarter, by: cast.kadis)
      try await Evaluations.rateSeksi(city, cast, Evaluations.quarter)
      try await expectRefusal(test, .permissionDenied, containing: "needs the ADMIN role") {
        _ = try await Evaluations.finalise(
          city.bidangUnit, Evaluations.quarter, reason: "tim kecil", by: cast.kabid)
      }
      let finalised = try await Evaluations.finalise(
        city.bidangUnit, Evaluations.quarter, reason: "Bidang baru dibentuk; kurva belum bermakna",
        by: cast.admin)
      #expect(finalised.overridden)
      #expect(finalised.finalised == 4)
      var get = Simpeg_V1_GetOrganisationPredikatRequest()
      get.unitID = city.bidangUnit
      get.period = Evaluations.quarter
      let organisation = try await cast.staff1.evaluation.getOrganisationPredikat(get)
      #expect(organisation.finalised)
      #expect(organisation.overrideReason == "Bidang baru dibentuk; kurva belum bermakna")
      #expect(organisation.overrideCheck.contains("2 too many"))
      let audit = try test.daemon.store.read { try Tables.audit.scan(in: $0, direction: .reverse, limit: 1) }
      #expect(audit.first?.value.method == "simpeg.v1.EvaluationService/FinaliseEvaluations")
      #expect(audit.first?.value.targets.contains("override") == true)
      let trail = try test.daemon.store.read { try AuditTrail.verify(in: $0) }
      #expect(trail.intact)
    }
  }

  @Test func aConformingSetIsFinalisedByTheLeaderAndThenLocked() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.bidangUnit, Evaluations.quarter, by: cast.kadis)
      try await Evaluations.rateSeksi(
        city, cast, Evaluations.quarter, kasi: .diAtasEkspektasi,
        staff2: (.diBawahEkspektasi, .sesuaiEkspektasi))
      let finalised = try await Evaluations.finalise(city.bidangUnit, Evaluations.quarter, by: cast.kabid)
      #expect(!finalised.overridden)
      #expect(finalised.report.conforms)
      try await expectRefusal(test, .failedPrecondition, containing: "finalised and locked") {
        try await Evaluations.rate(
          city.staff1.employee, Evaluations.quarter, .diAtasEkspektasi, .diAtasEkspektasi, by: cast.kasi)
      }
      try await expectRefusal(test, .failedPrecondition, containing: "predikat is locked") {
        try await Evaluations.organisation(city.bidangUnit, Evaluations.quarter, .istimewa, by: cast.kadis)
      }
    }
  }

  @Test func theEmployeeAcknowledgesTheirFinalisedEvaluationOnce() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.bidangUnit, Evaluations.quarter, by: cast.kadis)
      try await Evaluations.rateSeksi(
        city, cast, Evaluations.quarter, kasi: .diAtasEkspektasi,
        staff2: (.diBawahEkspektasi, .sesuaiEkspektasi))
      var list = Simpeg_V1_ListEvaluationsRequest()
      list.year = KinerjaCity.year
      let evaluation = try #require(try await cast.staff1.evaluation.listEvaluations(list).evaluations.first)
      var acknowledge = Simpeg_V1_AcknowledgeEvaluationRequest()
      acknowledge.evaluationID = evaluation.id
      acknowledge.note = "Saya terima"
      try await expectRefusal(test, .failedPrecondition, containing: "not finalised yet") {
        _ = try await cast.staff1.evaluation.acknowledgeEvaluation(acknowledge)
      }
      _ = try await Evaluations.finalise(city.bidangUnit, Evaluations.quarter, by: cast.kabid)
      try await expectRefusal(test, .permissionDenied, containing: "rule: acknowledgement") {
        _ = try await cast.kasi.evaluation.acknowledgeEvaluation(acknowledge)
      }
      let acknowledged = try await cast.staff1.evaluation.acknowledgeEvaluation(acknowledge)
      #expect(acknowledged.status == .acknowledged)
      #expect(acknowledged.acknowledgementNote == "Saya terima")
      try await expectRefusal(test, .failedPrecondition, containing: "acknowledged already") {
        _ = try await cast.staff1.evaluation.acknowledgeEvaluation(acknowledge)
      }
    }
  }

  @Test(arguments: [(nil, "25.000"), (4...12, "18.750")] as [(ClosedRange<UInt32>?, String)])
  func aFunctionalPostEarnsAngkaKreditOnTheFinalisedAnnualEvaluation(
    months: ClosedRange<UInt32>?, credit: String
  ) async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast, fungsionalMonths: months)
      try await Evaluations.organisation(city.bidangUnit, Evaluations.annual, by: cast.kadis)
      try await Evaluations.rateSeksi(
        city, cast, Evaluations.annual, kasi: .diAtasEkspektasi,
        staff2: (.diBawahEkspektasi, .sesuaiEkspektasi))
      _ = try await Evaluations.finalise(city.bidangUnit, Evaluations.annual, by: cast.kabid)
      var get = Simpeg_V1_GetEvaluationRequest()
      get.employeePeriod.employeeID = city.fungsional.employee
      get.employeePeriod.period = Evaluations.annual
      let evaluation = try await cast.fungsional.evaluation.getEvaluation(get)
      // Baik x Ahli Muda (25 a year) x months / 12.
      #expect(evaluation.predikat == .baik)
      #expect(evaluation.angkaKredit == credit)
      get.employeePeriod.employeeID = city.staff1.employee
      #expect(try await cast.staff1.evaluation.getEvaluation(get).angkaKredit.isEmpty)
    }
  }

  @Test func theUnitReportShowsTheDistributionTheSKPProgressAndTheActivities() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let done = try await Activities.log(by: cast.staff1, plans.staff1)
      try await Activities.review(done, by: cast.kasi)
      try await Activities.log(by: cast.staff2, plans.staff2)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      try await Evaluations.rate(
        city.staff1.employee, Evaluations.quarter, .diAtasEkspektasi, .diAtasEkspektasi, by: cast.kasi)
      var request = Simpeg_V1_GetUnitReportRequest()
      request.unitID = city.bidangUnit
      request.period = Evaluations.quarter
      let report = try await cast.kabid.evaluation.getUnitReport(request)
      #expect(report.skpProgress.people == 5)
      #expect(report.skpProgress.approved == 5)
      #expect(report.activities.logged == 2)
      #expect(report.activities.approved == 1)
      #expect(report.activities.pending == 1)
      #expect(report.distribution.counts.sangatBaik == 1)
      #expect(report.organisation.unitID == 0)
      request.unitID = city.seksiUnit
      let seksi = try await cast.kasi.evaluation.getUnitReport(request)
      #expect(seksi.organisation.unitID == city.seksiUnit)
      #expect(seksi.distribution.organisasi == .baik)
      try await expectRefusal(test, .permissionDenied, containing: "only its leader and those above") {
        _ = try await cast.staff1.evaluation.getUnitReport(request)
      }
    }
  }
}
