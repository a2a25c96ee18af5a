import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// `simpeg.v1.EmployeeService`: employees with their riwayat jabatan and pangkat.
///
/// Changes (ADMIN) are checked before the write where no store is needed and inside it where
/// the current state decides; each is audited in the same transaction. Reads go through
/// ``Authorizer``: a user sees themselves and the people below their positions, and a refusal
/// says the same whether or not the employee exists.
struct EmployeeServiceHandler: Simpeg_V1_EmployeeService.Handler {
  let core: ServerCore

  var store: ReadOnlyStore { core.store }
  var ledger: Ledger { core.ledger }

  func createEmployee(request: Simpeg_V1_CreateEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let draft = try EmployeeDraft.make(from: request)
    let unitID = request.unitID
    let positionID = request.positionID
    guard unitID != 0 || positionID != 0 else {
      throw FieldCheck.invalid("unit_id", "is required (or a position_id, whose unit is then taken)")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let plan = try EmployeeCreation.check(
        draft, unitID: unitID, positionID: positionID, today: mutation.moment.today, in: transaction)
      let created = try EmployeeCreation.insert(plan, in: mutation)
      mutation.audit(targets: created.targets)
      return Simpeg_V1_Employee(created.employee)
    }
  }

  func getEmployee(request: Simpeg_V1_GetEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let principal = try context.principal()
    let scope = ServiceScopes.employeesRead
    switch request.key {
    case .id(let id):
      let id = try FieldCheck.id(id, field: "id")
      return try store.read {
        Simpeg_V1_Employee(try Authorizer.readableEmployee(id, by: principal, scope: scope, in: $0))
      }
    case .nip(let text):
      let nip = try NIPField.parse(text).canonical
      return try store.read {
        try Simpeg_V1_Employee(Authorizer.readableEmployee(nip: nip, by: principal, scope: scope, in: $0))
      }
    case nil:
      throw FieldCheck.invalid("id", "give the employee's id or nip")
    }
  }

  func updateEmployee(request: Simpeg_V1_UpdateEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    let change = try EmployeeUpdate(request)
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      var employee = try EmployeeLookup.employee(employeeID, field: "employee_id", in: transaction)
      change.apply(to: &employee)
      employee.updatedAt = mutation.moment.timestamp
      try Tables.employees.put(employee, for: employeeID, in: transaction)
      mutation.audit(targets: ["employee:\(employeeID)"])
      return Simpeg_V1_Employee(employee)
    }
  }

  func transferEmployee(request: Simpeg_V1_TransferEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let moment = core.clock.now()
    let effective = try FieldCheck.effectiveDate(request.effective, field: "effective", today: moment.today)
    let reason = try FieldCheck.reason(request.reason)
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry, at: moment) { mutation in
      let transaction = mutation.transaction
      let employee = try EmployeeLookup.activeEmployee(employeeID, field: "employee_id", in: transaction)
      let target = try OrgLookup.openPosition(positionID, field: "position_id", in: transaction)
      if employee.positionID == positionID {
        throw RPCError(
          .failedPrecondition,
          "position_id: \(RecordNaming.employee(employee)) holds \(RecordNaming.position(target)) already")
      }
      try Placement.ensureVacant(target, field: "position_id", in: transaction)
      try SKPTransfer.checkNoFinalisedPeriod(employee, on: effective, in: transaction)
      let left = try Placement.unseat(employee, on: effective, field: "effective", in: mutation)
      let moved = try Placement.seat(
        left.employee, in: target, on: effective, reason: reason, field: "effective", in: mutation)
      let opened = try SKPTransfer.move(
        moved.employee, to: target, on: effective, reason: reason, in: mutation)
      var targets = ["employee:\(employeeID)", "position:\(positionID)"]
      if let old = left.position { targets.append("position:\(old.id)") }
      if let opened { targets += ["skp:\(opened.previousSkpID)", "skp:\(opened.id)"] }
      mutation.audit(targets: targets)
      return Simpeg_V1_Employee(moved.employee)
    }
  }

  func promoteEmployee(request: Simpeg_V1_PromoteEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    let moment = core.clock.now()
    let tmt = try FieldCheck.effectiveDate(request.tmt, field: "tmt", today: moment.today)
    let reason = try FieldCheck.reason(request.reason)
    guard request.hasGolongan else {
      throw FieldCheck.invalid("golongan", "is required: the new, higher golongan")
    }
    let wanted = request.golongan
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry, at: moment) { mutation in
      let transaction = mutation.transaction
      var employee = try EmployeeLookup.activeEmployee(employeeID, field: "employee_id", in: transaction)
      guard let status = EmploymentStatus(rawValue: employee.status.rawValue) else {
        throw RPCError(
          .failedPrecondition,
          "employee_id: \(RecordNaming.employee(employee)) has no employment status on record; "
            + "correct the record before a promotion")
      }
      guard let golongan = try GolonganRules.golongan(wanted, for: status) else {
        throw FieldCheck.invalid("golongan", "is required: the new, higher golongan")
      }
      let current = employee.golongan.golongan
      guard GolonganRule.isRaise(golongan, over: current) else {
        throw RPCError(
          .failedPrecondition,
          "golongan: \(golongan) is not above the current \(current.map(\.description) ?? "none") of "
            + "\(RecordNaming.employee(employee)); a promotion raises the golongan")
      }
      employee.golongan = Simpeg_V1_Golongan(golongan)
      employee.updatedAt = mutation.moment.timestamp
      try Tables.employees.put(employee, for: employeeID, in: transaction)
      try EmployeeHistoryBook.recordRank(
        employee.golongan, tmt: tmt, reason: reason, for: employeeID, in: transaction)
      mutation.audit(targets: ["employee:\(employeeID)"])
      return Simpeg_V1_Employee(employee)
    }
  }

  func retireEmployee(request: Simpeg_V1_RetireEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    let moment = core.clock.now()
    let effective = try FieldCheck.effectiveDate(request.effective, field: "effective", today: moment.today)
    _ = try FieldCheck.reason(request.reason)
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry, at: moment) { mutation in
      let transaction = mutation.transaction
      let active = try EmployeeLookup.activeEmployee(employeeID, field: "employee_id", in: transaction)
      let left = try Placement.unseat(active, on: effective, field: "effective", in: mutation)
      var targets = ["employee:\(employeeID)"]
      if let held = left.position { targets.append("position:\(held.id)") }
      for row in try Tables.positions.find(Tables.positionsByActing, equalTo: employeeID, in: transaction) {
        try Placement.endActing(in: row.value, on: effective, field: "effective", in: mutation)
        targets.append("position:\(row.key)")
      }
      var employee = left.employee
      employee.active = false
      employee.retiredOn = Simpeg_V1_Date(effective)
      employee.updatedAt = mutation.moment.timestamp
      try Tables.employees.put(employee, for: employeeID, in: transaction)
      mutation.audit(targets: targets)
      return Simpeg_V1_Employee(employee)
    }
  }

  func searchEmployees(request: Simpeg_V1_SearchEmployeesRequest, context: ServerContext) async throws
    -> Simpeg_V1_SearchEmployeesResponse
  {
    let principal = try context.principal()
    let query = try EmployeeSearch.query(from: request)
    let size = Paging.size(of: request.page)
    let token = try Paging.token(of: request.page)
    return try store.read { transaction in
      let page = try EmployeeSearch.run(
        query, includeSubunits: request.includeSubunits, by: principal, size: size, after: token,
        in: transaction)
      var response = Simpeg_V1_SearchEmployeesResponse()
      response.employees = page.values.map(Simpeg_V1_Employee.init)
      response.page = Paging.info(next: page.next)
      return response
    }
  }

  func getEmployeeHistory(request: Simpeg_V1_GetEmployeeHistoryRequest, context: ServerContext)
    async throws -> Simpeg_V1_GetEmployeeHistoryResponse
  {
    let principal = try context.principal()
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    return try store.read { transaction in
      _ = try Authorizer.readableEmployee(
        employeeID, by: principal, scope: ServiceScopes.employeesRead, in: transaction)
      var response = Simpeg_V1_GetEmployeeHistoryResponse()
      for row in try EmployeeHistoryBook.entries(of: employeeID, in: transaction) {
        switch row.value.entry {
        case .position(let entry): response.positions.append(entry)
        case .rank(let entry): response.ranks.append(entry)
        case nil: break
        }
      }
      return response
    }
  }

  func validateNIP(request: Simpeg_V1_ValidateNIPRequest, context: ServerContext) async throws
    -> Simpeg_V1_ValidateNIPResponse
  {
    NIPField.validation(of: request.nip)
  }
}
