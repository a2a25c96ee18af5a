import SimpegAPI
import SimpegKinerja
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
      let transaction = mutation.transaction
      let now = mutation.moment.timestamp
      var skp = try Self.newSKP(for: request, by: principal, in: transaction)
      if let existing = try SKPLookup.record(
        employeeID: skp.employeeID, officialPositionID: skp.positionID, year: request.year, in: transaction)
      {
        throw RPCError(
          .alreadyExists,
          "\(skp.ownerName) already has an SKP for \(request.year) (id \(existing.id)); one per year: "
            + "revise it instead")
      }
      let chain = try EvaluatorLookup.chain(for: skp.positionID, in: transaction)
      if let penilai = chain.penilai.evaluator {
        skp.evaluator = try EvaluatorLookup.person(penilai, in: transaction)
      } else if try Tables.positions.get(skp.positionID, in: transaction)?.supervisorPositionID ?? 0 != 0 {
        throw RPCError(
          .failedPrecondition,
          "no evaluator can be found: every position above \(skp.positionTitle) is vacant without a Plt; "
            + "BKPSDM must fill one or appoint a Plt")
      }
      if let atasan = chain.atasanPenilai?.evaluator {
        skp.atasan = try EvaluatorLookup.person(atasan, in: transaction)
      }
      skp.id = try Tables.nextID("skp", in: transaction)
      skp.year = request.year
      skp.version = 1
      skp.status = .draft
      skp.firstMonth = UInt32(months.lowerBound)
      skp.lastMonth = UInt32(months.upperBound)
      skp.createdAt = now
      skp.updatedAt = now
      skp.content = try SKPContentRules.prepare(request.content, for: skp, previous: nil, in: transaction)
      var record = Simpeg_Internal_V1_SKPRecord()
      record.id = skp.id
      record.versions = [skp]
      try Tables.skps.insert(record, for: skp.id, in: transaction)
      mutation.audit(targets: SKPActors.targets(skp))
      return record.view(skp)
    }
  }

  func updateSKP(request: Simpeg_V1_UpdateSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    try Self.requireSKP(request.skpID)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let now = mutation.moment.timestamp
      var record = try SKPActors.ownedRecord(request.skpID, by: principal, in: transaction)
      var skp = try SKPActors.version(request.version, of: record)
      _ = try SKPActors.apply(.edit, to: skp, by: .owner)
      skp.content = try SKPContentRules.prepare(
        request.content, for: skp, previous: skp.content, in: transaction)
      skp.updatedAt = now
      return try Self.store(skp, in: &record, mutation: mutation)
    }
  }

  func submitSKP(request: Simpeg_V1_SubmitSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    try Self.requireSKP(request.skpID)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let now = mutation.moment.timestamp
      var record = try SKPActors.ownedRecord(request.skpID, by: principal, in: transaction)
      var skp = try SKPActors.version(request.version, of: record)
      let transition = try SKPActors.apply(.submit, to: skp, by: .owner)
      try SKPContentRules.checkSubmittable(skp.content)
      skp.status = Simpeg_V1_SKPStatus(transition.version.status)
      skp.submittedAt = now
      skp.updatedAt = now
      return try Self.store(skp, in: &record, mutation: mutation)
    }
  }

  func approveSKP(request: Simpeg_V1_ApproveSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP
  {
    try Self.requireSKP(request.skpID)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let now = mutation.moment.timestamp
      var record = try SKPActors.evaluatedRecord(request.skpID, by: principal, in: transaction)
      var skp = try SKPActors.version(request.version, of: record)
      let transition = try SKPActors.apply(.approve, to: skp, by: .evaluator)
      for (index, rhk) in skp.content.rhks.enumerated() {
        try SKPCascade.check(
          parent: rhk.parentRhkID, kind: RHKKind(rawValue: rhk.kind.rawValue) ?? .utama, of: skp,
          field: "content.rhks[\(index)]", in: transaction)
      }
      if let inForce = record.inForce {
        try Self.checkNoOrphans(dropping: inForce, for: skp, in: transaction)
        if let index = record.index(of: inForce.version) {
          record.versions[index].status = .superseded
          record.versions[index].updatedAt = now
        }
      }
      skp.status = Simpeg_V1_SKPStatus(transition.version.status)
      skp.approvedAt = now
      skp.approvedBy = principal.username
      skp.updatedAt = now
      record.inForceVersion = skp.version
      return try Self.store(skp, in: &record, mutation: mutation)
    }
  }

  func returnSKP(request: Simpeg_V1_ReturnSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    try Self.requireSKP(request.skpID)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let now = mutation.moment.timestamp
      var record = try SKPActors.evaluatedRecord(request.skpID, by: principal, in: transaction)
      var skp = try SKPActors.version(request.version, of: record)
      let transition = try SKPActors.apply(.returnForRevision(note: request.note), to: skp, by: .evaluator)
      guard request.note.count <= SKPContentRules.maxText else {
        throw RPCError(.invalidArgument, "note is longer than \(SKPContentRules.maxText) characters")
      }
      skp.status = Simpeg_V1_SKPStatus(transition.version.status)
      skp.returnNote = request.note
      skp.updatedAt = now
      return try Self.store(skp, in: &record, mutation: mutation)
    }
  }

  func reviseSKP(request: Simpeg_V1_ReviseSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    try Self.requireSKP(request.skpID)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let now = mutation.moment.timestamp
      var record = try SKPActors.ownedRecord(request.skpID, by: principal, in: transaction)
      let latest = record.latest
      let transition = try SKPActors.apply(.revise(reason: request.reason), to: latest, by: .owner)
      guard request.reason.count <= SKPContentRules.maxText else {
        throw RPCError(.invalidArgument, "reason is longer than \(SKPContentRules.maxText) characters")
      }
      var draft = latest
      draft.version = UInt32(transition.version.number)
      draft.status = .draft
      draft.revisionReason = request.reason
      draft.returnNote = ""
      draft.createdAt = now
      draft.updatedAt = now
      draft.clearSubmittedAt()
      draft.clearApprovedAt()
      draft.approvedBy = ""
      record.versions.append(draft)
      return try Self.store(draft, in: &record, mutation: mutation)
    }
  }

  func getSKP(request: Simpeg_V1_GetSKPRequest, context: ServerContext) async throws -> Simpeg_V1_SKP {
    let principal = try context.principal()
    return try store.read { transaction in
      let record: Simpeg_Internal_V1_SKPRecord
      switch request.key {
      case .skpID(let id):
        record = try SKPLookup.readable(id, by: principal, in: transaction)
      case .ownerYear(let owner):
        guard
          let found = try SKPLookup.record(
            employeeID: owner.employeeID, officialPositionID: owner.officialPositionID, year: owner.year,
            in: transaction)
        else {
          if owner.employeeID != 0 {
            _ = try PerformanceAccess.readableEmployee(owner.employeeID, by: principal, in: transaction)
          }
          throw RPCError(.notFound, "no SKP of this owner for \(owner.year)")
        }
        record = try SKPLookup.readable(found.id, by: principal, in: transaction)
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
    return try store.read { transaction in
      if evaluator != principal.employeeID {
        _ = try PerformanceAccess.readableEmployee(evaluator, by: principal, in: transaction)
      }
      let prefix =
        request.year == 0
        ? KeyPrefix(evaluator) : KeyPrefix(CompositeKey2(evaluator, UInt32(clamping: request.year)))
      let status = request.status
      let (records, next) = try Paging.collect(
        size: Paging.size(of: request.page), after: try Paging.token(of: request.page),
        read: { limit, after in
          try Tables.skps.page(
            Tables.skpsByEvaluator, prefix: prefix, in: transaction, limit: limit, after: after)
        }
      ) { status == .unspecified || $0.latest.status == status }
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
      let unit = try UnitTree.visibleUnit(request.unitID, by: principal, in: transaction)
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
  private static func newSKP(
    for request: Simpeg_V1_CreateSKPRequest, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Simpeg_V1_SKP {
    var skp = Simpeg_V1_SKP()
    if request.officialPositionID != 0 {
      guard request.employeeID == 0 else {
        throw RPCError(.invalidArgument, "give employee_id or official_position_id, not both")
      }
      guard PerformanceAccess.actsForOfficial(principal) else {
        throw RPCError(
          .permissionDenied, "only BKPSDM (ADMIN) enters an elected official's SKP (rule: the owner plans)")
      }
      guard let position = try Tables.positions.get(request.officialPositionID, in: transaction),
        !position.officialHolder.isEmpty, !position.closed
      else {
        throw RPCError(
          .invalidArgument, "position \(request.officialPositionID) is not held by an elected official")
      }
      skp.positionID = position.id
      skp.positionTitle = position.title
      skp.unitID = position.unitID
      skp.level = position.level
      skp.ownerName = position.officialHolder
      return skp
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
    skp.employeeID = employee.id
    skp.ownerName = EvaluatorLookup.displayName(employee)
    skp.positionID = position.id
    skp.positionTitle = position.title
    skp.unitID = employee.unitID != 0 ? employee.unitID : position.unitID
    skp.level = position.level
    return skp
  }

  /// Refuses approving a revision that drops an RHK still supported by subordinates' SKPs.
  private static func checkNoOrphans(
    dropping inForce: Simpeg_V1_SKP, for revision: Simpeg_V1_SKP, in transaction: ReadTransaction
  ) throws {
    let kept = Set(revision.content.rhks.map(\.id))
    for rhk in inForce.content.rhks where !kept.contains(rhk.id) {
      let children = try Tables.skps.find(Tables.skpsByParentRHK, equalTo: rhk.id, in: transaction, limit: 20)
      if !children.isEmpty {
        throw RPCError(
          .failedPrecondition,
          "version \(revision.version) drops RHK \(rhk.id), which RHKs of \(children.count) subordinate "
            + "SKP(s) support (\(children.map { "\($0.key)" }.joined(separator: ", "))); they must "
            + "cascade from another RHK first (rule: RHK cascade)")
      }
    }
  }

  /// Writes `skp` into `record` (replacing its version or as the new one), stores the record and
  /// names it for the audit record.
  private static func store(
    _ skp: Simpeg_V1_SKP, in record: inout Simpeg_Internal_V1_SKPRecord, mutation: Mutation
  ) throws -> Simpeg_V1_SKP {
    let transaction = mutation.transaction
    if let index = record.index(of: skp.version) {
      record.versions[index] = skp
    } else {
      record.versions.append(skp)
    }
    try Tables.skps.put(record, for: record.id, in: transaction)
    mutation.audit(targets: SKPActors.targets(skp))
    return record.view(skp)
  }
}
