import SimpegAPI
import SimpegStore

/// Builds an employee's service figures from the per (employee, month, service) aggregates: the
/// requests they completed or rejected as assignee, per service and month. Shared by the
/// public-service report and the innovation evidence of a performance record.
enum EmployeeServiceReportBuilder {
  /// The figures of `employeeID` in `year` (0 for every year).
  static func report(employeeID: UInt64, year: Int32, in transaction: ReadTransaction) throws
    -> Simpeg_V1_EmployeeServiceReport
  {
    let range: KeyRange<CompositeKey3<UInt64, UInt32, UInt64>> =
      year == 0
      ? .prefix(KeyPrefix(employeeID))
      : .closed(
        CompositeKey3(employeeID, UInt32(year) * 100 + 1, 0),
        CompositeKey3(employeeID, UInt32(year) * 100 + 12, .max))
    var sections: [UInt64: Simpeg_V1_EmployeeServiceFigures] = [:]
    var totals: [UInt64: Simpeg_Internal_V1_TurnaroundTally] = [:]
    var order: [UInt64] = []
    for row in try Tables.employeeTurnarounds.scan(in: transaction, range: range) {
      let serviceID = row.key.third
      if sections[serviceID] == nil {
        order.append(serviceID)
        var section = Simpeg_V1_EmployeeServiceFigures()
        section.serviceID = serviceID
        if let service = try Tables.publicServices.get(serviceID, in: transaction) {
          section.serviceName = service.name
          section.unitID = service.unitID
          section.standard = service.standard
        }
        sections[serviceID] = section
      }
      let figures = Simpeg_V1_TurnaroundFigures(row.value)
      var month = Simpeg_V1_EmployeeServiceMonth()
      month.month = Simpeg_V1_ReportMonth(key: row.key.second)
      month.completed = figures.completed
      month.rejected = figures.rejected
      month.withinStandard = figures.withinStandard
      month.median = figures.median
      month.percentile90 = figures.percentile90
      sections[serviceID]!.months.append(month)
      totals[serviceID, default: .init()].merge(row.value)
    }
    var report = Simpeg_V1_EmployeeServiceReport()
    report.employeeID = employeeID
    report.year = year
    for serviceID in order.sorted() {
      var section = sections[serviceID]!
      let total = totals[serviceID] ?? .init()
      section.total = Simpeg_V1_TurnaroundFigures(total)
      report.completed += total.completed
      report.rejected += total.rejected
      report.withinStandard += total.withinStandard
      report.services.append(section)
    }
    report.handled = report.completed + report.rejected
    report.shareWithinStandardBasisPoints = TurnaroundReportBuilder.basisPoints(
      report.withinStandard, of: report.completed)
    return report
  }
}
