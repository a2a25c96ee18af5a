import SimpegAPI
import SimpegKinerja
import SimpegStore

/// The performance reports: per unit (the period's predikat distribution against its curve, SKP
/// approval progress, activity counts) and per employee (every year, and the promotion rule).
enum PerformanceReports {
  /// The report of `unit` (and the units below it) for `period`.
  static func unit(
    _ unit: Simpeg_Internal_V1_UnitRecord, period: CheckedPeriod, in transaction: ReadTransaction
  ) throws -> Simpeg_V1_UnitReport {
    var report = Simpeg_V1_UnitReport()
    report.unitID = unit.id
    report.period = period.message
    let members = try UnitTree.subtree(of: unit.id, in: transaction)
    let year = UInt32(period.year)

    var predikats: [Predikat] = []
    var progress = Simpeg_V1_SKPProgress()
    for position in try UnitTree.positions(in: members, in: transaction)
    where !position.closed && position.holderEmployeeID != 0 {
      let employee = position.holderEmployeeID
      progress.people += 1
      if let record = try SKPLookup.record(employeeID: employee, year: Int32(period.year), in: transaction) {
        if record.inForce != nil {
          progress.approved += 1
        } else {
          switch record.latest.status {
          case .submitted: progress.submitted += 1
          case .returned: progress.returned += 1
          default: progress.draft += 1
          }
        }
      } else {
        progress.withoutSkp += 1
      }
      if let evaluation = try Tables.evaluations.findUnique(
        Tables.evaluationsBySubject, CompositeKey3(employee, year, period.code), in: transaction)?.value,
        let predikat = evaluation.predikat.rule
      {
        predikats.append(predikat)
      }
    }
    report.skpProgress = progress
    if let organisation = try OrganisationCoverage.covering(unit.id, period: period, in: transaction),
      let organisasi = organisation.predikat.rule
    {
      report.organisation = Simpeg_V1_OrganisationPredikat(organisation)
      report.distribution = Simpeg_V1_DistributionReport(
        DistributionCurve.check(PredikatCounts(predikats), organisasi: organisasi))
    } else {
      report.distribution.counts = Simpeg_V1_PredikatCounts(PredikatCounts(predikats))
      report.distribution.description_p = "no predikat organisasi is set for \(period), so no curve applies"
    }

    var activities = Simpeg_V1_ActivityCounts()
    for member in members {
      for month in period.months {
        let prefix = KeyPrefix(CompositeKey3(member, year, UInt32(month)))
        try Paging.forEach { limit, after in
          try Tables.activities.page(
            Tables.activitiesByUnitMonth, prefix: prefix, in: transaction, limit: limit, after: after)
        } _: { activity in
          switch activity.status {
          case .withdrawn: return
          case .approved: activities.approved += 1
          case .rejected: activities.rejected += 1
          default: activities.pending += 1
          }
          activities.logged += 1
        }
      }
    }
    report.activities = activities
    return report
  }

  /// The report of one employee: their evaluations year by year and the promotion rule.
  static func employee(_ employeeID: UInt64, in transaction: ReadTransaction) throws
    -> Simpeg_V1_EmployeeReport
  {
    let evaluations = try Paging.all { limit, after in
      try Tables.evaluations.page(
        Tables.evaluationsBySubject, prefix: KeyPrefix(employeeID), in: transaction, limit: limit,
        after: after)
    }
    var report = Simpeg_V1_EmployeeReport()
    report.employeeID = employeeID
    var annual: [Int: Predikat] = [:]
    for year in Set(evaluations.map(\.period.year)).sorted() {
      var entry = Simpeg_V1_EmployeeYear()
      entry.year = year
      entry.evaluations = evaluations.filter { $0.period.year == year }.map(Simpeg_V1_Evaluation.init)
      var credit = AngkaKredit.zero
      for evaluation in entry.evaluations where evaluation.period.kind == .tahunan {
        guard evaluation.status == .finalised || evaluation.status == .acknowledged,
          let predikat = evaluation.predikat.rule
        else { continue }
        entry.annual = evaluation.predikat
        annual[Int(year)] = predikat
        credit = credit + AngkaKredit(units: Int(evaluation.angkaKreditUnits))
      }
      entry.angkaKreditUnits = Int64(credit.units)
      entry.angkaKredit = credit.units == 0 ? "" : credit.formatted()
      report.years.append(entry)
    }
    let promotion = PromotionRule.check(annual: annual)
    report.meetsPromotionRule = promotion.meets
    report.promotionExplanation = promotion.explanation
    return report
  }
}
