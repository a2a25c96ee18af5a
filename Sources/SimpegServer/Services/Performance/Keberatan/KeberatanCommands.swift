import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// The write path of a keberatan (PP 30/2019 art. 59; PermenPANRB 6/2022): filing by the
/// employee within the window, the hearing and the final decision by the atasan of the PPK, who
/// may change the ratings (the evaluation then carries the decided result; the keberatan keeps it
/// as finalised). Who may act is checked here, with the typed refusals of the catalogue, since it
/// depends on the record.
enum KeberatanCommands {
  /// The rule refusals of a keberatan name.
  static let rule =
    "PP 30/2019 art. 59 and PermenPANRB 6/2022: within the window after receiving the result the "
    + "employee may object, with reasons, to the atasan of the PPK, who hears the PPK and the employee "
    + "and then upholds or changes the result; that decision is final"

  /// Files `principal`'s keberatan on the evaluation `evaluationID` at `moment`, within `window`
  /// of its finalisation. Refusals say the same for an unknown evaluation and someone else's.
  static func file(
    evaluationID: UInt64, reasons: String, evidence: [Simpeg_V1_KeberatanEvidence], by principal: Principal,
    window: Duration, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_KeberatanRecord {
    let transaction = mutation.transaction
    guard let evaluation = try Tables.evaluations.get(evaluationID, in: transaction),
      evaluation.employeeID == principal.employeeID, !principal.isService, principal.employeeID != 0
    else {
      throw Refusals.error(
        .permissionDenied, .notTheEmployee, "only the employee evaluated files a keberatan on an evaluation",
        rule: rule, field: "evaluation_id")
    }
    guard evaluation.status == .finalised || evaluation.status == .acknowledged else {
      throw Refusals.error(
        .failedPrecondition, .evaluationNotFinal,
        "evaluation \(evaluation.id) is not finalised yet; a keberatan objects to a final result",
        rule: rule, field: "evaluation_id")
    }
    if let existing = try Tables.keberatan.findUnique(
      Tables.keberatanByEvaluation, evaluation.id, in: transaction)
    {
      throw Refusals.error(
        .alreadyExists, .keberatanExists,
        "evaluation \(evaluation.id) has keberatan \(existing.key) already; one per evaluation", rule: rule,
        field: "evaluation_id")
    }
    let received = evaluation.finalisedAt
    let deadline = KeberatanDeadline.of(finalisedAt: received, window: window)
    do {
      try KeberatanWorkflow.checkWindow(
        received: KeberatanDeadline.milliseconds(received),
        now: KeberatanDeadline.milliseconds(mutation.moment.timestamp),
        window: KeberatanDeadline.milliseconds(window))
    } catch {
      throw Refusals.error(
        .failedPrecondition, .keberatanWindowClosed,
        "evaluation \(evaluation.id) was finalised on \(WIBClock.local(evaluation.finalisedAt)) WIB: "
          + error.description, rule: rule, field: "evaluation_id")
    }
    let positionID = try evaluatedPosition(of: evaluation, in: transaction)
    let chain = try EvaluatorLookup.chain(for: positionID, in: transaction)
    var keberatan = Simpeg_Internal_V1_KeberatanRecord()
    keberatan.id = try Tables.nextID("keberatan", in: transaction)
    keberatan.evaluationID = evaluation.id
    keberatan.employeeID = evaluation.employeeID
    keberatan.period = evaluation.period
    keberatan.status = .filed
    keberatan.reasons = reasons
    keberatan.evidence = evidence
    keberatan.filedAt = mutation.moment.timestamp
    keberatan.deadline = deadline
    if let penilai = chain.penilai.evaluator {
      keberatan.ppk = try EvaluatorLookup.person(penilai, in: transaction)
    }
    if let atasan = chain.atasanPenilai?.evaluator {
      keberatan.atasan = try EvaluatorLookup.person(atasan, in: transaction)
    }
    keberatan.original = evaluation
    try Tables.keberatan.insert(keberatan, for: keberatan.id, in: transaction)
    var marked = evaluation
    marked.keberatanID = keberatan.id
    try Tables.evaluations.put(marked, for: marked.id, in: transaction)
    mutation.audit(targets: targets(keberatan))
    return keberatan
  }

  /// Records the explanations the atasan heard from the PPK and the employee.
  static func hear(
    _ keberatan: Simpeg_Internal_V1_KeberatanRecord, ppk: String, employee: String, by principal: Principal,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_KeberatanRecord {
    try requireAtasan(principal, of: keberatan, on: mutation.moment.today, in: mutation.transaction)
    var keberatan = keberatan
    let current = state(of: keberatan)
    keberatan.status = try transition { () throws(KeberatanError) in try KeberatanWorkflow.hear(current) }
    keberatan.ppkExplanation = ppk
    keberatan.employeeExplanation = employee
    keberatan.heardAt = mutation.moment.timestamp
    keberatan.heardBy = principal.username
    try Tables.keberatan.put(keberatan, for: keberatan.id, in: mutation.transaction)
    mutation.audit(targets: targets(keberatan))
    return keberatan
  }

  /// The atasan's decision: the ratings stand (`ratings` nil) or become `ratings`, for `reason`.
  /// Final: the evaluation carries the decided result, with angka kredit recomputed.
  static func decide(
    _ keberatan: Simpeg_Internal_V1_KeberatanRecord, ratings: (hasilKerja: Rating, perilaku: Rating)?,
    reason: String,
    by principal: Principal, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_KeberatanRecord {
    let transaction = mutation.transaction
    try requireAtasan(principal, of: keberatan, on: mutation.moment.today, in: transaction)
    guard var evaluation = try Tables.evaluations.get(keberatan.evaluationID, in: transaction) else {
      throw RPCError(
        .dataLoss, "keberatan \(keberatan.id) names evaluation \(keberatan.evaluationID), which is gone")
    }
    let original = keberatan.original
    let decided =
      ratings
      ?? (
        hasilKerja: Rating(rawValue: original.hasilKerja.rawValue) ?? .sesuaiEkspektasi,
        perilaku: Rating(rawValue: original.perilaku.rawValue) ?? .sesuaiEkspektasi
      )
    let changes =
      decided.hasilKerja.rawValue != original.hasilKerja.rawValue
      || decided.perilaku.rawValue != original.perilaku.rawValue
    var keberatan = keberatan
    let current = state(of: keberatan)
    keberatan.status = try transition { () throws(KeberatanError) in
      try KeberatanWorkflow.decide(current, changesRatings: changes)
    }
    keberatan.decisionReason = reason
    keberatan.decidedBy = principal.username
    keberatan.decidedByEmployeeID = principal.employeeID
    keberatan.decidedAt = mutation.moment.timestamp
    keberatan.decidedHasilKerja = Simpeg_V1_Rating(rawValue: decided.hasilKerja.rawValue) ?? .unspecified
    keberatan.decidedPerilaku = Simpeg_V1_Rating(rawValue: decided.perilaku.rawValue) ?? .unspecified
    keberatan.decidedPredikat = Simpeg_V1_Predikat(
      Predikat(hasilKerja: decided.hasilKerja, perilaku: decided.perilaku))
    if changes {
      evaluation.hasilKerja = keberatan.decidedHasilKerja
      evaluation.perilaku = keberatan.decidedPerilaku
      evaluation.predikat = keberatan.decidedPredikat
      evaluation.changedOnKeberatan = true
      evaluation.angkaKreditUnits = 0
      evaluation.angkaKredit = ""
      try AngkaKreditAward.apply(
        to: &evaluation, period: try CheckedPeriod.check(evaluation.period, in: transaction))
      try Tables.evaluations.put(evaluation, for: evaluation.id, in: transaction)
    }
    try Tables.keberatan.put(keberatan, for: keberatan.id, in: transaction)
    mutation.audit(targets: targets(keberatan) + (changes ? ["changed"] : ["upheld"]))
    return keberatan
  }

  /// Refuses unless `principal` acts on `day` for the atasan PPK of `keberatan` (the holder, Plt
  /// or Plh of the atasan's position; BKPSDM for an elected official or where there is none).
  /// The employee never decides their own.
  static func requireAtasan(
    _ principal: Principal, of keberatan: Simpeg_Internal_V1_KeberatanRecord, on day: CalendarDate,
    in transaction: ReadTransaction
  ) throws {
    if principal.employeeID != 0, principal.employeeID == keberatan.employeeID {
      throw Refusals.error(
        .permissionDenied, .ownRecord, "nobody hears or decides their own keberatan", rule: rule)
    }
    let position =
      keberatan.atasan.positionID == 0
      ? nil : try Tables.positions.get(keberatan.atasan.positionID, in: transaction)
    guard let position, !position.closed else {
      guard principal.isAdmin else {
        throw Refusals.error(
          .permissionDenied, .notTheAtasan,
          "keberatan \(keberatan.id) has no atasan PPK in the organisation; BKPSDM decides it", rule: rule,
          mayAct: [BKPSDM.person()])
      }
      return
    }
    let actors = try PositionActors.of(position, on: day, in: transaction)
    guard actors.admits(principal) || (actors.isEmpty && principal.isAdmin) else {
      throw Refusals.error(
        .permissionDenied, .notTheAtasan,
        "only the atasan of the PPK, \(RecordNaming.position(position)), or its Plt or Plh on \(day) hears "
          + "and decides keberatan \(keberatan.id)", rule: rule,
        mayAct: actors.isEmpty ? [BKPSDM.person()] : try actors.people(in: transaction))
    }
  }

  /// The keberatan `id` if `principal` may read it: the employee, those who read their records,
  /// and whoever acts for its atasan PPK today. The same refusal for an unknown id.
  static func readable(
    _ id: UInt64, by principal: Principal, on day: CalendarDate, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_KeberatanRecord {
    if let keberatan = try Tables.keberatan.get(id, in: transaction) {
      if try Authorizer.canRead(
        employeeID: keberatan.employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction
      ) {
        return keberatan
      }
      if (try? requireAtasan(principal, of: keberatan, on: day, in: transaction)) != nil { return keberatan }
    } else if Authorizer.readsEveryone(principal, scope: ServiceScopes.performanceRead) {
      throw RPCError(.notFound, "no keberatan with id \(id)")
    }
    throw Authorizer.notReadable("this keberatan")
  }

  /// The position the evaluation was made for: its SKP's, else the employee's now.
  private static func evaluatedPosition(
    of evaluation: Simpeg_Internal_V1_EvaluationRecord, in transaction: ReadTransaction
  ) throws -> UInt64 {
    if evaluation.skpID != 0, let record = try Tables.skps.get(evaluation.skpID, in: transaction) {
      return record.latest.positionID
    }
    return try Tables.employees.get(evaluation.employeeID, in: transaction)?.positionID ?? 0
  }

  private static func state(of keberatan: Simpeg_Internal_V1_KeberatanRecord) -> KeberatanState {
    KeberatanState(rawValue: keberatan.status.rawValue) ?? .filed
  }

  /// The status after `move`, or its refusal with the catalogue's reason.
  private static func transition(_ move: () throws(KeberatanError) -> KeberatanState) throws
    -> Simpeg_V1_KeberatanStatus
  {
    do {
      return Simpeg_V1_KeberatanStatus(rawValue: try move().rawValue) ?? .unspecified
    } catch {
      let reason: Simpeg_V1_RefusalReason
      switch error {
      case .notHeard: reason = .keberatanNotHeard
      case .decided: reason = .keberatanDecided
      case .windowClosed: reason = .keberatanWindowClosed
      }
      throw Refusals.error(.failedPrecondition, reason, error.description, rule: rule)
    }
  }

  /// The audit targets of a change to `keberatan`.
  private static func targets(_ keberatan: Simpeg_Internal_V1_KeberatanRecord) -> [String] {
    ["keberatan:\(keberatan.id)", "evaluation:\(keberatan.evaluationID)", "employee:\(keberatan.employeeID)"]
  }
}

/// The end of a keberatan window: the finalisation plus the window, to the millisecond.
enum KeberatanDeadline {
  /// The deadline of a result finalised at `finalisedAt`.
  static func of(finalisedAt: Google_Protobuf_Timestamp, window: Duration) -> Google_Protobuf_Timestamp {
    let total = milliseconds(finalisedAt) + milliseconds(window)
    return Google_Protobuf_Timestamp(seconds: total / 1_000, nanos: Int32(total % 1_000) * 1_000_000)
  }

  /// `timestamp` in milliseconds since 1970.
  static func milliseconds(_ timestamp: Google_Protobuf_Timestamp) -> Int64 {
    timestamp.seconds * 1_000 + Int64(timestamp.nanos / 1_000_000)
  }

  /// `duration` in whole milliseconds.
  static func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
  }
}
