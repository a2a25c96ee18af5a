import SimpegAPI
import SimpegKinerja
import SimpegStore

/// The whole inbox of one account, gathered from the records that can put something in it:
/// the account's own SKPs, evaluations and follow-ups; the SKPs and pending activities of the
/// people whose PPK the account acts as today (through the positions they hold, act in as Plt or
/// stand in for as Plh, and for BKPSDM the elected officials' positions); and the undecided
/// keberatan whose atasan position the account acts for. Each candidate is judged by
/// ``InboxItems``, the rules the stream uses too.
struct InboxContents {
  let items: InboxItems

  /// How deep a walk down the supervision tree goes (a guard against damaged data).
  static let maximumDepth = Authorizer.maximumDepth

  /// Every item, by kind then record.
  func all(in transaction: ReadTransaction) throws -> [Simpeg_V1_InboxItem] {
    let principal = items.principal
    guard !principal.isService else { return [] }
    var found: [String: Simpeg_V1_InboxItem] = [:]
    func add(_ answer: InboxItems.Answer) {
      for item in answer.items { found[item.key] = item }
    }
    let me = principal.employeeID
    let acted = try actedPositions(in: transaction)
    let evaluated = try evaluatedEmployees(below: acted, in: transaction)

    var owners = evaluated
    if me != 0 { owners.insert(me) }
    for owner in owners {
      for row in try Tables.skps.page(
        Tables.skpsByOwner, prefix: KeyPrefix(owner), in: transaction, limit: .max
      ).rows {
        add(try items.of(row.value, in: transaction))
      }
    }
    if principal.isAdmin {
      for row in try Tables.skps.page(
        Tables.skpsByOwner, prefix: KeyPrefix(UInt64(0)), in: transaction, limit: .max
      )
      .rows {
        add(try items.of(row.value, in: transaction))
      }
    }

    var reviewers = Set(acted.compactMap { $0.holderEmployeeID == 0 ? nil : $0.holderEmployeeID })
    if me != 0 { reviewers.insert(me) }
    for reviewer in reviewers {
      try Paging.forEach { limit, after in
        try Tables.activities.page(
          Tables.activitiesPendingByEvaluator, prefix: KeyPrefix(reviewer), in: transaction, limit: limit,
          after: after)
      } _: {
        add(try items.of($0, in: transaction))
      }
    }
    if principal.isAdmin {
      for employee in evaluated where try evaluatedByOfficial(employee, in: transaction) {
        try Paging.forEach { limit, after in
          try Tables.activities.page(
            Tables.activitiesByEmployeeDay, prefix: KeyPrefix(employee), in: transaction, limit: limit,
            after: after)
        } _: { activity in
          if activity.status == .pending { add(try items.of(activity, in: transaction)) }
        }
      }
    }

    var atasanPositions = acted.map(\.id)
    if principal.isAdmin { atasanPositions.append(0) }
    for position in atasanPositions {
      for row in try Tables.keberatan.find(Tables.keberatanOpenByAtasan, equalTo: position, in: transaction) {
        add(try items.of(row.value, in: transaction))
      }
    }

    if me != 0 {
      for row in try Tables.evaluations.page(
        Tables.evaluationsBySubject, prefix: KeyPrefix(me), in: transaction, limit: .max
      ).rows {
        add(items.of(row.value))
      }
      for row in try Tables.followUps.find(Tables.followUpsByEmployee, equalTo: me, in: transaction) {
        add(items.of(row.value))
      }
    }
    return found.values.sorted { ($0.kind.rawValue, $0.recordID) < ($1.kind.rawValue, $1.recordID) }
  }

  /// The positions the account acts for today: held, as Plt, as Plh of the day, and for BKPSDM
  /// every open position of an elected official.
  private func actedPositions(in transaction: ReadTransaction) throws -> [Simpeg_V1_Position] {
    let principal = items.principal
    var ids: Set<UInt64> = []
    let me = principal.employeeID
    if me != 0 {
      if let held = try Tables.positions.findUnique(Tables.positionsByHolder, me, in: transaction) {
        ids.insert(held.key)
      }
      for row in try Tables.positions.find(Tables.positionsByActing, equalTo: me, in: transaction) {
        ids.insert(row.key)
      }
      ids.formUnion(try PlhRecords.positions(of: me, on: items.today, in: transaction))
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
  private func evaluatedEmployees(
    below positions: [Simpeg_V1_Position], in transaction: ReadTransaction
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

  /// Whether `employee`'s PPK is an elected official (BKPSDM then reviews in their name).
  private func evaluatedByOfficial(_ employee: UInt64, in transaction: ReadTransaction) throws -> Bool {
    guard let record = try Tables.employees.get(employee, in: transaction), record.positionID != 0,
      let actors = try Authorizer.evaluatorActors(of: record.positionID, on: items.today, in: transaction)
    else { return false }
    return actors.isOfficial
  }
}
