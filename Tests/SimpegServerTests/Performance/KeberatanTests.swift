import SimpegAPI
import SimpegKinerja
import SimpegStore
import Testing

@testable import SimpegServer

/// Keberatan (PP 30/2019 art. 59; PermenPANRB 6/2022): the employee objects to a finalised result
/// within the window, the atasan of the PPK hears the PPK and the employee and then upholds or
/// changes the ratings, finally; both versions stay readable and the reports use the decided one.
@Suite("Keberatan: objection, hearing, final decision")
struct KeberatanTests {
  /// The Bidang's annual set rated and finalised: Staf Satu Baik (rated by the Kasi, whose atasan
  /// is the Kabid). Returns Staf Satu's evaluation.
  static func finalisedYear(_ city: KinerjaCity, _ cast: Cast) async throws -> Simpeg_V1_Evaluation {
    _ = try await ApprovedCity.plan(city, cast)
    try await Evaluations.organisation(city.bidangUnit, Evaluations.annual, by: cast.kadis)
    try await Evaluations.rateSeksi(
      city, cast, Evaluations.annual, kasi: .diAtasEkspektasi, staff2: (.diBawahEkspektasi, .sesuaiEkspektasi)
    )
    _ = try await Evaluations.finalise(city.bidangUnit, Evaluations.annual, by: cast.kabid)
    var get = Simpeg_V1_GetEvaluationRequest()
    get.employeePeriod.employeeID = city.staff1.employee
    get.employeePeriod.period = Evaluations.annual
    return try await cast.staff1.evaluation.getEvaluation(get)
  }

  static func file(_ evaluation: Simpeg_V1_Evaluation, by performer: Performer) async throws
    -> Simpeg_V1_Keberatan
  {
    var request = Simpeg_V1_FileKeberatanRequest()
    request.evaluationID = evaluation.id
    request.reasons = "Capaian RHK saya melampaui target; bukti dukung terlampir"
    var evidence = Simpeg_V1_KeberatanEvidence()
    evidence.name = "Laporan capaian"
    evidence.uri = "https://arsip.salatiga.go.id/laporan/1"
    request.evidence = [evidence]
    return try await performer.evaluation.fileKeberatan(request)
  }

  static func hear(_ keberatan: Simpeg_V1_Keberatan, by performer: Performer) async throws
    -> Simpeg_V1_Keberatan
  {
    var request = Simpeg_V1_RecordKeberatanHearingRequest()
    request.keberatanID = keberatan.id
    request.ppkExplanation = "Penilaian berdasarkan realisasi triwulan"
    request.employeeExplanation = "Realisasi bulan Desember belum dihitung"
    return try await performer.evaluation.recordKeberatanHearing(request)
  }

  static func decide(
    _ keberatan: Simpeg_V1_Keberatan, to ratings: (Simpeg_V1_Rating, Simpeg_V1_Rating)?,
    by performer: Performer
  ) async throws -> Simpeg_V1_Keberatan {
    var request = Simpeg_V1_DecideKeberatanRequest()
    request.keberatanID = keberatan.id
    request.uphold = ratings == nil
    if let ratings { (request.hasilKerja, request.perilaku) = ratings }
    request.reason = "Setelah mendengar PPK dan pegawai"
    return try await performer.evaluation.decideKeberatan(request)
  }

  @Test func theAtasanChangesTheRatingsAndBothVersionsStayReadable() async throws {
    try await withKinerjaCity { test, city, cast in
      let evaluation = try await Self.finalisedYear(city, cast)
      #expect(evaluation.predikat == .baik)
      let filed = try await Self.file(evaluation, by: cast.staff1)
      #expect(filed.status == .filed)
      #expect(filed.ppk.employeeID == city.kasi.employee)
      #expect(filed.atasan.employeeID == city.kabid.employee)
      _ = try await Self.hear(filed, by: cast.kabid)
      let decided = try await Self.decide(filed, to: (.diAtasEkspektasi, .diAtasEkspektasi), by: cast.kabid)
      #expect(decided.status == .changed)
      #expect(decided.decidedPredikat == .sangatBaik)
      var get = Simpeg_V1_GetKeberatanRequest()
      get.evaluationID = evaluation.id
      let read = try await cast.staff1.evaluation.getKeberatan(get)
      #expect(read.original.predikat == .baik)
      var again = Simpeg_V1_GetEvaluationRequest()
      again.evaluationID = evaluation.id
      let now = try await cast.staff1.evaluation.getEvaluation(again)
      #expect(now.predikat == .sangatBaik)
      #expect(now.changedOnKeberatan)
      #expect(now.keberatanID == filed.id)
      var check = Simpeg_V1_CheckDistributionRequest()
      check.unitID = city.bidangUnit
      check.period = Evaluations.annual
      let report = try await cast.kabid.evaluation.checkDistribution(check).report
      #expect(report.counts.sangatBaik == 2)
      let trail = try test.daemon.store.read { try AuditTrail.verify(in: $0) }
      #expect(trail.intact)
    }
  }

  @Test func anUpheldKeberatanLeavesTheEvaluationAsItWas() async throws {
    try await withKinerjaCity { test, city, cast in
      let evaluation = try await Self.finalisedYear(city, cast)
      let filed = try await Self.file(evaluation, by: cast.staff1)
      _ = try await Self.hear(filed, by: cast.kabid)
      let decided = try await Self.decide(filed, to: nil, by: cast.kabid)
      #expect(decided.status == .upheld)
      #expect(decided.decidedPredikat == .baik)
      var get = Simpeg_V1_GetEvaluationRequest()
      get.evaluationID = evaluation.id
      let now = try await cast.staff1.evaluation.getEvaluation(get)
      #expect(!now.changedOnKeberatan)
      #expect(now.predikat == .baik)
    }
  }

  @Test func theDecisionIsFinalAndComesAfterTheHearing() async throws {
    try await withKinerjaCity { test, city, cast in
      let evaluation = try await Self.finalisedYear(city, cast)
      let filed = try await Self.file(evaluation, by: cast.staff1)
      try await expectRefusal(test, .failedPrecondition, reason: .keberatanNotHeard) {
        _ = try await Self.decide(filed, to: nil, by: cast.kabid)
      }
      _ = try await Self.hear(filed, by: cast.kabid)
      _ = try await Self.decide(filed, to: nil, by: cast.kabid)
      try await expectRefusal(test, .failedPrecondition, reason: .keberatanDecided) {
        _ = try await Self.decide(filed, to: (.diAtasEkspektasi, .diAtasEkspektasi), by: cast.kabid)
      }
    }
  }

  @Test func onlyTheAtasanOfThePPKDecidesAndTheRefusalNamesThem() async throws {
    try await withKinerjaCity { test, city, cast in
      let evaluation = try await Self.finalisedYear(city, cast)
      let filed = try await Self.file(evaluation, by: cast.staff1)
      let refusal = try await expectRefusal(test, .permissionDenied, reason: .notTheAtasan) {
        _ = try await Self.hear(filed, by: cast.kasi)
      }
      #expect(refusal?.mayAct.map(\.employeeID) == [city.kabid.employee])
      try await expectRefusal(test, .permissionDenied, reason: .ownRecord) {
        _ = try await Self.hear(filed, by: cast.staff1)
      }
    }
  }

  @Test func aPlhOfTheAtasansPositionHearsAndDecides() async throws {
    try await withKinerjaCity { test, city, cast in
      let evaluation = try await Self.finalisedYear(city, cast)
      let filed = try await Self.file(evaluation, by: cast.staff1)
      var plh = Simpeg_V1_AssignPlhRequest()
      plh.positionID = city.kabid.position
      plh.employeeID = city.kabidDua.employee
      plh.firstDay = Simpeg_V1_Date(Activities.today)
      plh.lastDay = Simpeg_V1_Date(Activities.today)
      _ = try await cast.admin.org.assignPlh(plh)
      _ = try await Self.hear(filed, by: cast.kabidDua)
      let decided = try await Self.decide(filed, to: nil, by: cast.kabidDua)
      #expect(decided.decidedByEmployeeID == city.kabidDua.employee)
    }
  }

  @Test func aSecondKeberatanOnTheSameEvaluationIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      let evaluation = try await Self.finalisedYear(city, cast)
      _ = try await Self.file(evaluation, by: cast.staff1)
      try await expectRefusal(test, .alreadyExists, reason: .keberatanExists) {
        _ = try await Self.file(evaluation, by: cast.staff1)
      }
    }
  }

  @Test func aKeberatanOnSomeoneElsesOrAnUnfinalisedEvaluationIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast)
      try await Evaluations.organisation(city.seksiUnit, Evaluations.quarter, by: cast.kabid)
      let rated = try await Evaluations.rate(
        city.staff1.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      try await expectRefusal(test, .failedPrecondition, reason: .evaluationNotFinal) {
        _ = try await Self.file(rated, by: cast.staff1)
      }
      try await expectRefusal(test, .permissionDenied, reason: .notTheEmployee) {
        _ = try await Self.file(rated, by: cast.staff2)
      }
    }
  }

  @Test func aKeberatanAfterTheWindowIsRefusedAndOneOnItsLastSecondIsNot() async throws {
    let clock = TestClock()
    try await withKinerjaCity(configure: {
      $0.clock = clock.wib
      $0.keberatanWindow = .seconds(3 * 86_400)
    }) { test, city, cast in
      let evaluation = try await Self.finalisedYear(city, cast)
      var other = Simpeg_V1_GetEvaluationRequest()
      other.employeePeriod.employeeID = city.staff2.employee
      other.employeePeriod.period = Evaluations.annual
      let second = try await cast.staff2.evaluation.getEvaluation(other)
      clock.advance(by: 3 * 86_400)
      let onTime = try await Self.file(second, by: cast.staff2)
      #expect(onTime.deadline.seconds == second.finalisedAt.seconds + 3 * 86_400)
      #expect(onTime.deadline.nanos == second.finalisedAt.nanos)
      clock.advance(by: 1)
      try await expectRefusal(test, .failedPrecondition, reason: .keberatanWindowClosed) {
        _ = try await Self.file(evaluation, by: cast.staff1)
      }
    }
  }
}
