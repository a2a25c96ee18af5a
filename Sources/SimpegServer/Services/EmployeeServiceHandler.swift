import SimpegAPI
import SimpegKinerja
import SimpegStore

/// `simpeg.v1.EmployeeService`: employees with their riwayat jabatan and pangkat.
///
/// Changes (ADMIN) are checked before the write where no store is needed and inside it where
/// the current state decides; each is audited in the same transaction. Reads go through
/// ``Authorizer``: a user sees themselves and the people below their positions, and a refusal
/// says the same whether or not the employee exists.
struct EmployeeServiceHandler: Simpeg_V1_EmployeeService.Handler {
  let store: Store

  func createEmployee(request: Simpeg_V1_CreateEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let draft = try EmployeeDraft.make(from: request)
    let unitID = request.unitID
    let positionID = request.positionID
    guard unitID != 0 || positionID != 0 else {
      throw FieldCheck.invalid("unit_id", "is required (or a position_id, whose unit is then taken)")
    }
    let start = draft.tmtCpns.calendarDate ?? LocalCalendar.today()
    let entry = try AuditEntry(context: context, request: request)
    return try await store.write { transaction in
      if let owner = try Tables.employees.findUnique(Tables.employeesByNIP, draft.nip, in: transaction) {
        throw RPCError(
          .alreadyExists, "nip: \(draft.nip) is already registered to \(RecordNaming.employee(owner.value))")
      }
      var employee = draft
      var position: Simpeg_V1_Position?
      if positionID != 0 {
        let wanted = try OrgLookup.openPosition(positionID, field: "position_id", in: transaction)
        try Placement.ensureVacant(wanted, field: "position_id", in: transaction)
        if unitID != 0, unitID != wanted.unitID {
          throw FieldCheck.invalid(
            "unit_id",
            "\(unitID) is not the unit of position \(positionID) (unit \(wanted.unitID)); give that "
              + "unit or leave unit_id 0")
        }
        employee.unitID = wanted.unitID
        position = wanted
      } else {
        employee.unitID = try OrgLookup.openUnit(unitID, field: "unit_id", in: transaction).id
      }
      employee.id = try Tables.nextID("employee", in: transaction)
      try Tables.employees.insert(employee, for: employee.id, in: transaction)
      var targets = ["employee:\(employee.id)"]
      if let position {
        employee = try Placement.seat(
          employee, in: position, on: start, reason: "data awal", field: "tmt_cpns", in: transaction
        ).employee
        targets.append("position:\(position.id)")
      }
      if employee.hasGolongan {
        try EmployeeHistoryBook.recordRank(
          employee.golongan, tmt: start, reason: "data awal", for: employee.id, in: transaction)
      }
      try AuditTrail.append(entry, targets: targets, in: transaction)
      return employee
    }
  }

  func getEmployee(request: Simpeg_V1_GetEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let principal = try context.principal()
    let scope = EmployeeSearch.scope
    switch request.key {
    case .id(let id):
      let id = try FieldCheck.id(id, field: "id")
      return try store.read { try Authorizer.readableEmployee(id, by: principal, scope: scope, in: $0) }
    case .nip(let text):
      let nip = try NIPField.parse(text).canonical
      return try store.read {
        try Authorizer.readableEmployee(nip: nip, by: principal, scope: scope, in: $0)
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
    return try await store.write { transaction in
      var employee = try EmployeeLookup.employee(employeeID, field: "employee_id", in: transaction)
      change.apply(to: &employee)
      employee.updatedAt = .now
      try Tables.employees.put(employee, for: employeeID, in: transaction)
      try AuditTrail.append(entry, targets: ["employee:\(employeeID)"], in: transaction)
      return employee
    }
  }

  func transferEmployee(request: Simpeg_V1_TransferEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let effective = try FieldCheck.effectiveDate(request.effective, field: "effective")
    let reason = try FieldCheck.reason(request.reason)
    let entry = try AuditEntry(context: context, request: request)
    return try await store.write { transaction in
      let employee = try EmployeeLookup.activeEmployee(employeeID, field: "employee_id", in: transaction)
      let target = try OrgLookup.openPosition(positionID, field: "position_id", in: transaction)
      if employee.positionID == positionID {
        throw RPCError(
          .failedPrecondition,
          "position_id: \(RecordNaming.employee(employee)) holds \(RecordNaming.position(target)) already")
      }
      try Placement.ensureVacant(target, field: "position_id", in: transaction)
      let left = try Placement.unseat(employee, on: effective, field: "effective", in: transaction)
      let moved = try Placement.seat(
        left.employee, in: target, on: effective, reason: reason, field: "effective", in: transaction)
      var targets = ["employee:\(employeeID)", "position:\(positionID)"]
      if let old = left.position { targets.append("position:\(old.id)") }
      try AuditTrail.append(entry, targets: targets, in: transaction)
      return moved.employee
    }
  }

  func promoteEmployee(request: Simpeg_V1_PromoteEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    let tmt = try FieldCheck.effectiveDate(request.tmt, field: "tmt")
    let reason = try FieldCheck.reason(request.reason)
    guard request.hasGolongan else {
      throw FieldCheck.invalid("golongan", "is required: the new, higher golongan")
    }
    let wanted = request.golongan
    let entry = try AuditEntry(context: context, request: request)
    return try await store.write { transaction in
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
      guard GolonganRules.isRaise(golongan, over: current) else {
        throw RPCError(
          .failedPrecondition,
          "golongan: \(golongan) is not above the current \(current.map(\.description) ?? "none") of "
            + "\(RecordNaming.employee(employee)); a promotion raises the golongan")
      }
      employee.golongan = Simpeg_V1_Golongan(golongan)
      employee.updatedAt = .now
      try Tables.employees.put(employee, for: employeeID, in: transaction)
      try EmployeeHistoryBook.recordRank(
        employee.golongan, tmt: tmt, reason: reason, for: employeeID, in: transaction)
      try AuditTrail.append(entry, targets: ["employee:\(employeeID)"], in: transaction)
      return employee
    }
  }

  func retireEmployee(request: Simpeg_V1_RetireEmployeeRequest, context: ServerContext) async throws
    -> Simpeg_V1_Employee
  {
    let employeeID = try FieldCheck.id(request.employeeID, field: "employee_id")
    let effective = try FieldCheck.effectiveDate(request.effective, field: "effective")
    _ = try FieldCheck.reason(request.reason)
    let entry = try AuditEntry(context: context, request: request)
    return try await store.write { transaction in
      let active = try EmployeeLookup.activeEmployee(employeeID, field: "employee_id", in: transaction)
      let left = try Placement.unseat(active, on: effective, field: "effective", in: transaction)
      var targets = ["employee:\(employeeID)"]
      if let held = left.position { targets.append("position:\(held.id)") }
      for row in try Tables.positions.find(Tables.positionsByActing, equalTo: employeeID, in: transaction) {
        try Placement.endActing(in: row.value, on: effective, field: "effective", in: transaction)
        targets.append("position:\(row.key)")
      }
      var employee = left.employee
      employee.active = false
      employee.retiredOn = Simpeg_V1_Date(effective)
      employee.updatedAt = .now
      try Tables.employees.put(employee, for: employeeID, in: transaction)
      try AuditTrail.append(entry, targets: targets, in: transaction)
      return employee
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
      response.employees = page.values
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
        employeeID, by: principal, scope: EmployeeSearch.scope, in: transaction)
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
