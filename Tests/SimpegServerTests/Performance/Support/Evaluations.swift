import SimpegAPI
import SimpegKinerja

@testable import SimpegServer

/// Periods, organisation predikat, ratings and finalisation.
enum Evaluations {
  /// The quarter the tests run in (the default periodic kind is triwulan).
  static var quarter: Simpeg_V1_EvaluationPeriod {
    var period = Simpeg_V1_EvaluationPeriod()
    period.year = KinerjaCity.year
    period.kind = .triwulan
    period.number = UInt32((Activities.today.month - 1) / 3 + 1)
    return period
  }

  /// The annual period of the year the tests run in.
  static var annual: Simpeg_V1_EvaluationPeriod {
    var period = Simpeg_V1_EvaluationPeriod()
    period.year = KinerjaCity.year
    period.kind = .tahunan
    period.number = 1
    return period
  }

  @discardableResult
  static func organisation(
    _ unit: UInt64, _ period: Simpeg_V1_EvaluationPeriod, _ predikat: Simpeg_V1_PredikatOrganisasi = .baik,
    by performer: Performer
  ) async throws -> Simpeg_V1_OrganisationPredikat {
    var request = Simpeg_V1_SetOrganisationPredikatRequest()
    request.unitID = unit
    request.period = period
    request.predikat = predikat
    return try await performer.evaluation.setOrganisationPredikat(request)
  }

  static func rating(
    _ employee: UInt64, _ period: Simpeg_V1_EvaluationPeriod, _ hasilKerja: Simpeg_V1_Rating,
    _ perilaku: Simpeg_V1_Rating
  ) -> Simpeg_V1_RateEmployeeRequest {
    var request = Simpeg_V1_RateEmployeeRequest()
    request.employeeID = employee
    request.period = period
    request.hasilKerja = hasilKerja
    request.perilaku = perilaku
    var feedback = Simpeg_V1_BehaviourFeedback()
    feedback.value = .berorientasiPelayanan
    feedback.feedback = "Ramah melayani"
    request.behaviour = [feedback]
    return request
  }

  @discardableResult
  static func rate(
    _ employee: UInt64, _ period: Simpeg_V1_EvaluationPeriod, _ hasilKerja: Simpeg_V1_Rating,
    _ perilaku: Simpeg_V1_Rating, by performer: Performer
  ) async throws -> Simpeg_V1_Evaluation {
    try await performer.evaluation.rateEmployee(rating(employee, period, hasilKerja, perilaku))
  }

  static func finalise(
    _ unit: UInt64, _ period: Simpeg_V1_EvaluationPeriod, reason: String = "", by performer: Performer
  ) async throws -> Simpeg_V1_FinaliseEvaluationsResponse {
    var request = Simpeg_V1_FinaliseEvaluationsRequest()
    request.unitID = unit
    request.period = period
    request.overrideReason = reason
    return try await performer.evaluation.finaliseEvaluations(request)
  }

  /// Rates the four people of the Seksi: the Kasi by the Kabid, the rest by the Kasi.
  static func rateSeksi(
    _ city: KinerjaCity, _ cast: Cast, _ period: Simpeg_V1_EvaluationPeriod,
    kasi: Simpeg_V1_Rating = .sesuaiEkspektasi, staff1: Simpeg_V1_Rating = .sesuaiEkspektasi,
    staff2: (Simpeg_V1_Rating, Simpeg_V1_Rating) = (.sesuaiEkspektasi, .sesuaiEkspektasi),
    fungsional: Simpeg_V1_Rating = .sesuaiEkspektasi
  ) async throws {
    try await rate(city.kasi.employee, period, kasi, kasi, by: cast.kabid)
    try await rate(city.staff1.employee, period, staff1, staff1, by: cast.kasi)
    try await rate(city.staff2.employee, period, staff2.0, staff2.1, by: cast.kasi)
    try await rate(city.fungsional.employee, period, fungsional, fungsional, by: cast.kasi)
  }
}
