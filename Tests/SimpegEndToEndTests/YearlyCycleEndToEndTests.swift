import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC
import Testing

/// The yearly cycle as the regulation runs it, against the real simpegd, in a city built only
/// through the API (no sample): the PPK approves and rates while a supervisor higher up is
/// refused with the reason code, a Plh acts while the holder is away, a June transfer gives two
/// SKPs and one annual evaluation weighted by months, the leader of the unit above sets a unit's
/// predikat and the unit's leader finalises, keberatan are filed, decided and refused late, and
/// the inboxes follow it all live, resuming after a restart.
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
    let city = try await YearlyCity.build(in: daemon, seatedSince: Self.year)
    let plans = Plans(year: Self.year)

    // The Kasi's, the Kabid's and the first staff member's inboxes, watched live throughout.
    let kasiInbox = InboxWatcher(try city.kasi.signedIn, from: 0)
    let kabidInbox = InboxWatcher(try city.kabid.signedIn, from: 0)
    let staffInbox = InboxWatcher(try city.staff[0].signedIn, from: 0)
    defer {
      for watcher in [kasiInbox, kabidInbox, staffInbox] { watcher.cancel() }
    }

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
    let kasiData = try await plans.approved(
      try city.kasiData.signedIn, parents: [kabid.rhk], by: try city.kabid.signedIn)
    var submitted: [Simpeg_V1_SKP] = []
    for seat in city.staff + [city.analis] {
      submitted.append(try await plans.submitted(try seat.signedIn, parents: [kasi.rhk]))
    }

    // Each submitted SKP reaches the Kasi's inbox as it is submitted.
    #expect(
      await kasiInbox.eventually { Set(submitted.map(\.id)).isSubset(of: $0.present(.skpToApprove)) },
      "the Kasi's inbox shows every SKP to approve")

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

    // A June transfer: Staf Dua moves to the Seksi Data. The SKP of the old post closes after May
    // and a draft for the new one covers June to December, approved by the Kasi Data.
    let transferred = city.staff[1]
    try await Transfers.move(transferred, to: city.dataVacancies[0], month: 6, of: Self.year, by: city.admin)
    var current = Simpeg_V1_GetSKPRequest()
    current.ownerYear.employeeID = transferred.employee
    current.ownerYear.year = Self.year
    let opened = try await transferred.signedIn.plan.getSKP(current)
    let closed = try await transferred.signedIn.plan.getSKP(.with { $0.skpID = opened.previousSkpID })
    #expect(closed.id == submitted[1].id && closed.closed)
    #expect([closed.firstMonth, closed.lastMonth, opened.firstMonth, opened.lastMonth] == [1, 5, 6, 12])
    #expect(opened.evaluator.employeeID == city.kasiData.employee)
    var content = Simpeg_V1_UpdateSKPRequest()
    content.skpID = opened.id
    content.version = opened.version
    content.content = plans.content(parents: [kasiData.rhk], jpt: false)
    _ = try await transferred.signedIn.plan.updateSKP(content)
    var submitNew = Simpeg_V1_SubmitSKPRequest()
    submitNew.skpID = opened.id
    submitNew.version = opened.version
    let resubmitted = try await transferred.signedIn.plan.submitSKP(submitNew)
    _ = try await plans.approve(resubmitted, by: try city.kasiData.signedIn)

    // Organisation first: the leader of the unit above sets the Seksi's predikat.
    let annual = EvaluationPeriods.annual(Self.year)
    try await refused(.permissionDenied, .notTheLeaderAbove) {
      try await EvaluationPeriods.setPredikat(city.seksi, annual, by: try city.kasi.signedIn)
    }
    try await EvaluationPeriods.setPredikat(city.seksi, annual, by: try city.kabid.signedIn)
    try await EvaluationPeriods.setPredikat(city.seksiData, annual, .istimewa, by: try city.kabid.signedIn)

    // Ratings: the PPK rates; the Kabid above is refused; the Plh rates while the Kasi is away.
    try await refused(.permissionDenied, .notTheEvaluator) {
      try await EvaluationPeriods.rate(
        city.staff[0].employee, annual, .sesuaiEkspektasi, by: try city.kabid.signedIn)
    }
    try await EvaluationPeriods.rate(
      city.staff[0].employee, annual, .sesuaiEkspektasi, by: try city.kasi.signedIn)
    // The transferred employee's year: one annual evaluation by the PPK of the new post, its
    // ratings weighted by the months of each SKP.
    var yearOfTwo = Simpeg_V1_RateEmployeeRequest()
    yearOfTwo.employeeID = transferred.employee
    yearOfTwo.period = annual
    yearOfTwo.hasilKerja = .sesuaiEkspektasi
    yearOfTwo.perilaku = .sesuaiEkspektasi
    var earlier = Simpeg_V1_SKPPartRating()
    earlier.skpID = closed.id
    earlier.hasilKerja = .diAtasEkspektasi
    earlier.perilaku = .sesuaiEkspektasi
    yearOfTwo.earlierSkps = [earlier]
    let combined = try await city.kasiData.signedIn.evaluation.rateEmployee(yearOfTwo)
    #expect(combined.parts.map(\.skpID) == [closed.id, opened.id])
    #expect(combined.parts.map(\.months) == [5, 7])
    // (1 x 5 + 2 x 7) / 12 = 1.58: Sesuai is nearest; Sesuai x Sesuai: Baik.
    #expect(combined.predikat == .baik && combined.months == 12)
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
    #expect(finalised.finalised == 3)
    #expect(finalised.report.conforms)
    finalise.unitID = city.seksiData
    #expect(try await city.kasiData.signedIn.evaluation.finaliseEvaluations(finalise).finalised == 1)

    // A transfer dated inside the finalised year is refused, and changes nothing.
    try await refused(.failedPrecondition, .transferInFinalisedPeriod) {
      try await Transfers.move(
        city.staff[0], to: city.dataVacancies[1], month: 9, of: Self.year, by: city.admin)
    }
    #expect(await kasiInbox.eventually { $0.present(.skpToApprove).isEmpty }, "approved SKPs leave the inbox")
    #expect(
      await staffInbox.eventually {
        !$0.present(.evaluationToAcknowledge).isEmpty && !$0.present(.keberatanDeadline).isEmpty
      }, "the result and its keberatan window reach the employee")

    // Keberatan: two employees object within the window; the atasan PPK (the Kabid) hears the
    // first and changes the ratings, finally.
    let first = try await Objections.file(city.staff[0], annual)
    #expect(first.atasan.employeeID == city.kabid.employee)
    let second = try await Objections.file(city.analis, annual)
    #expect(
      await kabidInbox.eventually { $0.present(.keberatanToDecide) == [first.id, second.id] },
      "both keberatan reach the atasan's inbox")
    #expect(
      await staffInbox.eventually { $0.present(.keberatanDeadline).isEmpty }, "filed: the window leaves")
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
    #expect(try await city.kasi.signedIn.evaluation.checkDistribution(check).report.counts.baik == 0)
    #expect(await kabidInbox.eventually { $0.present(.keberatanToDecide) == [second.id] })
    let lastSeen = kabidInbox.lastSequence
    await daemon.stop()

    // With a window of no time at all, the third employee's keberatan comes too late.
    let strict = try await SimpegdProcess.start(in: folder, environment: ["SIMPEG_KEBERATAN_WINDOW": "0s"])
    let third = try await strict.caller(city.staff[2].nip, YearlyCity.password)
    try await refused(.failedPrecondition, .keberatanWindowClosed) {
      _ = try await Objections.file(city.staff[2], annual, as: third)
    }

    // The Kabid's inbox resumes after the restart from the last sequence seen: nothing missed,
    // and the decision taken now removes the second keberatan live.
    let kabidAgain = try await strict.caller(city.kabid.nip, YearlyCity.password)
    let resumed = InboxWatcher(kabidAgain, from: lastSeen)
    defer { resumed.cancel() }
    #expect(await resumed.eventually { $0.caughtUp }, "the resumed stream catches up")
    _ = try await Objections.hear(second, by: kabidAgain)
    _ = try await Objections.decide(second, .sesuaiEkspektasi, by: kabidAgain)
    #expect(
      await resumed.eventually { $0.removed.contains("keberatan-decide:\(second.id)") },
      "the decision removes the keberatan from the resumed inbox")
    #expect(resumed.events.allSatisfy { $0.sequence >= lastSeen })
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

/// An inbox watched in the background: every event kept, and the items present by kind.
final class InboxWatcher: Sendable {
  private let received = NIOLockedValueBox<[Simpeg_V1_InboxEvent]>([])
  private let task: Task<Void, any Error>

  init(_ caller: Caller, from sequence: UInt64) {
    let received = self.received
    var request = Simpeg_V1_WatchInboxRequest()
    request.fromSequence = sequence
    task = Task {
      try await Simpeg_V1_InboxService.Client(wrapping: caller.client).watchInbox(request) { stream in
        for try await event in stream { received.withLockedValue { $0.append(event) } }
      }
    }
  }

  var events: [Simpeg_V1_InboxEvent] { received.withLockedValue { $0 } }
  var caughtUp: Bool { events.contains { $0.kind == .caughtUp } }
  var lastSequence: UInt64 { events.last?.resumeFrom ?? 0 }
  var removed: [String] { events.filter { $0.kind == .removed }.map(\.item.key) }

  /// The record ids of the items of `kind` in the inbox after every event so far.
  func present(_ kind: Simpeg_V1_InboxItemKind) -> [UInt64] {
    var items: [String: Simpeg_V1_InboxItem] = [:]
    for event in events {
      switch event.kind {
      case .added: items[event.item.key] = event.item
      case .removed: items[event.item.key] = nil
      default: break
      }
    }
    return items.values.filter { $0.kind == kind }.map(\.recordID).sorted()
  }

  /// Whether `condition` holds of the watcher within 30 seconds.
  func eventually(_ condition: @escaping (InboxWatcher) -> Bool) async -> Bool {
    await SimpegEndToEndTests.eventually { condition(self) }
  }

  func cancel() { task.cancel() }
}

/// Transfers dated within the cycle's year.
enum Transfers {
  /// Moves `seat`'s employee to `position` from the first day of `month` of `year`.
  static func move(
    _ seat: YearlyCity.Seat, to position: UInt64, month: Int32, of year: Int32, by admin: Caller
  ) async throws {
    var request = Simpeg_V1_TransferEmployeeRequest()
    request.employeeID = seat.employee
    request.positionID = position
    request.effective.year = year
    request.effective.month = month
    request.effective.day = 1
    request.reason = "SK Mutasi 821/45"
    _ = try await admin.employees.transferEmployee(request)
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
