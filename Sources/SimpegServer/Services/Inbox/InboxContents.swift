import SimpegAPI
import SimpegKinerja
import SimpegStore

/// The whole inbox of one account, gathered from the records that can put something in it:
/// the account's own SKPs, evaluations and follow-ups; the SKPs and pending activities of the
/// people whose PPK the account acts as today (``ActingScope``); and the undecided keberatan
/// whose atasan position the account acts for. Each candidate is judged by
/// ``InboxItems``, the rules the stream uses too.
struct InboxContents {
  let items: InboxItems

  /// Every item, by kind then record.
  func all(in transaction: ReadTransaction) throws -> [Simpeg_V1_InboxItem] {
    let principal = items.principal
    guard !principal.isService else { return [] }
    var found: [String: Simpeg_V1_InboxItem] = [:]
    func add(_ answer: InboxItems.Answer) {
      for item in answer.items { found[item.key] = item }
    }
    let me = principal.employeeID
    let scope = ActingScope(principal: principal, today: items.today)
    let acted = try scope.actedPositions(in: transaction)
    let evaluated = try scope.evaluatedEmployees(below: acted, in: transaction)

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

    for activity in try scope.pendingActivities(of: evaluated, in: transaction) {
      add(try items.of(activity, in: transaction))
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
}
