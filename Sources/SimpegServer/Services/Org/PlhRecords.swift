import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Reading and writing the Plh (pelaksana harian) of positions: who stands in for a holder on a
/// day, and the assignment and early end of a Plh under SimpegKinerja's ``PlhRule``.
enum PlhRecords {
  /// The Plh of `positionID` standing in on `day`, if any.
  static func standing(
    in positionID: UInt64, on day: CalendarDate, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_PlhRecord? {
    try of(position: positionID, in: transaction).first { plh in
      plh.range.map { $0.contains(day) } ?? false
    }
  }

  /// The Plh of `positionID` that are not cancelled, by first day.
  static func of(position positionID: UInt64, in transaction: ReadTransaction) throws
    -> [Simpeg_Internal_V1_PlhRecord]
  {
    try Tables.plhs.page(Tables.plhsByPosition, prefix: KeyPrefix(positionID), in: transaction, limit: .max)
      .rows.map(\.value).filter { !$0.cancelled }
  }

  /// The positions `employeeID` stands in for as Plh on `day`.
  static func positions(
    of employeeID: UInt64, on day: CalendarDate, in transaction: ReadTransaction
  ) throws -> [UInt64] {
    try Tables.plhs.page(Tables.plhsByEmployee, prefix: KeyPrefix(employeeID), in: transaction, limit: .max)
      .rows.map(\.value).filter { !$0.cancelled && ($0.range?.contains(day) ?? false) }.map(\.positionID)
  }

  /// Makes `employee` the Plh of `position` over `range` from `today`, assigned by `actor`.
  static func assign(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, to position: Simpeg_Internal_V1_PositionRecord,
    over range: PlhRange, reason: String,
    today: CalendarDate, by actor: String, in mutation: Mutation
  ) throws -> Simpeg_V1_Plh {
    let transaction = mutation.transaction
    let others = try of(position: position.id, in: transaction).compactMap(\.range)
    do {
      try PlhRule.checkAssignment(
        standIn: employee.id, holder: position.holderEmployeeID == 0 ? nil : position.holderEmployeeID,
        range: range, others: others, today: today)
    } catch {
      throw refusal(error, position: position, in: transaction)
    }
    var plh = Simpeg_Internal_V1_PlhRecord()
    plh.id = try Tables.nextID("plh", in: transaction)
    plh.positionID = position.id
    plh.employeeID = employee.id
    plh.firstDay = Simpeg_V1_Date(range.first)
    plh.lastDay = Simpeg_V1_Date(range.last)
    plh.holderEmployeeID = position.holderEmployeeID
    plh.reason = reason
    plh.assignedBy = actor
    plh.assignedAt = mutation.moment.timestamp
    try Tables.plhs.insert(plh, for: plh.id, in: transaction)
    mutation.audit(targets: ["plh:\(plh.id)", "position:\(position.id)", "employee:\(employee.id)"])
    var answer = Simpeg_V1_Plh(plh)
    answer.name = EvaluatorLookup.displayName(employee)
    return answer
  }

  /// Ends `plh` on `newLast` (cancels it when it had not begun and ends before its first day).
  static func end(
    _ plh: Simpeg_Internal_V1_PlhRecord, on newLast: CalendarDate, today: CalendarDate, in mutation: Mutation
  ) throws -> Simpeg_V1_Plh {
    let transaction = mutation.transaction
    guard !plh.cancelled, let range = plh.range else {
      throw Refusals.error(
        .failedPrecondition, .plhRange, "Plh \(plh.id) was cancelled already", rule: PlhRules.rule,
        field: "plh_id")
    }
    var ended = plh
    do {
      if let shortened = try PlhRule.end(range, on: newLast, today: today) {
        ended.lastDay = Simpeg_V1_Date(shortened.last)
      } else {
        ended.cancelled = true
      }
    } catch {
      let position = try OrgLookup.position(plh.positionID, field: "plh_id", in: transaction)
      throw refusal(error, position: position, in: transaction)
    }
    try Tables.plhs.put(ended, for: ended.id, in: transaction)
    mutation.audit(targets: ["plh:\(plh.id)", "position:\(plh.positionID)", "employee:\(plh.employeeID)"])
    return try named(ended, in: transaction)
  }

  /// The answer for `plh`: the record with the stand-in's name, which is not stored.
  static func named(_ plh: Simpeg_Internal_V1_PlhRecord, in transaction: ReadTransaction) throws
    -> Simpeg_V1_Plh
  {
    var answer = Simpeg_V1_Plh(plh)
    answer.name =
      try Tables.employees.get(plh.employeeID, in: transaction).map(EvaluatorLookup.displayName) ?? ""
    return answer
  }

  /// The refusal for a broken rule of a Plh, with its reason code and field.
  private static func refusal(
    _ error: PlhError, position: Simpeg_Internal_V1_PositionRecord, in transaction: ReadTransaction
  ) -> RPCError {
    let reason: Simpeg_V1_RefusalReason
    let field: String
    switch error {
    case .emptyRange, .extends: (reason, field) = (.plhRange, "last_day")
    case .endsInThePast, .rewritesThePast: (reason, field) = (.plhRange, "last_day")
    case .vacantPosition: (reason, field) = (.plhPositionVacant, "position_id")
    case .standInIsTheHolder: (reason, field) = (.plhIsTheHolder, "employee_id")
    case .overlaps: (reason, field) = (.plhOverlap, "first_day")
    }
    // Only a range that is empty in the request itself is a bad argument; every other refusal
    // depends on what is stored (the Plh's own last day, today, the position), as PROTOCOL.md's
    // catalogue says.
    let code: StatusCode
    switch error {
    case .emptyRange: code = .invalidArgument
    default: code = .failedPrecondition
    }
    return Refusals.error(
      code, reason, "\(RecordNaming.position(position)): \(error.description)", rule: PlhRules.rule,
      field: field)
  }
}

/// The rule a Plh refusal names.
enum PlhRules {
  static let rule =
    "a Plh stands in for a holder who is away, for a dated range, one at a time; a vacancy takes a Plt "
    + "(SE Kepala BKN 1/2021)"
}

extension Simpeg_Internal_V1_PlhRecord {
  /// The days of the Plh, nil when its dates are not real dates.
  var range: PlhRange? {
    guard let first = firstDay.calendarDate, let last = lastDay.calendarDate else { return nil }
    return PlhRange(first: first, last: last)
  }
}
