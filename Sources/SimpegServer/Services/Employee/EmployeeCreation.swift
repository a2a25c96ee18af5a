import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// A new employee, in the steps EmployeeService/CreateEmployee and the employees import share:
/// the record checked without the store (``EmployeeDraft``), its NIP, unit and position checked
/// against the store (``check(_:unitID:positionID:in:)``, which writes nothing, so a refusal
/// there changes nothing), then written with their first riwayat entries
/// (``insert(_:in:)``).
enum EmployeeCreation {
  /// A draft whose place in the store was checked.
  struct Plan: Sendable {
    /// The employee record, with its unit set.
    var employee: Simpeg_Internal_V1_EmployeeRecord
    /// The vacant position to seat them in, if any.
    var position: Simpeg_Internal_V1_PositionRecord?
    /// The first day of the riwayat entries: the TMT (today when unknown).
    var start: CalendarDate
  }

  /// What was written.
  struct Created: Sendable {
    /// The employee as stored.
    var employee: Simpeg_Internal_V1_EmployeeRecord
    /// The audit targets: the employee, and the position they were seated in.
    var targets: [String]
  }

  /// Refuses a NIP that is registered already, a position that is not open and vacant or lies
  /// outside `unitID`, a unit that is not open; needs `unitID` or `positionID`. An employee whose
  /// TMT is unknown starts `today`.
  static func check(
    _ draft: Simpeg_Internal_V1_EmployeeRecord, unitID: UInt64, positionID: UInt64, today: CalendarDate,
    in transaction: ReadTransaction
  ) throws -> Plan {
    guard unitID != 0 || positionID != 0 else {
      throw FieldCheck.invalid("unit_id", "is required (or a position_id, whose unit is then taken)")
    }
    if let owner = try Tables.employees.findUnique(Tables.employeesByNIP, draft.nip, in: transaction) {
      throw RPCError(
        .alreadyExists, "nip: \(draft.nip) is already registered to \(RecordNaming.employee(owner.value))")
    }
    var employee = draft
    var position: Simpeg_Internal_V1_PositionRecord?
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
    let start = draft.tmtCpns.calendarDate ?? today
    return Plan(employee: employee, position: position, start: start)
  }

  /// Writes the employee of a checked plan with a new id, seats them, records their golongan.
  static func insert(_ plan: Plan, in mutation: Mutation) throws -> Created {
    let transaction = mutation.transaction
    var employee = plan.employee
    employee.id = try Tables.nextID("employee", in: transaction)
    employee.createdAt = mutation.moment.timestamp
    employee.updatedAt = employee.createdAt
    try Tables.employees.insert(employee, for: employee.id, in: transaction)
    var targets = ["employee:\(employee.id)"]
    if let position = plan.position {
      employee = try Placement.seat(
        employee, in: position, on: plan.start, reason: "data awal", field: "tmt_cpns", in: mutation
      ).employee
      targets.append("position:\(position.id)")
    }
    if employee.hasGolongan {
      try EmployeeHistoryBook.recordRank(
        employee.golongan, tmt: plan.start, reason: "data awal", for: employee.id, in: transaction)
    }
    return Created(employee: employee, targets: targets)
  }
}
