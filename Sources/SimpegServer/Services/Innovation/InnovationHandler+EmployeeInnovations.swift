import SimpegAPI
import SimpegRPC
import SimpegStore

/// The innovations of an employee in published competitions, with their public-service figures:
/// the evidence a performance record links to. The employee reads their own, supervisors those
/// below them, ADMIN and AUDITOR everyone's, services with `innovation.read` too.
extension InnovationHandler {
  func getEmployeeInnovations(request: Simpeg_V1_GetEmployeeInnovationsRequest, context: ServerContext)
    async throws -> Simpeg_V1_GetEmployeeInnovationsResponse
  {
    let principal = try context.principal()
    guard request.year == 0 || (2000...2099).contains(request.year) else {
      throw RPCError(.invalidArgument, "the year must be 2000-2099, or 0 for every year")
    }
    return try store.read { transaction in
      let employee = try Authorizer.readableEmployee(
        request.employeeID, by: principal, scope: ServiceScopes.innovationRead, in: transaction)
      var response = Simpeg_V1_GetEmployeeInnovationsResponse()
      response.employeeID = employee.id
      response.year = request.year
      for row in try Tables.innovations.find(
        Tables.innovationsByAuthor, equalTo: employee.id, in: transaction)
      {
        let innovation = row.value
        guard let competition = try Tables.competitions.get(innovation.competitionID, in: transaction),
          competition.state == .published, request.year == 0 || competition.year == request.year
        else { continue }
        var item = Simpeg_V1_EmployeeInnovation()
        item.competitionID = competition.id
        item.competitionName = competition.name
        item.year = competition.year
        item.innovation = Simpeg_V1_Innovation(innovation)
        item.categoryName = competition.categories.first { $0.id == innovation.categoryID }?.name ?? ""
        if let results = try Tables.competitionResults.get(competition.id, in: transaction),
          let ranked = results.categories.lazy.flatMap(\.ranked).first(where: {
            $0.innovationID == innovation.id
          })
        {
          item.result = ranked
        }
        response.innovations.append(item)
      }
      response.service = try EmployeeServiceReportBuilder.report(
        employeeID: employee.id, year: request.year, in: transaction)
      return response
    }
  }
}
