import SimpegAPI
import SimpegRPC
import SimpegStore

/// `simpeg.v1.OrgService`: units as a tree, positions with their holders and Plt, and the
/// evaluator chain of any position.
///
/// Requests are checked in two steps: what needs no store before the write, what needs the
/// current state inside it (a refusal there changes nothing). Every change is appended to the
/// audit trail in the same transaction. Who may call what is decided by ``AccessPolicy``.
struct OrgServiceHandler: Simpeg_V1_OrgService.Handler {
  let core: ServerCore

  var store: ReadOnlyStore { core.store }
  var ledger: Ledger { core.ledger }

  // MARK: Units

  func createUnit(request: Simpeg_V1_CreateUnitRequest, context: ServerContext) async throws
    -> Simpeg_V1_Unit
  {
    let draft = try UnitCreation.draft(from: request)
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      try UnitCreation.check(draft, in: mutation.transaction)
      return try Simpeg_V1_Unit(UnitCreation.insert(draft, in: mutation))
    }
  }

  func renameUnit(request: Simpeg_V1_RenameUnitRequest, context: ServerContext) async throws
    -> Simpeg_V1_Unit
  {
    let unitID = try FieldCheck.id(request.unitID, field: "unit_id")
    let name = try FieldCheck.text(request.name, field: "name", limit: FieldCheck.nameLimit)
    let code = try UnitNaming.code(request.code)
    guard !name.isEmpty || !code.isEmpty else {
      throw FieldCheck.invalid("name", "nothing to change: give a new name, a new code or both")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      var unit = try OrgLookup.openUnit(unitID, field: "unit_id", in: transaction)
      if !name.isEmpty {
        try UnitNaming.ensureNameFree(name, under: unit.parentID, except: unitID, in: transaction)
        unit.name = name
      }
      if !code.isEmpty {
        try UnitNaming.ensureCodeFree(code, except: unitID, in: transaction)
        unit.code = code
      }
      try Tables.units.put(unit, for: unitID, in: transaction)
      mutation.audit(targets: ["unit:\(unitID)"])
      return Simpeg_V1_Unit(unit)
    }
  }

  func moveUnit(request: Simpeg_V1_MoveUnitRequest, context: ServerContext) async throws
    -> Simpeg_V1_Unit
  {
    let unitID = try FieldCheck.id(request.unitID, field: "unit_id")
    let newParentID = try FieldCheck.id(request.newParentID, field: "new_parent_id")
    guard newParentID != unitID else {
      throw FieldCheck.invalid("new_parent_id", "is the unit itself; a unit cannot be its own parent")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      var unit = try OrgLookup.openUnit(unitID, field: "unit_id", in: transaction)
      _ = try OrgLookup.openUnit(newParentID, field: "new_parent_id", in: transaction)
      let oldParentID = unit.parentID
      guard oldParentID != newParentID else {
        mutation.leaveUnchanged()
        return Simpeg_V1_Unit(unit)
      }
      try UnitWalk.ensureMoveKeepsTree(unitID, under: newParentID, in: transaction)
      try UnitNaming.ensureNameFree(unit.name, under: newParentID, except: unitID, in: transaction)
      unit.parentID = newParentID
      try Tables.units.put(unit, for: unitID, in: transaction)
      mutation.audit(targets: ["unit:\(unitID)", "unit:\(oldParentID)", "unit:\(newParentID)"])
      return Simpeg_V1_Unit(unit)
    }
  }

  func closeUnit(request: Simpeg_V1_CloseUnitRequest, context: ServerContext) async throws
    -> Simpeg_V1_Unit
  {
    let unitID = try FieldCheck.id(request.unitID, field: "unit_id")
    let reason = try FieldCheck.reason(request.reason)
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      var unit = try OrgLookup.openUnit(unitID, field: "unit_id", in: transaction)
      try UnitClosing.ensureNothingOpen(in: unit, in: transaction)
      unit.closed = true
      unit.closedAt = mutation.moment.timestamp
      unit.closedReason = reason
      try Tables.units.put(unit, for: unitID, in: transaction)
      mutation.audit(targets: ["unit:\(unitID)"])
      return Simpeg_V1_Unit(unit)
    }
  }

  func getUnit(request: Simpeg_V1_GetUnitRequest, context: ServerContext) async throws
    -> Simpeg_V1_Unit
  {
    let unitID = try FieldCheck.id(request.unitID, field: "unit_id")
    return try store.read { Simpeg_V1_Unit(try OrgLookup.unit(unitID, field: "unit_id", in: $0)) }
  }

  func listUnits(request: Simpeg_V1_ListUnitsRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListUnitsResponse
  {
    let size = Paging.size(of: request.page)
    let token = try Paging.token(of: request.page)
    return try store.read { transaction in
      if request.parentID != 0 {
        _ = try OrgLookup.unit(request.parentID, field: "parent_id", in: transaction)
      }
      let page = try Paging.collect(size: size, after: token) { limit, after in
        try Tables.units.page(
          Tables.unitsByParent, prefix: KeyPrefix(request.parentID), in: transaction, limit: limit,
          after: after)
      } accept: {
        request.includeClosed || !$0.closed
      }
      var response = Simpeg_V1_ListUnitsResponse()
      response.units = page.values.map(Simpeg_V1_Unit.init)
      response.page = Paging.info(next: page.next)
      return response
    }
  }

  func getUnitTree(request: Simpeg_V1_GetUnitTreeRequest, context: ServerContext) async throws
    -> Simpeg_V1_GetUnitTreeResponse
  {
    try store.read { transaction in
      var response = Simpeg_V1_GetUnitTreeResponse()
      response.nodes = try UnitTreeListing.nodes(
        from: request.rootID, includeClosed: request.includeClosed, maxDepth: request.maxDepth,
        in: transaction)
      return response
    }
  }

  // MARK: Positions

  func createPosition(request: Simpeg_V1_CreatePositionRequest, context: ServerContext) async throws
    -> Simpeg_V1_Position
  {
    let draft = try PositionCreation.draft(from: request)
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      try PositionCreation.check(draft, in: mutation.transaction)
      return try Simpeg_V1_Position(PositionCreation.insert(draft, in: mutation))
    }
  }

  func getPosition(request: Simpeg_V1_GetPositionRequest, context: ServerContext) async throws
    -> Simpeg_V1_Position
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    return try store.read {
      Simpeg_V1_Position(try OrgLookup.position(positionID, field: "position_id", in: $0))
    }
  }

  func listPositions(request: Simpeg_V1_ListPositionsRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListPositionsResponse
  {
    let size = Paging.size(of: request.page)
    let token = try Paging.token(of: request.page)
    return try store.read { transaction in
      let unitID = request.unitID
      if unitID != 0 { _ = try OrgLookup.unit(unitID, field: "unit_id", in: transaction) }
      let page = try Paging.collect(size: size, after: token) { limit, after in
        unitID == 0
          ? try Tables.positions.page(in: transaction, limit: limit, after: after)
          : try Tables.positions.page(
            Tables.positionsByUnit, prefix: KeyPrefix(unitID), in: transaction, limit: limit, after: after)
      } accept: {
        request.includeClosed || !$0.closed
      }
      var response = Simpeg_V1_ListPositionsResponse()
      response.positions = page.values.map(Simpeg_V1_Position.init)
      response.page = Paging.info(next: page.next)
      return response
    }
  }

  func closePosition(request: Simpeg_V1_ClosePositionRequest, context: ServerContext) async throws
    -> Simpeg_V1_Position
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let reason = try FieldCheck.reason(request.reason)
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      var position = try OrgLookup.position(positionID, field: "position_id", in: transaction)
      guard !position.closed else {
        throw RPCError(
          .failedPrecondition, "position_id: \(RecordNaming.position(position)) is closed already")
      }
      try Placement.ensureVacant(position, field: "position_id", in: transaction)
      if position.actingEmployeeID != 0 {
        let plt =
          try Tables.employees.get(position.actingEmployeeID, in: transaction).map(RecordNaming.employee)
          ?? "employee \(position.actingEmployeeID)"
        throw RPCError(
          .failedPrecondition,
          "position_id: \(RecordNaming.position(position)) has a Plt, \(plt); end the Plt first")
      }
      position.closed = true
      position.closedReason = reason
      try Tables.positions.put(position, for: positionID, in: transaction)
      mutation.audit(targets: ["position:\(positionID)"])
      return Simpeg_V1_Position(position)
    }
  }

  func assignHolder(request: Simpeg_V1_AssignHolderRequest, context: ServerContext) async throws
    -> Simpeg_V1_Position
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    let moment = core.clock.now()
    let effective = try FieldCheck.effectiveDate(request.effective, field: "effective", today: moment.today)
    let reason = try FieldCheck.reason(request.reason)
    let acting = request.acting
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry, at: moment) { mutation in
      let transaction = mutation.transaction
      let position = try OrgLookup.openPosition(positionID, field: "position_id", in: transaction)
      let employee = try EmployeeLookup.activeEmployee(employeeID, field: "employee_id", in: transaction)
      let result: Simpeg_Internal_V1_PositionRecord
      if acting {
        result = try HolderAssignment.assignPlt(
          employee, to: position, on: effective, reason: reason, in: mutation)
      } else {
        result = try HolderAssignment.assignHolder(
          employee, to: position, on: effective, reason: reason, in: mutation)
      }
      mutation.audit(targets: ["position:\(positionID)", "employee:\(employeeID)"])
      return Simpeg_V1_Position(result)
    }
  }

  func vacatePosition(request: Simpeg_V1_VacatePositionRequest, context: ServerContext) async throws
    -> Simpeg_V1_Position
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let moment = core.clock.now()
    let effective = try FieldCheck.effectiveDate(request.effective, field: "effective", today: moment.today)
    _ = try FieldCheck.reason(request.reason)
    let acting = request.acting
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry, at: moment) { mutation in
      let transaction = mutation.transaction
      let position = try OrgLookup.position(positionID, field: "position_id", in: transaction)
      let vacated = try HolderAssignment.vacate(position, acting: acting, on: effective, in: mutation)
      mutation.audit(targets: ["position:\(positionID)", "employee:\(vacated.employeeID)"])
      return Simpeg_V1_Position(vacated.position)
    }
  }

  func getEvaluatorChain(request: Simpeg_V1_GetEvaluatorChainRequest, context: ServerContext)
    async throws -> Simpeg_V1_GetEvaluatorChainResponse
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let day = try FieldCheck.effectiveDate(request.on, field: "on", today: core.clock.now().today)
    return try store.read { try EvaluatorChainLookup.chain(for: positionID, on: day, in: $0) }
  }
}
