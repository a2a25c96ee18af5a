import SimpegAPI
import SimpegStore

/// Builds turnaround reports from the per (unit, service, month) aggregates: for each month its
/// figures, the backlog at its end and the change from the month before; for the range the
/// months merged. Reads one row per month of the service's history up to the report's end (the
/// backlog is cumulative), never the requests.
enum TurnaroundReportBuilder {
  /// The report of `services` of `unit` for the months `first` through `last` (keys `yyyymm`).
  static func report(
    unit: Simpeg_Internal_V1_UnitRecord, services: [Simpeg_Internal_V1_PublicServiceRecord],
    from first: UInt32, through last: UInt32,
    in transaction: ReadTransaction
  ) throws -> Simpeg_V1_TurnaroundReport {
    var report = Simpeg_V1_TurnaroundReport()
    report.unitID = unit.id
    report.unitName = unit.name
    report.from = Simpeg_V1_ReportMonth(key: first)
    report.to = Simpeg_V1_ReportMonth(key: last)
    var completed: UInt32 = 0
    var within: UInt32 = 0
    for service in services {
      let section = try serviceSection(service, from: first, through: last, in: transaction)
      completed += section.total.completed
      within += section.total.withinStandard
      report.backlog += section.total.backlog
      report.services.append(section)
    }
    report.completed = completed
    report.withinStandard = within
    report.shareWithinStandardBasisPoints = basisPoints(within, of: completed)
    return report
  }

  /// One service's months and total.
  static func serviceSection(
    _ service: Simpeg_Internal_V1_PublicServiceRecord, from first: UInt32, through last: UInt32,
    in transaction: ReadTransaction
  ) throws -> Simpeg_V1_ServiceTurnaround {
    let rows = try Tables.unitTurnarounds.scan(
      in: transaction,
      range: .closed(
        CompositeKey3(service.unitID, service.id, 0), CompositeKey3(service.unitID, service.id, last)))
    var byMonth: [UInt32: Simpeg_Internal_V1_TurnaroundTally] = [:]
    var openBefore = 0
    let previousMonth = MonthKeys.previous(first)
    for row in rows {
      byMonth[row.key.third] = row.value
      if row.key.third <= previousMonth {
        openBefore += Int(row.value.received) - Int(row.value.completed) - Int(row.value.rejected)
      }
    }
    var section = Simpeg_V1_ServiceTurnaround()
    section.service = Simpeg_V1_PublicService(service)
    var previous = Simpeg_V1_TurnaroundFigures(byMonth[previousMonth] ?? .init())
    previous.backlog = UInt32(clamping: openBefore)
    var open = openBefore
    var total = Simpeg_Internal_V1_TurnaroundTally()
    for month in MonthKeys.range(first, through: last) {
      let tally = byMonth[month] ?? .init()
      total.merge(tally)
      open += Int(tally.received) - Int(tally.completed) - Int(tally.rejected)
      var figures = Simpeg_V1_TurnaroundFigures(tally)
      figures.backlog = UInt32(clamping: open)
      var entry = Simpeg_V1_TurnaroundMonth()
      entry.month = Simpeg_V1_ReportMonth(key: month)
      entry.figures = figures
      entry.change = change(from: previous, to: figures)
      section.months.append(entry)
      previous = figures
    }
    var totalFigures = Simpeg_V1_TurnaroundFigures(total)
    totalFigures.backlog = UInt32(clamping: open)
    section.total = totalFigures
    return section
  }

  /// The change from one month's figures to the next's.
  static func change(from before: Simpeg_V1_TurnaroundFigures, to after: Simpeg_V1_TurnaroundFigures)
    -> Simpeg_V1_MonthChange
  {
    var change = Simpeg_V1_MonthChange()
    change.received = Int32(after.received) - Int32(before.received)
    change.completed = Int32(after.completed) - Int32(before.completed)
    change.backlog = Int32(after.backlog) - Int32(before.backlog)
    change.turnaroundComparable = before.completed > 0 && after.completed > 0
    if change.turnaroundComparable {
      change.median = Int32(after.median) - Int32(before.median)
      change.percentile90 = Int32(after.percentile90) - Int32(before.percentile90)
      change.shareWithinStandardBasisPoints =
        Int32(after.shareWithinStandardBasisPoints) - Int32(before.shareWithinStandardBasisPoints)
    }
    return change
  }

  /// `part / whole` in hundredths of a percent, rounded half up; 0 when `whole` is 0.
  static func basisPoints(_ part: UInt32, of whole: UInt32) -> UInt32 {
    guard whole > 0 else { return 0 }
    return UInt32((UInt64(part) * 20_000 + UInt64(whole)) / (2 * UInt64(whole)))
  }
}
