import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// `simpeg.v1.PlanService`: SKPs, their approval workflow and the RHK cascade.
struct PlanServiceHandler: Simpeg_V1_PlanService.Handler {
  let core: ServerCore

  private var store: ReadOnlyStore { core.store }
  private var ledger: Ledger { core.ledger }

  func createSKP(request: Simpeg_V1_CreateSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    guard (2000...2100).contains(request.year) else {
      throw RPCError(.invalidArgument, "year \(request.year) is not a year from 2000 to 2100")
    }
    let months = try Self.months(first: request.firstMonth, last: request.lastMonth)
    return try await ledger.record(entry) { mutation in
      let owner = try Self.owner(for: request, by: principal, in: mutation.transaction)
      let record = try SKPCommands.create(
        for: owner, year: request.year, months: months, content: request.content,
        at: mutation.moment.timestamp, in: mutation)
      return record.view(record.latest)
    }
  }

  func updateSKP(request: Simpeg_V1_UpdateSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    try Self.requireSKP(request.skpID)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      var record = try SKPActors.ownedRecord(request.skpID, by: principal, in: mutation.transaction)
      return try SKPCommands.edit(
        &record, version: request.version, content: request.content, at: mutation.moment.timestamp,
        in: mutation)
    }
  }

  func submitSKP(request: Simpeg_V1_SubmitSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    try Self.requireSKP(request.skpID)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      var record = try SKPActors.ownedRecord(request.skpID, by: principal, in: mutation.transaction)
      return try SKPCommands.submit(
        &record, version: request.version, at: mutation.moment.timestamp, in: mutation)
    }
  }

  func approveSKP(request: Simpeg_V1_ApproveSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP
  {
    try Self.requireSKP(request.skpID)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      var record = try SKPActors.evaluatedRecord(
        request.skpID, by: principal, on: mutation.moment.today, in: mutation.transaction)
      return try SKPCommands.approve(
        &record, version: request.version, by: principal.username, at: mutation.moment.timestamp,
        in: mutation)
    }
  }

  func returnSKP(request: Simpeg_V1_ReturnSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    try Self.requireSKP(request.skpID)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      var record = try SKPActors.evaluatedRecord(
        request.skpID, by: principal, on: mutation.moment.today, in: mutation.transaction)
      return try SKPCommands.returnForRevision(
        &record, version: request.version, note: request.note, at: mutation.moment.timestamp, in: mutation)
    }
  }

  func reviseSKP(request: Simpeg_V1_ReviseSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    try Self.requireSKP(request.skpID)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      var record = try SKPActors.ownedRecord(request.skpID, by: principal, in: mutation.transaction)
      return try SKPCommands.revise(
        &record, reason: request.reason, at: mutation.moment.timestamp, in: mutation)
    }
  }

  func getSKP(request: Simpeg_V1_GetSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    let principal = try context.principal()
    let today = core.clock.now().today
    return try store.read { transaction in
      let record: Simpeg_Internal_V1_SKPRecord
      switch request.key {
      case .skpID(let id):
        record = try SKPLookup.readable(id, by: principal, on: today, in: transaction)
      case .ownerYear(let owner):
        guard
          let found = try SKPLookup.record(
            employeeID: owner.employeeID, officialPositionID: owner.officialPositionID, year: owner.year,
            in: transaction)
        else {
          if owner.employeeID != 0 {
            _ = try Authorizer.readableEmployee(
              owner.employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
          }
          throw RPCError(.notFound, "no SKP of this owner for \(owner.year)")
        }
        record = try SKPLookup.readable(found.id, by: principal, on: today, in: transaction)
      case nil:
        throw RPCError(.invalidArgument, "give skp_id or owner_year")
      }
      return record.view(try SKPActors.version(request.version, of: record))
    }
  }

  func listSKPVersions(
    request: Simpeg_V1_ListSKPVersionsRequest, context: ServerContext
  ) async throws -> Simpeg_V1_ListSKPVersionsResponse {
    let principal = try context.principal()
    return try store.read { transaction in
      let record = try SKPLookup.readable(request.skpID, by: principal, in: transaction)
      var response = Simpeg_V1_ListSKPVersionsResponse()
      response.versions = record.versions.map(record.view)
      return response
    }
  }

  func listSKPs(request: Simpeg_V1_ListSKPsRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListSKPsResponse
  {
    let principal = try context.principal()
    let evaluator = request.evaluatorEmployeeID == 0 ? principal.employeeID : request.evaluatorEmployeeID
    guard evaluator != 0 else {
      throw RPCError(.invalidArgument, "evaluator_employee_id is required for an account without an employee")
    }
    let listing = SKPListing(
      principal: principal, evaluator: evaluator, year: request.year, status: request.status,
      today: core.clock.now().today)
    return try store.read { transaction in
      if evaluator != principal.employeeID {
        _ = try Authorizer.readableEmployee(
          evaluator, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
      }
      let (records, next) = try listing.page(
        size: Paging.size(of: request.page), after: try Paging.token(of: request.page), in: transaction)
      var response = Simpeg_V1_ListSKPsResponse()
      response.skps = records.map { $0.view($0.latest) }
      response.page = Paging.info(next: next)
      return response
    }
  }

  func getCascade(request: Simpeg_V1_GetCascadeRequest, context: ServerContext) async throws
    -> Simpeg_V1_GetCascadeResponse
  {
    let principal = try context.principal()
    return try store.read { transaction in
      let unit = try Authorizer.visibleUnit(request.unitID, by: principal, in: transaction)
      return try CascadeListing.build(unit: unit, year: request.year, in: transaction)
    }
  }

  // MARK: Helpers

  /// Refuses a request that names no SKP.
  static func requireSKP(_ id: UInt64) throws {
    guard id != 0 else { throw RPCError(.invalidArgument, "skp_id is required") }
  }

  /// The months an SKP covers: the whole year for 0 and 0.
  static func months(first: UInt32, last: UInt32) throws -> ClosedRange<Int> {
    if first == 0 && last == 0 { return 1...12 }
    guard (1...12).contains(first), (1...12).contains(last), first <= last else {
      throw RPCError(
        .invalidArgument, "first_month and last_month must be months 1-12 in order, not \(first)-\(last)")
    }
    return Int(first)...Int(last)
  }

  /// A new SKP's owner fields: the caller's own, or an elected official's for ADMIN.
  private static func owner(
    for request: Simpeg_V1_CreateSKPRequest, by principal: Principal, in transaction: ReadTransaction
  ) throws -> SKPCommands.Owner {
    if request.officialPositionID != 0 {
      guard request.employeeID == 0 else {
        throw RPCError(.invalidArgument, "give employee_id or official_position_id, not both")
      }
      guard Authorizer.actsForOfficial(principal) else {
        throw RPCError(
          .permissionDenied, "only BKPSDM (ADMIN) enters an elected official's SKP (rule: the owner plans)")
      }
      guard let position = try Tables.positions.get(request.officialPositionID, in: transaction),
        !position.officialHolder.isEmpty, !position.closed
      else {
        throw RPCError(
          .invalidArgument, "position \(request.officialPositionID) is not held by an elected official")
      }
      return SKPCommands.Owner(
        positionID: position.id, positionTitle: position.title, unitID: position.unitID,
        level: position.level, ownerName: position.officialHolder)
    }
    let employeeID = request.employeeID == 0 ? principal.employeeID : request.employeeID
    guard employeeID != 0, employeeID == principal.employeeID, !principal.isService else {
      throw RPCError(
        .permissionDenied,
        "an SKP is created by its owner: you may create only your own (rule: the owner plans)")
    }
    guard let employee = try Tables.employees.get(employeeID, in: transaction), employee.active else {
      throw RPCError(.failedPrecondition, "your employee record is missing or retired")
    }
    guard employee.positionID != 0,
      let position = try Tables.positions.get(employee.positionID, in: transaction)
    else {
      throw RPCError(
        .failedPrecondition, "you hold no position; an SKP needs one to find its evaluator")
    }
    return SKPCommands.Owner(
      employeeID: employee.id, positionID: position.id, positionTitle: position.title,
      unitID: employee.unitID != 0 ? employee.unitID : position.unitID, level: position.level,
      ownerName: EvaluatorLookup.displayName(employee))
  }
}
