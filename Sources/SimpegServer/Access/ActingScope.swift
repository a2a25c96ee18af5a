import SimpegAPI
import SimpegKinerja
import SimpegStore

/// Where an account acts as PPK on a day, and whom that reaches: the positions it holds, acts in
/// as Plt or stands in for as Plh that day (and, for BKPSDM, every elected official's position),
/// and the people those positions evaluate. What awaits a PPK is found from here rather than
/// from the evaluator recorded on a record, so pending reviews and approvals move to whoever
/// acts now when a post changes hands.
struct ActingScope {
  let principal: Principal
  let today: CalendarDate

  /// How deep a walk down the supervision tree goes (a guard against damaged data).
  static let maximumDepth = Authorizer.maximumDepth

  /// The positions the account acts for today: held, as Plt, as Plh of the day, and for BKPSDM
  /// every open position of an elected official.
  func actedPositions(in transaction: ReadTransaction) throws -> [Simpeg_Internal_V1_PositionRecord] {
    let principal = principal
    var ids: Set<UInt64> = []
    let me = principal.employeeID
    if me != 0 {
      if let held = try Tables.positions.findUnique(Tables.positionsByHolder, me, in: transaction) {
        ids.insert(held.key)
      }
      for row in try Tables.positions.find(Tables.positionsByActing, equalTo: me, in: transaction) {
        ids.insert(row.key)
      }
      ids.formUnion(try PlhRecords.positions(of: me, on: today, in: transaction))
    }
    var positions = try ids.compactMap { try Tables.positions.get($0, in: transaction) }.filter { !$0.closed }
    if principal.isAdmin {
      try Paging.forEach { limit, after in
        try Tables.positions.page(in: transaction, limit: limit, after: after)
      } _: { position in
        if !position.closed, position.holderEmployeeID == 0, !position.officialHolder.isEmpty {
          positions.append(position)
        }
      }
    }
    return positions
  }

  /// The employees holding (or acting in) the positions that `positions` evaluate: their direct
  /// reports, and below a vacant report without a Plt the next ones down, as the chain falls
  /// through vacancies.
  func evaluatedEmployees(
    below positions: [Simpeg_Internal_V1_PositionRecord], in transaction: ReadTransaction
  ) throws -> Set<UInt64> {
    var employees: Set<UInt64> = []
    var frontier = positions.map(\.id)
    var seen = Set(frontier)
    for _ in 0..<Self.maximumDepth where !frontier.isEmpty {
      var next: [UInt64] = []
      for id in frontier {
        for row in try Tables.positions.find(Tables.positionsBySupervisor, equalTo: id, in: transaction) {
          let position = row.value
          guard seen.insert(position.id).inserted else { continue }
          if position.holderEmployeeID != 0 { employees.insert(position.holderEmployeeID) }
          if position.actingEmployeeID != 0 { employees.insert(position.actingEmployeeID) }
          if position.closed || (position.holderEmployeeID == 0 && position.actingEmployeeID == 0) {
            next.append(position.id)
          }
        }
      }
      frontier = next
    }
    return employees
  }

  /// The pending activities of `employees` that the account may review today (as their PPK).
  func pendingActivities(of employees: Set<UInt64>, in transaction: ReadTransaction) throws
    -> [Simpeg_Internal_V1_ActivityRecord]
  {
    var found: [Simpeg_Internal_V1_ActivityRecord] = []
    for employee in employees.sorted() {
      try Paging.forEach { limit, after in
        try Tables.activities.page(
          Tables.activitiesByEmployeeDay, prefix: KeyPrefix(employee), in: transaction, limit: limit,
          after: after)
      } _: { activity in
        guard activity.status == .pending else { return }
        let positionID = try Tables.skps.get(activity.skpID, in: transaction)?.latest.positionID ?? 0
        if actsAsEvaluator(of: positionID, owner: activity.employeeID, in: transaction) {
          found.append(activity)
        }
      }
    }
    return found
  }

  /// Whether the account acts today as the PPK of `positionID`'s holder `owner`: the check the
  /// approving and rating actions make (``Authorizer/requireEvaluator(_:of:owner:action:on:in:)``),
  /// asked without its refusal.
  func actsAsEvaluator(of positionID: UInt64, owner: UInt64, in transaction: ReadTransaction) -> Bool {
    (try? Authorizer.requireEvaluator(
      principal, of: positionID, owner: owner, action: "", on: today, in: transaction)) != nil
  }
}
