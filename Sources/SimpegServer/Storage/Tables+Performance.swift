import SimpegAPI
import SimpegStore

/// The tables of the performance cycle: SKPs, activities and their evidence, feedback,
/// dialogues and follow-ups, evaluations, the organisation's predikat and the period kind.
///
/// Periods are keyed by `PeriodCode` (kind x 100 + number, e.g. 203 for the third quarter);
/// days by their day number since 1970-01-01.
extension Tables {
  // MARK: SKP

  /// One open SKP per owner and year: (employee id, official's position id, year); an employee's
  /// SKP has position 0, an elected official's employee 0. An SKP closed by a mid-year change
  /// leaves the index to the one that continues the year (reached through `previous_skp_id`).
  static let skpsByOwner = Index<CompositeKey3<UInt64, UInt64, UInt32>, Simpeg_Internal_V1_SKPRecord>(
    name: "by_owner", unique: true
  ) { record in
    guard !record.closed else { return nil }
    return record.versions.first.map {
      CompositeKey3($0.employeeID, $0.employeeID == 0 ? $0.positionID : 0, UInt32($0.year))
    }
  }
  /// SKPs by their evaluator and year (the latest version's evaluator).
  static let skpsByEvaluator = Index<CompositeKey2<UInt64, UInt32>, Simpeg_Internal_V1_SKPRecord>(
    name: "by_evaluator"
  ) { record in
    guard let latest = record.versions.last, latest.evaluator.employeeID != 0 else { return nil }
    return CompositeKey2(latest.evaluator.employeeID, UInt32(latest.year))
  }
  /// SKPs by the unit of their position and year.
  static let skpsByUnit = Index<CompositeKey2<UInt64, UInt32>, Simpeg_Internal_V1_SKPRecord>(
    name: "by_unit"
  ) { record in
    record.versions.last.map { CompositeKey2($0.unitID, UInt32($0.year)) }
  }
  /// SKPs by every RHK id of any of their versions.
  static let skpsByRHK = Index<UInt64, Simpeg_Internal_V1_SKPRecord>(name: "by_rhk") { record in
    Array(Set(record.versions.flatMap { $0.content.rhks.map(\.id) }))
  }
  /// SKPs by the parent RHKs their version in force supports.
  static let skpsByParentRHK = Index<UInt64, Simpeg_Internal_V1_SKPRecord>(name: "by_parent_rhk") {
    record in
    guard let inForce = record.versions.first(where: { $0.version == record.inForceVersion }) else {
      return []
    }
    return Array(Set(inForce.content.rhks.map(\.parentRhkID).filter { $0 != 0 }))
  }
  static let skps = Table<UInt64, Simpeg_Internal_V1_SKPRecord>(
    name: "skps", recordsChanges: true,
    indexes: [skpsByOwner, skpsByEvaluator, skpsByUnit, skpsByRHK, skpsByParentRHK])

  // MARK: Activities

  /// An employee's activities by day: (employee id, day number).
  static let activitiesByEmployeeDay = Index<CompositeKey2<UInt64, Int64>, Simpeg_Internal_V1_ActivityRecord>(
    name: "by_employee_day"
  ) { CompositeKey2($0.employeeID, Int64($0.date.calendarDate?.dayNumber ?? 0)) }
  /// Activities of an SKP, for realisation.
  static let activitiesBySKP = Index<UInt64, Simpeg_Internal_V1_ActivityRecord>(name: "by_skp") { $0.skpID }
  /// Activities by unit and month: (unit id, year, month).
  static let activitiesByUnitMonth = Index<
    CompositeKey3<UInt64, UInt32, UInt32>, Simpeg_Internal_V1_ActivityRecord
  >(
    name: "by_unit_month"
  ) { CompositeKey3($0.unitID, UInt32(clamping: $0.date.year), UInt32(clamping: $0.date.month)) }
  /// Pending activities by the evaluator who should review them.
  static let activitiesPendingByEvaluator = Index<UInt64, Simpeg_Internal_V1_ActivityRecord>(
    name: "pending_by_evaluator"
  ) { $0.status == .pending && $0.evaluatorEmployeeID != 0 ? $0.evaluatorEmployeeID : nil }
  /// Activities as they are now, by id.
  static let activities = Table<UInt64, Simpeg_Internal_V1_ActivityRecord>(
    name: "activities",
    indexes: [
      activitiesByEmployeeDay, activitiesBySKP, activitiesByUnitMonth, activitiesPendingByEvaluator,
    ])
  /// Every state an activity passed through, by (activity id, revision): the watch stream's
  /// source, so each change is delivered as it was.
  static let activityRevisions = Table<CompositeKey2<UInt64, UInt32>, Simpeg_Internal_V1_ActivityRecord>(
    name: "activity_revisions", recordsChanges: true)
  /// Evidence bytes by their SHA-256.
  static let evidence = Table<RawKeyBytes, Simpeg_Internal_V1_EvidenceBlob>(name: "evidence")

  // MARK: Feedback and dialogues

  /// Feedback about an employee by year: (employee id, year).
  static let feedbackByEmployeeYear = Index<CompositeKey2<UInt64, UInt32>, Simpeg_Internal_V1_FeedbackRecord>(
    name: "by_employee_year"
  ) { CompositeKey2($0.employeeID, UInt32(clamping: $0.year)) }
  static let feedback = Table<UInt64, Simpeg_Internal_V1_FeedbackRecord>(
    name: "feedback", recordsChanges: true, indexes: [feedbackByEmployeeYear])

  /// A unit's dialogues by date: (unit id, day number).
  static let dialoguesByUnitDay = Index<CompositeKey2<UInt64, Int64>, Simpeg_Internal_V1_DialogueRecord>(
    name: "by_unit_day"
  ) { CompositeKey2($0.unitID, Int64($0.date.calendarDate?.dayNumber ?? 0)) }
  static let dialogues = Table<UInt64, Simpeg_Internal_V1_DialogueRecord>(
    name: "dialogues", recordsChanges: true, indexes: [dialoguesByUnitDay])

  /// A unit's open follow-ups.
  static let followUpsOpenByUnit = Index<UInt64, Simpeg_Internal_V1_FollowUpRecord>(name: "open_by_unit") {
    $0.status == .open ? $0.unitID : nil
  }
  /// Follow-ups by the employee they concern.
  static let followUpsByEmployee = Index<UInt64, Simpeg_Internal_V1_FollowUpRecord>(name: "by_employee") {
    $0.employeeID
  }
  /// Follow-ups by unit.
  static let followUpsByUnit = Index<UInt64, Simpeg_Internal_V1_FollowUpRecord>(name: "by_unit") { $0.unitID }
  static let followUps = Table<UInt64, Simpeg_Internal_V1_FollowUpRecord>(
    name: "follow_ups", recordsChanges: true,
    indexes: [followUpsOpenByUnit, followUpsByEmployee, followUpsByUnit])

  // MARK: Evaluation

  /// One evaluation per employee and period: (employee id, year, period code).
  static let evaluationsBySubject = Index<
    CompositeKey3<UInt64, UInt32, UInt32>, Simpeg_Internal_V1_EvaluationRecord
  >(
    name: "by_subject", unique: true
  ) { CompositeKey3($0.employeeID, UInt32(clamping: $0.period.year), PeriodCode.of($0.period)) }
  /// The evaluations under one unit's curve: (organisation unit id, year, period code).
  static let evaluationsByOrganisationPeriod = Index<
    CompositeKey3<UInt64, UInt32, UInt32>, Simpeg_Internal_V1_EvaluationRecord
  >(name: "by_organisation_period") {
    CompositeKey3($0.organisationUnitID, UInt32(clamping: $0.period.year), PeriodCode.of($0.period))
  }
  /// Evaluations by year, to refuse changing a year's period kind once it has some.
  static let evaluationsByYear = Index<UInt32, Simpeg_Internal_V1_EvaluationRecord>(name: "by_year") {
    UInt32(clamping: $0.period.year)
  }
  static let evaluations = Table<UInt64, Simpeg_Internal_V1_EvaluationRecord>(
    name: "evaluations", recordsChanges: true,
    indexes: [evaluationsBySubject, evaluationsByOrganisationPeriod, evaluationsByYear])

  /// The predikat organisasi set for a period, by (year, period code).
  static let organisationPredikatByPeriod = Index<
    CompositeKey2<UInt32, UInt32>, Simpeg_Internal_V1_OrganisationPredikatRecord
  >(
    name: "by_period"
  ) { CompositeKey2(UInt32(clamping: $0.period.year), PeriodCode.of($0.period)) }
  /// A unit's predikat organisasi per period: (unit id, year, period code).
  static let organisationPredikat = Table<
    CompositeKey3<UInt64, UInt32, UInt32>, Simpeg_Internal_V1_OrganisationPredikatRecord
  >(name: "organisation_predikat", recordsChanges: true, indexes: [organisationPredikatByPeriod])

  /// The keberatan of an evaluation: one at most.
  static let keberatanByEvaluation = Index<UInt64, Simpeg_Internal_V1_KeberatanRecord>(
    name: "by_evaluation", unique: true
  ) {
    $0.evaluationID
  }
  /// An employee's keberatan in the order filed: (employee id, keberatan id).
  static let keberatanByEmployee = Index<CompositeKey2<UInt64, UInt64>, Simpeg_Internal_V1_KeberatanRecord>(
    name: "by_employee"
  ) { CompositeKey2($0.employeeID, $0.id) }
  /// Undecided keberatan by the position of their atasan PPK (0 when there is none).
  static let keberatanOpenByAtasan = Index<UInt64, Simpeg_Internal_V1_KeberatanRecord>(name: "open_by_atasan")
  {
    $0.status == .filed || $0.status == .heard ? $0.atasan.positionID : nil
  }
  /// Keberatan (objections to finalised evaluations), by id.
  static let keberatan = Table<UInt64, Simpeg_Internal_V1_KeberatanRecord>(
    name: "keberatan", recordsChanges: true,
    indexes: [keberatanByEvaluation, keberatanByEmployee, keberatanOpenByAtasan])

  /// The periodic evaluation kind chosen for each year.
  static let periodKinds = Table<UInt32, Simpeg_Internal_V1_PeriodKindRecord>(
    name: "period_kinds", recordsChanges: true)

  /// Every table above, for ``schema``.
  static let performanceTables: [any TableDefinition] = [
    skps, activities, activityRevisions, evidence, feedback, dialogues, followUps, evaluations,
    organisationPredikat, periodKinds, keberatan,
  ]
}
