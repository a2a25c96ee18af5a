import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// The rules of AssignHolder and VacatePosition: a position has one holder and at most one Plt,
/// an employee holds one position at most (moving them is a transfer), and the person in a
/// post is named when it is refused.
enum HolderAssignment {
  /// Makes `employee` the holder of the vacant `position`.
  static func assignHolder(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, to position: Simpeg_Internal_V1_PositionRecord,
    on date: CalendarDate, reason: String,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_PositionRecord {
    let transaction = mutation.transaction
    try Placement.ensureVacant(position, field: "position_id", in: transaction)
    if employee.positionID != 0 {
      throw RPCError(
        .failedPrecondition,
        "employee_id: \(RecordNaming.employee(employee)) already holds position \(employee.positionID); "
          + "move them with EmployeeService/TransferEmployee")
    }
    return try Placement.seat(
      employee, in: position, on: date, reason: reason, field: "effective", in: mutation
    ).position
  }

  /// Makes `employee` the Plt of `position`, beside or instead of its holder.
  static func assignPlt(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, to position: Simpeg_Internal_V1_PositionRecord,
    on date: CalendarDate, reason: String,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_PositionRecord {
    let transaction = mutation.transaction
    if position.holderEmployeeID == employee.id {
      throw RPCError(
        .failedPrecondition,
        "employee_id: \(RecordNaming.employee(employee)) holds \(RecordNaming.position(position)) and "
          + "cannot also be its Plt")
    }
    if position.actingEmployeeID != 0 {
      let plt =
        try Tables.employees.get(position.actingEmployeeID, in: transaction).map(RecordNaming.employee)
        ?? "employee \(position.actingEmployeeID)"
      throw RPCError(
        .failedPrecondition,
        "position_id: \(RecordNaming.position(position)) already has a Plt, \(plt); end it first")
    }
    return try Placement.startActing(employee, in: position, on: date, reason: reason, in: mutation)
  }

  /// Ends the holder (or, when `acting`, the Plt) of `position`; returns the position and the
  /// employee who left it.
  static func vacate(
    _ position: Simpeg_Internal_V1_PositionRecord, acting: Bool, on date: CalendarDate, in mutation: Mutation
  ) throws -> (position: Simpeg_Internal_V1_PositionRecord, employeeID: UInt64) {
    let transaction = mutation.transaction
    if acting {
      let plt = position.actingEmployeeID
      guard plt != 0 else {
        throw RPCError(.failedPrecondition, "position_id: \(RecordNaming.position(position)) has no Plt")
      }
      let ended = try Placement.endActing(in: position, on: date, field: "effective", in: mutation)
      return (ended, plt)
    }
    if !position.officialHolder.isEmpty {
      throw RPCError(
        .failedPrecondition,
        "position_id: \(RecordNaming.position(position)) is held by the elected official "
          + "\(position.officialHolder), who is not an employee; officials are not vacated here")
    }
    let holderID = position.holderEmployeeID
    guard holderID != 0 else {
      throw RPCError(.failedPrecondition, "position_id: \(RecordNaming.position(position)) is vacant already")
    }
    guard let holder = try Tables.employees.get(holderID, in: transaction),
      holder.positionID == position.id
    else {
      // The holder's record disagrees: clear the position's side so the two agree again.
      var cleared = position
      cleared.holderEmployeeID = 0
      try Tables.positions.put(cleared, for: cleared.id, in: transaction)
      return (cleared, holderID)
    }
    let result = try Placement.unseat(holder, on: date, field: "effective", in: mutation)
    return (result.position ?? position, holderID)
  }
}
