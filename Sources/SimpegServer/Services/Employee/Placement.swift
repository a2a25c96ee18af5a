import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Who sits where, kept consistent on both sides in one transaction: `Employee.position_id` and
/// `unit_id`, `Position.holder_employee_id` and `acting_employee_id`, and the riwayat jabatan.
///
/// Each function writes the records it changes and returns them; callers check the request
/// (open position, active employee) before calling.
enum Placement {
  /// Refuses (FAILED_PRECONDITION) when `position` has a holder, naming them.
  static func ensureVacant(
    _ position: Simpeg_Internal_V1_PositionRecord, field: String, in transaction: ReadTransaction
  )
    throws
  {
    if position.holderEmployeeID != 0 {
      let holder =
        try Tables.employees.get(position.holderEmployeeID, in: transaction).map(RecordNaming.employee)
        ?? "employee \(position.holderEmployeeID)"
      throw RPCError(
        .failedPrecondition,
        "\(field): \(RecordNaming.position(position)) is held by \(holder); vacate it first")
    }
    if !position.officialHolder.isEmpty {
      throw RPCError(
        .failedPrecondition,
        "\(field): \(RecordNaming.position(position)) is held by the elected official "
          + "\(position.officialHolder)")
    }
  }

  /// Makes `employee` (who holds no position) the holder of the vacant `position` from `date`;
  /// a Plt role of theirs in the same position ends, since they now hold it.
  @discardableResult
  static func seat(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, in position: Simpeg_Internal_V1_PositionRecord,
    on date: CalendarDate, reason: String,
    field: String, in mutation: Mutation
  ) throws -> (employee: Simpeg_Internal_V1_EmployeeRecord, position: Simpeg_Internal_V1_PositionRecord) {
    let transaction = mutation.transaction
    var employee = employee
    var position = position
    if position.actingEmployeeID == employee.id {
      position.actingEmployeeID = 0
      try EmployeeHistoryBook.endPosition(
        position.id, for: employee.id, acting: true, on: date, field: field, in: transaction)
    }
    position.holderEmployeeID = employee.id
    employee.positionID = position.id
    employee.unitID = position.unitID
    employee.updatedAt = mutation.moment.timestamp
    try Tables.positions.put(position, for: position.id, in: transaction)
    try Tables.employees.put(employee, for: employee.id, in: transaction)
    try EmployeeHistoryBook.startPosition(
      position, for: employee.id, acting: false, on: date, reason: reason, in: transaction)
    return (employee, position)
  }

  /// Takes `employee` out of the position they hold, from `date`; their unit stays.
  /// Returns the employee and the position vacated (nil when they held none).
  @discardableResult
  static func unseat(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, on date: CalendarDate, field: String, in mutation: Mutation
  ) throws -> (employee: Simpeg_Internal_V1_EmployeeRecord, position: Simpeg_Internal_V1_PositionRecord?) {
    let transaction = mutation.transaction
    var employee = employee
    guard employee.positionID != 0 else { return (employee, nil) }
    var position = try Tables.positions.get(employee.positionID, in: transaction)
    if var held = position, held.holderEmployeeID == employee.id {
      held.holderEmployeeID = 0
      try Tables.positions.put(held, for: held.id, in: transaction)
      position = held
    }
    try EmployeeHistoryBook.endPosition(
      employee.positionID, for: employee.id, acting: false, on: date, field: field, in: transaction)
    employee.positionID = 0
    employee.updatedAt = mutation.moment.timestamp
    try Tables.employees.put(employee, for: employee.id, in: transaction)
    return (employee, position)
  }

  /// Makes `employee` the Plt of `position` (which has none) from `date`.
  @discardableResult
  static func startActing(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, in position: Simpeg_Internal_V1_PositionRecord,
    on date: CalendarDate, reason: String,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_PositionRecord {
    let transaction = mutation.transaction
    var position = position
    position.actingEmployeeID = employee.id
    try Tables.positions.put(position, for: position.id, in: transaction)
    try EmployeeHistoryBook.startPosition(
      position, for: employee.id, acting: true, on: date, reason: reason, in: transaction)
    return position
  }

  /// Ends the Plt of `position` from `date`.
  @discardableResult
  static func endActing(
    in position: Simpeg_Internal_V1_PositionRecord, on date: CalendarDate, field: String,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_PositionRecord {
    let transaction = mutation.transaction
    var position = position
    let acting = position.actingEmployeeID
    guard acting != 0 else { return position }
    position.actingEmployeeID = 0
    try Tables.positions.put(position, for: position.id, in: transaction)
    try EmployeeHistoryBook.endPosition(
      position.id, for: acting, acting: true, on: date, field: field, in: transaction)
    return position
  }
}
