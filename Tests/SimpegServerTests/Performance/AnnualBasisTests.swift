import Foundation
import SimpegAPI
import SimpegStore
import Testing

@testable import SimpegServer

/// The annual rating follows the year: its record carries the periodic ratings, the realisation
/// per RHK (target, achieved, evidence) and the evaluator's feedback per RHK.
@Suite("Annual from periodic: what the annual rating follows")
struct AnnualBasisTests {
  @Test func theAnnualRecordCarriesThePeriodicRatingsTheRealisationAndTheFeedbackPerRHK() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      var log = Activities.request(plans.staff1, quantity: 5, text: "Laporan selesai")
      log.evidence = [Activities.evidence(Data("bukti".utf8))]
      let done = try await cast.staff1.activities.logActivity(log)
      try await Activities.review(done, by: cast.kasi)
      try await Activities.log(by: cast.staff1, plans.staff1, quantity: 9, text: "belum ditinjau")
      try await Evaluations.organisation(city.bidangUnit, Evaluations.quarter, by: cast.kadis)
      let quarter = try await Evaluations.rate(
        city.staff1.employee, Evaluations.quarter, .diAtasEkspektasi, .sesuaiEkspektasi, by: cast.kasi)

      try await Evaluations.organisation(city.bidangUnit, Evaluations.annual, by: cast.kadis)
      var request = Evaluations.rating(
        city.staff1.employee, Evaluations.annual, .diAtasEkspektasi, .sesuaiEkspektasi)
      var feedback = Simpeg_V1_RHKFeedback()
      feedback.rhkID = Plans.rhk(plans.staff1)
      feedback.feedback = "Laporan tepat waktu; tingkatkan kualitas analisis"
      request.rhkFeedback = [feedback]
      let annual = try await cast.kasi.evaluation.rateEmployee(request)
      #expect(annual.basis.periodic.map(\.evaluationID) == [quarter.id])
      #expect(annual.basis.periodic.first?.predikat == .baik)
      let rhk = try #require(annual.basis.rhks.first)
      #expect(annual.basis.rhks.count == 1)
      #expect(rhk.rhkID == Plans.rhk(plans.staff1))
      #expect(rhk.ikis.map(\.targetValue) == [120])
      #expect(rhk.ikis.map(\.achieved) == [5])
      #expect(rhk.approvedActivities == 1 && rhk.evidenceCount == 1)
      #expect(rhk.feedback == "Laporan tepat waktu; tingkatkan kualitas analisis")

      var basis = Simpeg_V1_GetAnnualBasisRequest()
      basis.employeeID = city.staff1.employee
      basis.year = KinerjaCity.year
      let now = try await cast.kasi.evaluation.getAnnualBasis(basis)
      #expect(now.rhks.map(\.ikis) == annual.basis.rhks.map(\.ikis))
      #expect(now.rhks.first?.feedback.isEmpty == true)
    }
  }

  @Test func feedbackOnAnRHKOutsideTheYearsSKPsIsRefusedAndFeedbackIsForAnnualRatingsOnly() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.bidangUnit, Evaluations.annual, by: cast.kadis)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      var request = Evaluations.rating(
        city.staff1.employee, Evaluations.annual, .sesuaiEkspektasi, .sesuaiEkspektasi)
      var feedback = Simpeg_V1_RHKFeedback()
      feedback.rhkID = Plans.rhk(plans.staff2)
      feedback.feedback = "bukan RHK-nya"
      request.rhkFeedback = [feedback]
      try await expectRefusal(test, .invalidArgument, containing: "rhk_feedback[0].rhk_id") {
        _ = try await cast.kasi.evaluation.rateEmployee(request)
      }
      request.period = Evaluations.quarter
      try await expectRefusal(test, .invalidArgument, containing: "annual evaluations only") {
        _ = try await cast.kasi.evaluation.rateEmployee(request)
      }
    }
  }
}
