import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Who sits in a position, as the evaluator chain sees it: an employee, or the elected official
/// holding the post (named by the position, since officials have no employee record).
enum PositionOccupant: Hashable, Sendable {
  /// An employee.
  case employee(UInt64)
  /// The elected official holding the position.
  case official(position: UInt64)
}

/// Resolves the pejabat penilai and the atasan pejabat penilai of a position from the stored
/// position tree: walks the supervisor links up to the top and feeds SimpegKinerja's
/// `EvaluatorResolver`. An elected official's `official_holder` counts as a holder; a closed
/// position counts as vacant.
enum EvaluatorLookup {
  /// The evaluator chain of `positionID`.
  static func chain(
    for positionID: UInt64, in transaction: ReadTransaction
  ) throws -> EvaluatorChain<UInt64, PositionOccupant> {
    var occupancies: [PositionOccupancy<UInt64, PositionOccupant>] = []
    var seen: Set<UInt64> = []
    var current = positionID
    for _ in 0..<Authorizer.maximumDepth {
      guard seen.insert(current).inserted, let position = try Tables.positions.get(current, in: transaction)
      else { break }
      occupancies.append(occupancy(of: position))
      if position.supervisorPositionID == 0 { break }
      current = position.supervisorPositionID
    }
    do {
      return try EvaluatorResolver(occupancies).chain(for: positionID)
    } catch {
      throw RPCError(
        .failedPrecondition,
        "the evaluator cannot be found: \(error.description); BKPSDM must repair the organisation")
    }
  }

  /// The position as the resolver sees it.
  static func occupancy(of position: Simpeg_Internal_V1_PositionRecord) -> PositionOccupancy<
    UInt64, PositionOccupant
  > {
    var holder: PositionOccupant?
    var plt: PositionOccupant?
    if !position.closed {
      if position.holderEmployeeID != 0 {
        holder = .employee(position.holderEmployeeID)
      } else if !position.officialHolder.isEmpty {
        holder = .official(position: position.id)
      }
      if position.actingEmployeeID != 0 { plt = .employee(position.actingEmployeeID) }
    }
    return PositionOccupancy(
      id: position.id,
      supervisor: position.supervisorPositionID == 0 ? nil : position.supervisorPositionID,
      holder: holder, plt: plt)
  }

  /// The wire form of an evaluator found by the resolver, with names read from the store.
  static func person(
    _ evaluator: Evaluator<UInt64, PositionOccupant>, in transaction: ReadTransaction
  ) throws -> Simpeg_V1_PositionPerson {
    var person = Simpeg_V1_PositionPerson()
    person.positionID = evaluator.position
    person.acting = evaluator.isPlt
    let position = try Tables.positions.get(evaluator.position, in: transaction)
    person.positionTitle = position?.title ?? ""
    switch evaluator.person {
    case .employee(let id):
      person.employeeID = id
      try identify(&person, employee: Tables.employees.get(id, in: transaction), in: position, transaction)
    case .official:
      person.official = true
      person.name = position?.officialHolder ?? ""
    }
    return person
  }

  /// An employee's name with titles, e.g. `Dr. Siti Rahayu, M.Si.`.
  /// Fills `person`'s name and the identity documents print beside it (NIP, golongan, the unit
  /// of `position`) from `employee`; leaves them empty when the employee is gone.
  static func identify(
    _ person: inout Simpeg_V1_PositionPerson, employee: Simpeg_Internal_V1_EmployeeRecord?,
    in position: Simpeg_Internal_V1_PositionRecord?, _ transaction: ReadTransaction
  ) throws {
    guard let employee else { return }
    person.name = displayName(employee)
    person.nip = employee.nip
    if employee.hasGolongan { person.golongan = employee.golongan }
    if let position, let unit = try Tables.units.get(position.unitID, in: transaction) {
      person.unitName = unit.name
    }
  }

  static func displayName(_ employee: Simpeg_Internal_V1_EmployeeRecord) -> String {
    var name = employee.name
    if !employee.gelarDepan.isEmpty { name = employee.gelarDepan + " " + name }
    if !employee.gelarBelakang.isEmpty { name += ", " + employee.gelarBelakang }
    return name
  }
}
