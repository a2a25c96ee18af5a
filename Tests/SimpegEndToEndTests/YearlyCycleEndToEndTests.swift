import Foundation
import SimpegAPI
import Testing

/// The yearly cycle as the regulation runs it, against the real simpegd, in a city built only
/// through the API (no sample): the PPK approves and rates while a supervisor higher up is
/// refused with the reason code, a Plh acts while the holder is away, the leader of the unit above
/// sets a unit's predikat, and the unit's leader finalises.
///
/// The cycle is last year's (its months are all past on any day the test runs); the Plh is
/// assigned for today, since it acts on the days it stands in.
@Suite(.serialized) struct YearlyCycleEndToEndTests {
  /// Today in Salatiga (WIB, UTC+7).
  static var today: Simpeg_V1_Date { salatigaToday }

  /// The year the cycle runs for.
  static var year: Int32 { today.year - 1 }

  @Test func aCityBuiltThroughTheAPIRunsItsYearByTheRules() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let daemon = try await SimpegdProcess.start(in: folder)
    let city = try await YearlyCity.build(in: daemon)
    let plans = Plans(year: Self.year)

    // Planning, top-down: each SKP is approved by its PPK; BKPSDM for the Wali Kota.
    let waliKota = try await plans.approved(
      city.admin, official: city.waliKota.position, parents: [0, 0], by: city.admin)
    let sekda = try await plans.approved(
      try city.sekda.signedIn, parents: [waliKota.rhk], jpt: true, by: city.admin)
    let kadis = try await plans.approved(
      try city.kadis.signedIn, parents: [sekda.rhk], jpt: true, by: try city.sekda.signedIn)
    let kabid = try await plans.approved(
      try city.kabid.signedIn, parents: [kadis.rhk], by: try city.kadis.signedIn)
    let kasi = try await plans.approved(
      try city.kasi.signedIn, parents: [kabid.rhk], by: try city.kabid.signedIn)
    var submitted: [Simpeg_V1_SKP] = []
    for seat in city.staff + [city.analis] {
      submitted.append(try await plans.submitted(try seat.signedIn, parents: [kasi.rhk]))
    }

    // A supervisor above the PPK is refused, told who may act.
    let refusal = try await refused(.permissionDenied, .notTheEvaluator) {
      try await plans.approve(submitted[0], by: try city.kabid.signedIn)
    }
    #expect(refusal?.mayAct.map(\.employeeID) == [city.kasi.employee])
    for skp in submitted.prefix(2) + submitted.suffix(1) {
      _ = try await plans.approve(skp, by: try city.kasi.signedIn)
    }

    // The Kasi is away today: the Analis stands in as Plh and approves in the Kasi's place.
    var plh = Simpeg_V1_AssignPlhRequest()
    plh.positionID = city.kasi.position
    plh.employeeID = city.analis.employee
    plh.firstDay = Self.today
    plh.lastDay = Self.today
    plh.reason = "Surat Perintah Kepala Dinas 800/17"
    _ = try await city.admin.org.assignPlh(plh)
    var chain = Simpeg_V1_GetEvaluatorChainRequest()
    chain.positionID = city.staff[2].position
    #expect(
      try await city.admin.org.getEvaluatorChain(chain).evaluator.plh.employeeID == city.analis.employee)
    let approvedByPlh = try await plans.approve(submitted[2], by: try city.analis.signedIn)
    #expect(approvedByPlh.status == .approved)

    // Organisation first: the leader of the unit above sets the Seksi's predikat.
    let annual = EvaluationPeriods.annual(Self.year)
    try await refused(.permissionDenied, .notTheLeaderAbove) {
      try await EvaluationPeriods.setPredikat(city.seksi, annual, by: try city.kasi.signedIn)
    }
    try await EvaluationPeriods.setPredikat(city.seksi, annual, by: try city.kabid.signedIn)

    // Ratings: the PPK rates; the Kabid above is refused; the Plh rates while the Kasi is away.
    try await refused(.permissionDenied, .notTheEvaluator) {
      try await EvaluationPeriods.rate(
        city.staff[0].employee, annual, .sesuaiEkspektasi, by: try city.kabid.signedIn)
    }
    try await EvaluationPeriods.rate(
      city.staff[0].employee, annual, .sesuaiEkspektasi, by: try city.kasi.signedIn)
    try await EvaluationPeriods.rate(
      city.staff[1].employee, annual, .sesuaiEkspektasi, by: try city.kasi.signedIn)
    let byPlh = try await EvaluationPeriods.rate(
      city.staff[2].employee, annual, .sesuaiEkspektasi, perilaku: .diBawahEkspektasi,
      by: try city.analis.signedIn)
    #expect(byPlh.ratedByEmployeeID == city.analis.employee)
    try await refused(.permissionDenied, .ownRecord) {
      try await EvaluationPeriods.rate(
        city.analis.employee, annual, .diAtasEkspektasi, by: try city.analis.signedIn)
    }
    try await EvaluationPeriods.rate(
      city.analis.employee, annual, .diAtasEkspektasi, by: try city.kasi.signedIn)

    // The Kasi finalises the Seksi's set; the Kasi's own rating is not in it.
    var finalise = Simpeg_V1_FinaliseEvaluationsRequest()
    finalise.unitID = city.seksi
    finalise.period = annual
    let finalised = try await city.kasi.signedIn.evaluation.finaliseEvaluations(finalise)
    #expect(finalised.finalised == 4)
    #expect(finalised.report.conforms)

    // Keberatan: two employees object within the window; the atasan PPK (the Kabid) hears the
    // first and changes the ratings, finally.
    let first = try await Objections.file(city.staff[0], annual)
    #expect(first.atasan.employeeID == city.kabid.employee)
    _ = try await Objections.file(city.staff[1], annual)
    try await refused(.permissionDenied, .notTheAtasan) {
      _ = try await Objections.hear(first, by: try city.kasi.signedIn)
    }
    _ = try await Objections.hear(first, by: try city.kabid.signedIn)
    let changed = try await Objections.decide(first, .diAtasEkspektasi, by: try city.kabid.signedIn)
    #expect(changed.status == .changed)
    #expect(changed.original.predikat == .baik)
    var check = Simpeg_V1_CheckDistributionRequest()
    check.unitID = city.seksi
    check.period = annual
    #expect(try await city.kasi.signedIn.evaluation.checkDistribution(check).report.counts.sangatBaik == 2)
    await daemon.stop()

    // With a window of no time at all, the third employee's keberatan comes too late.
    let strict = try await SimpegdProcess.start(in: folder, environment: ["SIMPEG_KEBERATAN_WINDOW": "0s"])
    let third = try await strict.caller(city.staff[2].nip, YearlyCity.password)
    try await refused(.failedPrecondition, .keberatanWindowClosed) {
      _ = try await Objections.file(city.staff[2], annual, as: third)
    }
    await strict.stop()
  }

  /// Expects `body` to fail with `code` and a typed refusal for `reason`; returns the refusal.
  @discardableResult
  func refused(
    _ code: StatusCode, _ reason: Simpeg_V1_RefusalReason, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
  ) async throws -> Simpeg_V1_Refusal? {
    do {
      try await body()
      Issue.record("expected \(code.name), but the call succeeded", sourceLocation: sourceLocation)
      return nil
    } catch let error as RPCError {
      let refusal = error.details.lazy.compactMap { try? Simpeg_V1_Refusal(unpackingAny: $0) }.first
      #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
      #expect(refusal?.reason == reason, "\(error)", sourceLocation: sourceLocation)
      return refusal
    }
  }
}

extension YearlyCity.Seat {
  /// The seat's signed-in caller.
  var signedIn: Caller {
    get throws {
      guard let caller else {
        throw SimpegdProcess.Failure("position \(position) has no employee to sign in")
      }
      return caller
    }
  }
}

extension Simpeg_V1_SKP {
  /// The id of the first RHK.
  var rhk: UInt64 { content.rhks[0].id }
}

/// SKPs of one year: content cascading from the PPK's RHKs, submitted and approved.
struct Plans {
  let year: Int32

  /// Content with one hasil kerja utama per parent RHK (0: none, for the top), each with one
  /// IKI of 120 dokumen a year, and all seven behaviour expectations.
  func content(parents: [UInt64], jpt: Bool) -> Simpeg_V1_SKPContent {
    var content = Simpeg_V1_SKPContent()
    content.approach = .kuantitatif
    content.rhks = parents.enumerated().map { index, parent in
      var rhk = Simpeg_V1_RHK()
      rhk.kind = .utama
      rhk.text = "Rencana hasil kerja \(index + 1)"
      rhk.parentRhkID = parent
      if jpt { rhk.perspective = Simpeg_V1_JPTPerspective(rawValue: index % 4 + 1)! }
      var iki = Simpeg_V1_IKI()
      iki.aspect = .kuantitas
      iki.indicator = "Jumlah dokumen \(index + 1)"
      iki.targetValue = 120
      iki.targetUnit = "dokumen"
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

  /// The owner's SKP of the year, created and submitted; `jpt` for a JPT's perspectives.
  func submitted(
    _ owner: Caller, official: UInt64 = 0, parents: [UInt64], jpt: Bool = false
  ) async throws -> Simpeg_V1_SKP {
    var create = Simpeg_V1_CreateSKPRequest()
    create.year = year
    create.officialPositionID = official
    create.content = content(parents: parents, jpt: jpt)
    let created = try await owner.plan.createSKP(create)
    var submit = Simpeg_V1_SubmitSKPRequest()
    submit.skpID = created.id
    submit.version = created.version
    return try await owner.plan.submitSKP(submit)
  }

  /// Approves `skp` as `approver`.
  @discardableResult
  func approve(_ skp: Simpeg_V1_SKP, by approver: Caller) async throws -> Simpeg_V1_SKP {
    var approve = Simpeg_V1_ApproveSKPRequest()
    approve.skpID = skp.id
    approve.version = skp.version
    return try await approver.plan.approveSKP(approve)
  }

  /// The owner's SKP, submitted and approved by `approver`.
  func approved(
    _ owner: Caller, official: UInt64 = 0, parents: [UInt64], jpt: Bool = false, by approver: Caller
  ) async throws -> Simpeg_V1_SKP {
    try await approve(
      try await submitted(owner, official: official, parents: parents, jpt: jpt), by: approver)
  }
}

/// Keberatan: filed by the employee, heard and decided by the atasan PPK.
enum Objections {
  /// Files `seat`'s keberatan on their evaluation of `period` (as `caller`, default the seat's).
  static func file(
    _ seat: YearlyCity.Seat, _ period: Simpeg_V1_EvaluationPeriod, as caller: Caller? = nil
  ) async throws -> Simpeg_V1_Keberatan {
    let caller = try caller ?? seat.signedIn
    var get = Simpeg_V1_GetEvaluationRequest()
    get.employeePeriod.employeeID = seat.employee
    get.employeePeriod.period = period
    let evaluation = try await caller.evaluation.getEvaluation(get)
    var request = Simpeg_V1_FileKeberatanRequest()
    request.evaluationID = evaluation.id
    request.reasons = "Realisasi bulan Desember belum dihitung"
    return try await caller.evaluation.fileKeberatan(request)
  }

  static func hear(_ keberatan: Simpeg_V1_Keberatan, by caller: Caller) async throws -> Simpeg_V1_Keberatan {
    var request = Simpeg_V1_RecordKeberatanHearingRequest()
    request.keberatanID = keberatan.id
    request.ppkExplanation = "Dinilai dari realisasi sampai November"
    request.employeeExplanation = "Laporan Desember terlampir"
    return try await caller.evaluation.recordKeberatanHearing(request)
  }

  static func decide(
    _ keberatan: Simpeg_V1_Keberatan, _ rating: Simpeg_V1_Rating, by caller: Caller
  ) async throws -> Simpeg_V1_Keberatan {
    var request = Simpeg_V1_DecideKeberatanRequest()
    request.keberatanID = keberatan.id
    request.hasilKerja = rating
    request.perilaku = rating
    request.reason = "Realisasi Desember melampaui target"
    return try await caller.evaluation.decideKeberatan(request)
  }
}

/// Periods, the predikat organisasi and ratings.
enum EvaluationPeriods {
  static func annual(_ year: Int32) -> Simpeg_V1_EvaluationPeriod {
    var period = Simpeg_V1_EvaluationPeriod()
    period.year = year
    period.kind = .tahunan
    period.number = 1
    return period
  }

  static func setPredikat(
    _ unit: UInt64, _ period: Simpeg_V1_EvaluationPeriod, _ predikat: Simpeg_V1_PredikatOrganisasi = .baik,
    by caller: Caller
  ) async throws {
    var request = Simpeg_V1_SetOrganisationPredikatRequest()
    request.unitID = unit
    request.period = period
    request.predikat = predikat
    _ = try await caller.evaluation.setOrganisationPredikat(request)
  }

  @discardableResult
  static func rate(
    _ employee: UInt64, _ period: Simpeg_V1_EvaluationPeriod, _ hasilKerja: Simpeg_V1_Rating,
    perilaku: Simpeg_V1_Rating? = nil, by caller: Caller
  ) async throws -> Simpeg_V1_Evaluation {
    var request = Simpeg_V1_RateEmployeeRequest()
    request.employeeID = employee
    request.period = period
    request.hasilKerja = hasilKerja
    request.perilaku = perilaku ?? hasilKerja
    return try await caller.evaluation.rateEmployee(request)
  }
}
