import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// `simpeg.v1.EvaluationService`: the period kind, the predikat organisasi, ratings and the
/// predikat, the curve check and finalisation with its override, acknowledgement, angka kredit
/// and the reports.
struct EvaluationServiceHandler: Simpeg_V1_EvaluationService.Handler {
  let core: ServerCore

  private var store: ReadOnlyStore { core.store }
  private var ledger: Ledger { core.ledger }

  func setPeriodKind(request: Simpeg_V1_SetPeriodKindRequest, context: ServerContext) async throws
    -> Simpeg_V1_PeriodKindSetting
  {
    let principal = try context.principal()
    guard (2000...2100).contains(request.year) else {
      throw RPCError(.invalidArgument, "year \(request.year) is not a year from 2000 to 2100")
    }
    guard request.kind == .bulanan || request.kind == .triwulan else {
      throw RPCError(
        .invalidArgument,
        "the periodic evaluation is 1 (bulanan) or 2 (triwulan), not \(request.kind.rawValue)")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      try Simpeg_V1_PeriodKindSetting(
        EvaluationCommands.setPeriodKind(
          year: request.year, kind: request.kind, by: principal.username, at: mutation.moment.timestamp,
          in: mutation))
    }
  }

  func getPeriodKind(request: Simpeg_V1_GetPeriodKindRequest, context: ServerContext) async throws
    -> Simpeg_V1_PeriodKindSetting
  {
    try store.read { transaction in
      if let setting = try Tables.periodKinds.get(UInt32(clamping: request.year), in: transaction) {
        return Simpeg_V1_PeriodKindSetting(setting)
      }
      var setting = Simpeg_Internal_V1_PeriodKindRecord()
      setting.year = request.year
      setting.kind = .triwulan
      setting.isDefault = true
      return Simpeg_V1_PeriodKindSetting(setting)
    }
  }

  func setOrganisationPredikat(
    request: Simpeg_V1_SetOrganisationPredikatRequest, context: ServerContext
  ) async throws -> Simpeg_V1_OrganisationPredikat {
    let principal = try context.principal()
    guard request.predikat.rule != nil else {
      throw RPCError(
        .invalidArgument,
        "predikat code \(request.predikat.rawValue) is not a predikat organisasi: 1 Istimewa, 2 Baik, "
          + "3 Butuh Perbaikan, 4 Kurang, 5 Sangat Kurang")
    }
    guard request.note.count <= SKPContentRules.maxText else {
      throw RPCError(.invalidArgument, "note is longer than \(SKPContentRules.maxText) characters")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let period = try CheckedPeriod.check(request.period, in: transaction)
      let unit = try UnitTree.unit(request.unitID, in: transaction)
      try Authorizer.requireSetsPredikat(principal, of: unit, on: mutation.moment.today, in: transaction)
      return try Simpeg_V1_OrganisationPredikat(
        EvaluationCommands.setOrganisationPredikat(
          request.predikat, note: request.note, of: unit, for: period, by: principal.username,
          at: mutation.moment.timestamp, in: mutation))
    }
  }

  func getOrganisationPredikat(
    request: Simpeg_V1_GetOrganisationPredikatRequest, context: ServerContext
  ) async throws -> Simpeg_V1_OrganisationPredikat {
    try store.read { transaction in
      let period = try CheckedPeriod.check(request.period, in: transaction)
      guard
        let setting = try Tables.organisationPredikat.get(
          OrganisationCoverage.key(request.unitID, period), in: transaction)
      else {
        throw RPCError(.notFound, "unit \(request.unitID) has no predikat organisasi for \(period)")
      }
      return Simpeg_V1_OrganisationPredikat(setting)
    }
  }

  func rateEmployee(request: Simpeg_V1_RateEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Evaluation
  {
    let principal = try context.principal()
    _ = try RatingCode.check(request.hasilKerja, field: "hasil_kerja")
    _ = try RatingCode.check(request.perilaku, field: "perilaku")
    var values: Set<BerAKHLAK> = []
    for (index, item) in request.behaviour.enumerated() {
      let value = try BerAKHLAKCode.check(item.value, field: "behaviour[\(index)].value")
      guard values.insert(value).inserted else {
        throw RPCError(.invalidArgument, "behaviour[\(index)]: \(value) has feedback already")
      }
      try SKPContentRules.checkText(item.feedback, field: "behaviour[\(index)].feedback")
    }
    guard request.hasilKerjaNote.count <= 4_000 else {
      throw RPCError(.invalidArgument, "hasil_kerja_note is longer than 4,000 characters")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let today = mutation.moment.today
      let period = try CheckedPeriod.check(request.period, in: transaction)
      let (employee, skp) = try Self.ratable(
        request.employeeID, year: period.year, by: principal, on: today, in: transaction)
      guard period.firstDay <= today else {
        throw RPCError(.failedPrecondition, "\(period) has not begun; an evaluation follows the work")
      }
      var months = UnitEvaluationSet.months(of: skp, in: period)
      guard months > 0 else {
        throw RPCError(
          .failedPrecondition,
          "the SKP covers months \(skp.firstMonth)-\(skp.lastMonth) of \(period.year), none of \(period)")
      }
      var ratings = EvaluationCommands.Ratings(
        hasilKerja: request.hasilKerja, perilaku: request.perilaku, hasilKerjaNote: request.hasilKerjaNote,
        behaviour: request.behaviour)
      if period.kind == .tahunan {
        (ratings, months) = try YearParts.combine(
          ratings, current: skp, months: months, earlier: request.earlierSkps, period: period, in: transaction
        )
        ratings.basis = try Self.annualBasis(
          employee.id, year: Int32(period.year), feedback: request.rhkFeedback, in: transaction)
      } else if !request.earlierSkps.isEmpty || !request.rhkFeedback.isEmpty {
        throw FieldCheck.invalid(
          request.earlierSkps.isEmpty ? "rhk_feedback" : "earlier_skps", "is for annual evaluations only")
      }
      return try Simpeg_V1_Evaluation(
        EvaluationCommands.rate(
          employee, for: period, skpID: skp.id, level: skp.level, months: months, ratings: ratings,
          by: principal.username, raterEmployeeID: principal.employeeID, at: mutation.moment.timestamp,
          in: mutation))
    }
  }

  func getEvaluation(request: Simpeg_V1_GetEvaluationRequest, context: ServerContext) async throws
    -> Simpeg_V1_Evaluation
  {
    let principal = try context.principal()
    return try store.read { transaction in
      switch request.key {
      case .evaluationID(let id):
        return try Simpeg_V1_Evaluation(Self.readable(id, by: principal, in: transaction))
      case .employeePeriod(let subject):
        _ = try Authorizer.readableEmployee(
          subject.employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
        let period = try CheckedPeriod.check(subject.period, in: transaction)
        guard
          let evaluation = try Tables.evaluations.findUnique(
            Tables.evaluationsBySubject, CompositeKey3(subject.employeeID, UInt32(period.year), period.code),
            in: transaction)?.value
        else { throw RPCError(.notFound, "employee \(subject.employeeID) has no evaluation for \(period)") }
        return Simpeg_V1_Evaluation(evaluation)
      case nil:
        throw RPCError(.invalidArgument, "give evaluation_id or employee_period")
      }
    }
  }

  func listEvaluations(request: Simpeg_V1_ListEvaluationsRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListEvaluationsResponse
  {
    let principal = try context.principal()
    let employeeID = request.employeeID == 0 ? principal.employeeID : request.employeeID
    return try store.read { transaction in
      _ = try Authorizer.readableEmployee(
        employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
      let prefix =
        request.year == 0
        ? KeyPrefix(employeeID) : KeyPrefix(CompositeKey2(employeeID, UInt32(clamping: request.year)))
      let page = try Paging.page(request.page) { limit, after in
        try Tables.evaluations.page(
          Tables.evaluationsBySubject, prefix: prefix, in: transaction, limit: limit, after: after)
      }
      var response = Simpeg_V1_ListEvaluationsResponse()
      response.evaluations = page.values.map(Simpeg_V1_Evaluation.init)
      response.page = page.info
      return response
    }
  }

  func checkDistribution(request: Simpeg_V1_CheckDistributionRequest, context: ServerContext) async throws
    -> Simpeg_V1_CheckDistributionResponse
  {
    let principal = try context.principal()
    return try store.read { transaction in
      let period = try CheckedPeriod.check(request.period, in: transaction)
      let unit = try Authorizer.visibleUnit(request.unitID, by: principal, in: transaction)
      let organisation = try EvaluationCommands.organisation(of: unit.id, period: period, in: transaction)
      let set = try UnitEvaluationSet.load(
        unit: unit.id, period: period, organisasi: organisation.predikat.rule!, in: transaction)
      var response = Simpeg_V1_CheckDistributionResponse()
      response.report = Simpeg_V1_DistributionReport(set.check)
      response.rated = UInt32(set.evaluations.count)
      response.unratedEmployeeIds = set.unrated
      response.finalised = organisation.finalised
      return response
    }
  }

  func finaliseEvaluations(
    request: Simpeg_V1_FinaliseEvaluationsRequest, context: ServerContext
  ) async throws -> Simpeg_V1_FinaliseEvaluationsResponse {
    let principal = try context.principal()
    guard request.overrideReason.count <= SKPContentRules.maxText else {
      throw RPCError(.invalidArgument, "override_reason is longer than \(SKPContentRules.maxText) characters")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let period = try CheckedPeriod.check(request.period, in: transaction)
      let unit = try UnitTree.unit(request.unitID, in: transaction)
      try Authorizer.requireFinalises(principal, unit, on: mutation.moment.today, in: transaction)
      let finalised = try EvaluationCommands.finalise(
        unit, for: period, override: request.overrideReason, mayOverride: principal.isAdmin,
        by: principal.username, finaliserEmployeeID: principal.employeeID, on: mutation.moment.today,
        at: mutation.moment.timestamp, in: mutation)
      var response = Simpeg_V1_FinaliseEvaluationsResponse()
      response.finalised = UInt32(finalised.count)
      response.report = Simpeg_V1_DistributionReport(finalised.check)
      response.overridden = finalised.overridden
      return response
    }
  }

  func acknowledgeEvaluation(
    request: Simpeg_V1_AcknowledgeEvaluationRequest, context: ServerContext
  ) async throws -> Simpeg_V1_Evaluation {
    guard request.evaluationID != 0 else {
      throw RPCError(.invalidArgument, "evaluation_id is required")
    }
    let principal = try context.principal()
    guard request.note.count <= SKPContentRules.maxText else {
      throw RPCError(.invalidArgument, "note is longer than \(SKPContentRules.maxText) characters")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      guard let evaluation = try Tables.evaluations.get(request.evaluationID, in: mutation.transaction),
        evaluation.employeeID == principal.employeeID, !principal.isService
      else {
        throw RPCError(
          .permissionDenied, "only the employee evaluated acknowledges an evaluation (rule: acknowledgement)")
      }
      return try Simpeg_V1_Evaluation(
        EvaluationCommands.acknowledge(
          evaluation, note: request.note, at: mutation.moment.timestamp, in: mutation))
    }
  }

  func getUnitReport(request: Simpeg_V1_GetUnitReportRequest, context: ServerContext) async throws
    -> Simpeg_V1_UnitReport
  {
    let principal = try context.principal()
    return try store.read { transaction in
      let period = try CheckedPeriod.check(request.period, in: transaction)
      let unit = try Authorizer.visibleUnit(request.unitID, by: principal, in: transaction)
      return try PerformanceReports.unit(unit, period: period, in: transaction)
    }
  }

  func getEmployeeReport(request: Simpeg_V1_GetEmployeeReportRequest, context: ServerContext) async throws
    -> Simpeg_V1_EmployeeReport
  {
    let principal = try context.principal()
    let employeeID = request.employeeID == 0 ? principal.employeeID : request.employeeID
    return try store.read { transaction in
      _ = try Authorizer.readableEmployee(
        employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
      return try PerformanceReports.employee(employeeID, in: transaction)
    }
  }

  // MARK: Helpers

  /// The employee `id` and their approved SKP of `year` if `principal` acts as its PPK on `day`
  /// (``Authorizer/requireEvaluator(_:of:owner:action:on:in:)``); the same refusal whether or
  /// not the employee exists.
  private static func ratable(
    _ id: UInt64, year: Int, by principal: Principal, on day: CalendarDate, in transaction: ReadTransaction
  ) throws -> (Simpeg_Internal_V1_EmployeeRecord, Simpeg_V1_SKP) {
    guard let employee = try Tables.employees.get(id, in: transaction) else {
      throw Authorizer.notTheEvaluator()
    }
    let record = try SKPLookup.record(employeeID: id, year: Int32(year), in: transaction)
    try Authorizer.requireEvaluator(
      principal, of: record?.latest.positionID ?? employee.positionID, owner: employee.id, action: "rates",
      on: day, in: transaction)
    guard let skp = record?.inForce else {
      throw RPCError(
        .failedPrecondition,
        "employee \(id) has no approved SKP for \(year); an evaluation rates an approved SKP")
    }
    return (employee, skp)
  }

  /// The annual basis of `employeeID`'s `year` with the evaluator's `feedback`, whose RHKs must
  /// be of the year's SKPs.
  private static func annualBasis(
    _ employeeID: UInt64, year: Int32, feedback: [Simpeg_V1_RHKFeedback], in transaction: ReadTransaction
  ) throws -> Simpeg_V1_AnnualBasis {
    let record = try SKPLookup.record(employeeID: employeeID, year: year, in: transaction)
    let known = try record.map { try AnnualBasisBuilder.rhkIDs(of: $0, in: transaction) } ?? []
    var byRHK: [UInt64: String] = [:]
    for (index, item) in feedback.enumerated() {
      guard known.contains(item.rhkID) else {
        throw FieldCheck.invalid(
          "rhk_feedback[\(index)].rhk_id", "RHK \(item.rhkID) is not an RHK of the year's approved SKPs")
      }
      guard byRHK[item.rhkID] == nil else {
        throw FieldCheck.invalid("rhk_feedback[\(index)].rhk_id", "RHK \(item.rhkID) has feedback already")
      }
      byRHK[item.rhkID] = try FieldCheck.text(
        item.feedback, field: "rhk_feedback[\(index)].feedback", limit: SKPContentRules.maxText,
        multiline: true)
    }
    return try AnnualBasisBuilder.build(
      employeeID: employeeID, year: year, record: record, feedback: byRHK, in: transaction)
  }

  func getAnnualBasis(request: Simpeg_V1_GetAnnualBasisRequest, context: ServerContext) async throws
    -> Simpeg_V1_AnnualBasis
  {
    let principal = try context.principal()
    let employeeID = request.employeeID == 0 ? principal.employeeID : request.employeeID
    guard (2000...2100).contains(request.year) else {
      throw FieldCheck.invalid("year", "\(request.year) is not a year from 2000 to 2100")
    }
    return try store.read { transaction in
      _ = try Authorizer.readableEmployee(
        employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
      return try AnnualBasisBuilder.build(
        employeeID: employeeID, year: request.year,
        record: try SKPLookup.record(employeeID: employeeID, year: request.year, in: transaction),
        in: transaction)
    }
  }

  /// The evaluation `id` if `principal` may read it.
  private static func readable(_ id: UInt64, by principal: Principal, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_EvaluationRecord
  {
    if let evaluation = try Tables.evaluations.get(id, in: transaction),
      try Authorizer.canRead(
        employeeID: evaluation.employeeID, by: principal, scope: ServiceScopes.performanceRead,
        in: transaction)
    {
      return evaluation
    }
    if Authorizer.readsEveryone(principal, scope: ServiceScopes.performanceRead) {
      throw RPCError(.notFound, "no evaluation with id \(id)")
    }
    throw Authorizer.notReadable("this evaluation")
  }
}

/// Angka kredit for a finalised annual evaluation of a functional post (Peraturan BKN 3/2023,
/// SimpegKinerja's `AngkaKreditRule`): the percentage for the predikat x the level's coefficient
/// x the SKP's months / 12; for a year of several SKPs, each part's months at its own level.
enum AngkaKreditAward {
  /// Sets the evaluation's angka kredit when it earns one.
  static func apply(to evaluation: inout Simpeg_Internal_V1_EvaluationRecord, period: CheckedPeriod) throws {
    if period.kind == .tahunan, !evaluation.parts.isEmpty, let predikat = evaluation.predikat.rule {
      var total = AngkaKredit.zero
      for index in evaluation.parts.indices {
        let part = evaluation.parts[index]
        let credit = AnnualCombination.angkaKredit(
          predikat: predikat, shares: part.level.rule.map { [($0, Int(part.months))] } ?? [])
        evaluation.parts[index].angkaKreditUnits = Int64(credit.units)
        total = total + credit
      }
      evaluation.angkaKreditUnits = Int64(total.units)
      evaluation.angkaKredit = total == .zero ? "" : total.formatted()
      return
    }
    guard period.kind == .tahunan, let level = evaluation.level.rule, level.kind.isFungsional,
      let predikat = evaluation.predikat.rule
    else { return }
    let credit: AngkaKredit
    do {
      credit = try AngkaKreditRule.credit(predikat: predikat, level: level, months: Int(evaluation.months))
    } catch {
      throw RPCError(.failedPrecondition, "evaluation \(evaluation.id): \(error.description)")
    }
    evaluation.angkaKreditUnits = Int64(credit.units)
    evaluation.angkaKredit = credit.formatted()
  }
}
