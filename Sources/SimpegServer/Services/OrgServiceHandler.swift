import SimpegAPI
import SimpegStore

/// `simpeg.v1.OrgService`: units as a tree, positions with their holders and Plt, and the
/// evaluator chain of any position.
///
/// Requests are checked in two steps: what needs no store before the write, what needs the
/// current state inside it (a refusal there changes nothing). Every change is appended to the
/// audit trail in the same transaction. Who may call what is decided by ``AccessPolicy``.
struct OrgServiceHandler: Simpeg_V1_OrgService.Handler {
  let store: Store

  // MARK: Units

  func createUnit(request: Simpeg_V1_CreateUnitRequest, context: ServerContext) async throws
    -> Simpeg_V1_Unit
  {
    let name = try UnitNaming.name(request.name)
    let code = try UnitNaming.code(request.code)
    let kind = try UnitNaming.kind(request.kind)
    let parentID = request.parentID
    if parentID == 0, kind != .pemerintahKota {
      throw FieldCheck.invalid(
        "parent_id", "is required: only the root unit (kind PEMERINTAH_KOTA) has no parent")
    }
    if parentID != 0, kind == .pemerintahKota {
      throw FieldCheck.invalid("kind", "PEMERINTAH_KOTA is the kind of the root unit only")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await store.write { transaction in
      if parentID == 0 {
        if let root = try OrgLookup.children(of: 0, in: transaction).first {
          throw FieldCheck.invalid(
            "parent_id", "is required: the organisation already has its root, \(RecordNaming.unit(root))")
        }
      } else {
        _ = try OrgLookup.openUnit(parentID, field: "parent_id", in: transaction)
      }
      try UnitNaming.ensureNameFree(name, under: parentID, in: transaction)
      try UnitNaming.ensureCodeFree(code, in: transaction)
      var unit = Simpeg_V1_Unit()
      unit.id = try Tables.nextID("unit", in: transaction)
      unit.parentID = parentID
      unit.kind = kind
      unit.name = name
      unit.code = code
      unit.createdAt = .now
      try Tables.units.insert(unit, for: unit.id, in: transaction)
      try AuditTrail.append(entry, targets: ["unit:\(unit.id)"], in: transaction)
      return unit
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
    return try await store.write { transaction in
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
      try AuditTrail.append(entry, targets: ["unit:\(unitID)"], in: transaction)
      return unit
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
    return try await store.write { transaction in
      var unit = try OrgLookup.openUnit(unitID, field: "unit_id", in: transaction)
      _ = try OrgLookup.openUnit(newParentID, field: "new_parent_id", in: transaction)
      let oldParentID = unit.parentID
      guard oldParentID != newParentID else { return unit }
      try UnitAncestry.ensureMoveKeepsTree(unitID, under: newParentID, in: transaction)
      try UnitNaming.ensureNameFree(unit.name, under: newParentID, except: unitID, in: transaction)
      unit.parentID = newParentID
      try Tables.units.put(unit, for: unitID, in: transaction)
      try AuditTrail.append(
        entry, targets: ["unit:\(unitID)", "unit:\(oldParentID)", "unit:\(newParentID)"], in: transaction)
      return unit
    }
  }

  func closeUnit(request: Simpeg_V1_CloseUnitRequest, context: ServerContext) async throws
    -> Simpeg_V1_Unit
  {
    let unitID = try FieldCheck.id(request.unitID, field: "unit_id")
    let reason = try FieldCheck.reason(request.reason)
    let entry = try AuditEntry(context: context, request: request)
    return try await store.write { transaction in
      var unit = try OrgLookup.openUnit(unitID, field: "unit_id", in: transaction)
      try UnitClosing.ensureNothingOpen(in: unit, in: transaction)
      unit.closed = true
      unit.closedAt = .now
      unit.closedReason = reason
      try Tables.units.put(unit, for: unitID, in: transaction)
      try AuditTrail.append(entry, targets: ["unit:\(unitID)"], in: transaction)
      return unit
    }
  }

  func getUnit(request: Simpeg_V1_GetUnitRequest, context: ServerContext) async throws
    -> Simpeg_V1_Unit
  {
    let unitID = try FieldCheck.id(request.unitID, field: "unit_id")
    return try store.read { try OrgLookup.unit(unitID, field: "unit_id", in: $0) }
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
      response.units = page.values
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
    let unitID = try FieldCheck.id(request.unitID, field: "unit_id")
    let title = try FieldCheck.text(
      request.title, field: "title", limit: FieldCheck.nameLimit, required: true)
    let classification = try PositionClassification.check(
      kind: request.kind, level: request.level, eselon: request.eselon)
    let supervisorID = request.supervisorPositionID
    let entry = try AuditEntry(context: context, request: request)
    return try await store.write { transaction in
      _ = try OrgLookup.openUnit(unitID, field: "unit_id", in: transaction)
      if supervisorID != 0 {
        _ = try OrgLookup.openPosition(supervisorID, field: "supervisor_position_id", in: transaction)
      }
      var position = Simpeg_V1_Position()
      position.id = try Tables.nextID("position", in: transaction)
      position.unitID = unitID
      position.title = title
      position.kind = classification.kind
      position.level = classification.level
      position.eselon = classification.eselon
      position.supervisorPositionID = supervisorID
      try Tables.positions.insert(position, for: position.id, in: transaction)
      try AuditTrail.append(entry, targets: ["position:\(position.id)", "unit:\(unitID)"], in: transaction)
      return position
    }
  }

  func getPosition(request: Simpeg_V1_GetPositionRequest, context: ServerContext) async throws
    -> Simpeg_V1_Position
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    return try store.read { try OrgLookup.position(positionID, field: "position_id", in: $0) }
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
      response.positions = page.values
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
    return try await store.write { transaction in
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
      try AuditTrail.append(entry, targets: ["position:\(positionID)"], in: transaction)
      return position
    }
  }

  func assignHolder(request: Simpeg_V1_AssignHolderRequest, context: ServerContext) async throws
    -> Simpeg_V1_Position
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    let effective = try FieldCheck.effectiveDate(request.effective, field: "effective")
    let reason = try FieldCheck.reason(request.reason)
    let acting = request.acting
    let entry = try AuditEntry(context: context, request: request)
    return try await store.write { transaction in
      let position = try OrgLookup.openPosition(positionID, field: "position_id", in: transaction)
      let employee = try EmployeeLookup.activeEmployee(employeeID, field: "employee_id", in: transaction)
      let result: Simpeg_V1_Position
      if acting {
        result = try HolderAssignment.assignPlt(
          employee, to: position, on: effective, reason: reason, in: transaction)
      } else {
        result = try HolderAssignment.assignHolder(
          employee, to: position, on: effective, reason: reason, in: transaction)
      }
      try AuditTrail.append(
        entry, targets: ["position:\(positionID)", "employee:\(employeeID)"], in: transaction)
      return result
    }
  }

  func vacatePosition(request: Simpeg_V1_VacatePositionRequest, context: ServerContext) async throws
    -> Simpeg_V1_Position
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let effective = try FieldCheck.effectiveDate(request.effective, field: "effective")
    _ = try FieldCheck.reason(request.reason)
    let acting = request.acting
    let entry = try AuditEntry(context: context, request: request)
    return try await store.write { transaction in
      let position = try OrgLookup.position(positionID, field: "position_id", in: transaction)
      let vacated = try HolderAssignment.vacate(position, acting: acting, on: effective, in: transaction)
      try AuditTrail.append(
        entry, targets: ["position:\(positionID)", "employee:\(vacated.employeeID)"], in: transaction)
      return vacated.position
    }
  }

  func getEvaluatorChain(request: Simpeg_V1_GetEvaluatorChainRequest, context: ServerContext)
    async throws -> Simpeg_V1_GetEvaluatorChainResponse
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    return try store.read { try EvaluatorChainLookup.chain(for: positionID, in: $0) }
  }
}
