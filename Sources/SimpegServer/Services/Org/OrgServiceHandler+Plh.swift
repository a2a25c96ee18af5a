import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// OrgService's Plh calls: assign a Plh to a held position for a dated range, end one early,
/// list a position's or an employee's.
extension OrgServiceHandler {
  func assignPlh(request: Simpeg_V1_AssignPlhRequest, context: ServerContext) async throws -> Simpeg_V1_Plh {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    guard let first = try FieldCheck.date(request.firstDay, field: "first_day") else {
      throw FieldCheck.invalid("first_day", "is required")
    }
    guard let last = try FieldCheck.date(request.lastDay, field: "last_day") else {
      throw FieldCheck.invalid("last_day", "is required")
    }
    let reason = try FieldCheck.reason(request.reason)
    let principal = try context.principal()
    let moment = core.clock.now()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry, at: moment) { mutation in
      let transaction = mutation.transaction
      let position = try OrgLookup.openPosition(positionID, field: "position_id", in: transaction)
      let employee = try EmployeeLookup.activeEmployee(employeeID, field: "employee_id", in: transaction)
      return try PlhRecords.assign(
        employee, to: position, over: PlhRange(first: first, last: last), reason: reason,
        today: moment.today, by: principal.username, in: mutation)
    }
  }

  func endPlh(request: Simpeg_V1_EndPlhRequest, context: ServerContext) async throws -> Simpeg_V1_Plh {
    let plhID = try FieldCheck.id(request.plhID, field: "plh_id")
    let moment = core.clock.now()
    let last = try FieldCheck.effectiveDate(request.lastDay, field: "last_day", today: moment.today)
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry, at: moment) { mutation in
      guard let plh = try Tables.plhs.get(plhID, in: mutation.transaction) else {
        throw RPCError(.notFound, "plh_id \(plhID): no such Plh")
      }
      return try PlhRecords.end(plh, on: last, today: moment.today, in: mutation)
    }
  }

  func listPlh(request: Simpeg_V1_ListPlhRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListPlhResponse
  {
    guard (request.positionID == 0) != (request.employeeID == 0) else {
      throw FieldCheck.invalid("position_id", "give position_id or employee_id, one of them")
    }
    let today = core.clock.now().today
    let includePast = request.includePast
    return try store.read { transaction in
      let index = request.positionID != 0 ? Tables.plhsByPosition : Tables.plhsByEmployee
      let owner = request.positionID != 0 ? request.positionID : request.employeeID
      let page = try Paging.page(request.page) { limit, after in
        try Tables.plhs.page(index, prefix: KeyPrefix(owner), in: transaction, limit: limit, after: after)
      } accept: { plh in
        includePast || (!plh.cancelled && (plh.range.map { $0.last >= today } ?? false))
      }
      var response = Simpeg_V1_ListPlhResponse()
      response.plhs = try page.values.map { try PlhRecords.named($0, in: transaction) }
      response.page = page.info
      return response
    }
  }
}
