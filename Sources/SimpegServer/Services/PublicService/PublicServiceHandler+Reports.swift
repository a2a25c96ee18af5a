import SimpegAPI
import SimpegRPC
import SimpegStore

/// Turnaround reports per unit, service and month, and per employee, read from the aggregates
/// kept at write time.
extension PublicServiceHandler {
  /// The longest report, in months.
  static let maximumReportMonths = 36

  func getTurnaroundReport(request: Simpeg_V1_GetTurnaroundReportRequest, context: ServerContext)
    async throws -> Simpeg_V1_TurnaroundReport
  {
    let principal = try context.principal()
    let first = try request.from.key(field: "from")
    let last = try request.to.key(field: "to")
    let months = MonthKeys.range(first, through: last).count
    guard months >= 1, months <= Self.maximumReportMonths else {
      throw RPCError(
        .invalidArgument,
        "a report covers 1 to \(Self.maximumReportMonths) months, from `from` through `to`; asked for \(months)"
      )
    }
    return try store.read { transaction in
      let unit = try Authorizer.readableServiceUnit(request.unitID, by: principal, in: transaction)
      let services: [Simpeg_Internal_V1_PublicServiceRecord]
      if request.serviceID != 0 {
        guard let service = try Tables.publicServices.get(request.serviceID, in: transaction),
          service.unitID == unit.id
        else {
          throw RPCError(.notFound, "\(unit.name) offers no service with id \(request.serviceID)")
        }
        services = [service]
      } else {
        services = try Paging.all { limit, after in
          try Tables.publicServices.page(
            Tables.publicServicesByUnit, prefix: KeyPrefix(unit.id), in: transaction, limit: limit,
            after: after)
        }
      }
      return try TurnaroundReportBuilder.report(
        unit: unit, services: services, from: first, through: last, in: transaction)
    }
  }

  func getEmployeeServiceReport(request: Simpeg_V1_GetEmployeeServiceReportRequest, context: ServerContext)
    async throws -> Simpeg_V1_EmployeeServiceReport
  {
    let principal = try context.principal()
    guard request.year == 0 || (2000...2099).contains(request.year) else {
      throw RPCError(.invalidArgument, "the year must be 2000-2099, or 0 for every year")
    }
    return try store.read { transaction in
      let employee = try Authorizer.readableEmployee(
        request.employeeID, by: principal, scope: ServiceScopes.servicesRead, in: transaction)
      return try EmployeeServiceReportBuilder.report(
        employeeID: employee.id, year: request.year, in: transaction)
    }
  }
}
