import SimpegAPI
import SimpegKinerja
import SimpegStore

/// Who acts for a position on a day: its holder (or, for an elected official, BKPSDM entering
/// their decisions), its Plt, and the Plh standing in for the holder that day. A closed position
/// has nobody.
struct PositionActors: Sendable {
  /// The position.
  let position: Simpeg_Internal_V1_PositionRecord
  /// The day asked about.
  let day: CalendarDate
  /// The Plh standing in on that day, if any.
  let plh: Simpeg_Internal_V1_PlhRecord?

  /// The actors of `position` on `day`.
  static func of(
    _ position: Simpeg_Internal_V1_PositionRecord, on day: CalendarDate, in transaction: ReadTransaction
  ) throws -> PositionActors {
    let plh = position.closed ? nil : try PlhRecords.standing(in: position.id, on: day, in: transaction)
    return PositionActors(position: position, day: day, plh: plh)
  }

  /// Whether an elected official holds the position (BKPSDM acts in their name).
  var isOfficial: Bool {
    !position.closed && position.holderEmployeeID == 0 && !position.officialHolder.isEmpty
  }

  /// The employees who act: the holder, the Plt and the Plh of the day.
  var employees: [UInt64] {
    guard !position.closed else { return [] }
    return [position.holderEmployeeID, position.actingEmployeeID, plh?.employeeID ?? 0].filter { $0 != 0 }
  }

  /// Whether nobody acts: no holder, official, Plt or Plh (BKPSDM then acts, as for the top).
  var isEmpty: Bool { employees.isEmpty && !isOfficial }

  /// Whether `principal` acts for the position on the day.
  func admits(_ principal: Principal) -> Bool {
    guard !principal.isService else { return false }
    if principal.employeeID != 0, employees.contains(principal.employeeID) { return true }
    return isOfficial && Authorizer.actsForOfficial(principal)
  }

  /// The actors as people, with names, for a refusal's "who may act".
  func people(in transaction: ReadTransaction) throws -> [Simpeg_V1_PositionPerson] {
    var people: [Simpeg_V1_PositionPerson] = []
    func person(_ employeeID: UInt64, acting: Bool = false, plh: Bool = false) throws {
      var person = Simpeg_V1_PositionPerson()
      person.employeeID = employeeID
      person.positionID = position.id
      person.positionTitle = position.title
      person.acting = acting
      person.plh = plh
      try EvaluatorLookup.identify(
        &person, employee: Tables.employees.get(employeeID, in: transaction), in: position, transaction)
      people.append(person)
    }
    guard !position.closed else { return [] }
    if position.holderEmployeeID != 0 {
      try person(position.holderEmployeeID)
    } else if !position.officialHolder.isEmpty {
      var official = Simpeg_V1_PositionPerson()
      official.positionID = position.id
      official.positionTitle = position.title
      official.name = position.officialHolder
      official.official = true
      people.append(official)
    }
    if position.actingEmployeeID != 0 { try person(position.actingEmployeeID, acting: true) }
    if let plh { try person(plh.employeeID, plh: true) }
    return people
  }
}

/// BKPSDM as the one who may act where nobody else does (the top, a unit without a leader), for
/// a refusal's "who may act".
enum BKPSDM {
  /// BKPSDM (ADMIN), acting for `title` when given.
  static func person(for title: String = "") -> Simpeg_V1_PositionPerson {
    var person = Simpeg_V1_PositionPerson()
    person.official = true
    person.name = "BKPSDM"
    person.positionTitle = title
    return person
  }
}
