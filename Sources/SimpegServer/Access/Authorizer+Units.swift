import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Who may see the records of a whole unit, and who leads one.
///
/// Performance records of a unit (its SKPs' cascade, distribution, reports, dialogues) are seen
/// by those reading everything, the unit's leader and those above its head position. Public
/// service data of a unit is seen by its own perangkat daerah (``PerangkatDaerah``) and by those
/// above its head position. Refusals say the same whether or not the unit exists.
extension Authorizer {
  /// Whether `principal` leads `unit`: holds or acts in its head position; or, as ADMIN, stands
  /// in for a leader who is an elected official or missing.
  static func leads(
    _ unit: Simpeg_Internal_V1_UnitRecord, _ principal: Principal, in transaction: ReadTransaction
  ) throws -> Bool {
    guard !principal.isService else { return false }
    if unit.headPositionID != 0, principal.positionIDs.contains(unit.headPositionID) { return true }
    switch try UnitTree.leader(of: unit, in: transaction) {
    case .official, .none: return actsForOfficial(principal)
    case .employee: return false
    }
  }

  /// The rule a refusal of ``requireSetsPredikat(_:of:on:in:)`` names.
  static let predikatRule =
    "SE MenPANRB 3/2023, organisation first: a unit's predikat kinerja organisasi is set by the leader "
    + "of the unit above it; for a perangkat daerah that is the Wali Kota as Pejabat Pembina Kepegawaian, "
    + "whose decision BKPSDM enters"

  /// The rule a refusal of ``requireFinalises(_:_:on:in:)`` names.
  static let finalisationRule =
    "SE MenPANRB 3/2023: a unit's ratings are finalised by its leader or the leader of the unit above, "
    + "and a unit head's own rating with the set of the unit above"

  /// Who leads `unit` on `day` (the holder, Plt and Plh of its head position); nil when it has no
  /// open head position.
  static func leaders(
    of unit: Simpeg_Internal_V1_UnitRecord, on day: CalendarDate, in transaction: ReadTransaction
  ) throws -> PositionActors? {
    guard unit.headPositionID != 0, let head = try Tables.positions.get(unit.headPositionID, in: transaction),
      !head.closed
    else { return nil }
    return try PositionActors.of(head, on: day, in: transaction)
  }

  /// Whether `principal` acts as the leader of `unit` on `day`: holds its head position, is its
  /// Plt or its Plh of the day; BKPSDM (ADMIN) for an elected official and where nobody leads.
  static func actsAsLeader(
    _ principal: Principal, of unit: Simpeg_Internal_V1_UnitRecord, on day: CalendarDate,
    in transaction: ReadTransaction
  ) throws -> Bool {
    guard !principal.isService else { return false }
    guard let leaders = try leaders(of: unit, on: day, in: transaction), !leaders.isEmpty else {
      return actsForOfficial(principal)
    }
    return leaders.admits(principal)
  }

  /// Those who lead `unit` on `day` as people, BKPSDM where nobody does, for a refusal.
  static func leaderPeople(
    of unit: Simpeg_Internal_V1_UnitRecord, on day: CalendarDate, in transaction: ReadTransaction
  ) throws -> [Simpeg_V1_PositionPerson] {
    guard let leaders = try leaders(of: unit, on: day, in: transaction), !leaders.isEmpty else {
      return [BKPSDM.person(for: "for \(unit.name)")]
    }
    return try leaders.people(in: transaction)
  }

  /// Refuses unless `principal` may set the predikat kinerja organisasi of `unit` on `day`: the
  /// leader of the unit above; BKPSDM for the root, for a unit above led by an elected official
  /// (the Wali Kota, for every perangkat daerah) and for a unit above without a leader.
  static func requireSetsPredikat(
    _ principal: Principal, of unit: Simpeg_Internal_V1_UnitRecord, on day: CalendarDate,
    in transaction: ReadTransaction
  ) throws {
    guard unit.parentID != 0, let parent = try Tables.units.get(unit.parentID, in: transaction) else {
      guard actsForOfficial(principal) else {
        throw Refusals.error(
          .permissionDenied, .notTheLeaderAbove,
          "\(RecordNaming.unit(unit)) has no unit above; BKPSDM enters its predikat organisasi",
          rule: predikatRule, mayAct: [BKPSDM.person()])
      }
      return
    }
    guard try actsAsLeader(principal, of: parent, on: day, in: transaction) else {
      throw Refusals.error(
        .permissionDenied, .notTheLeaderAbove,
        "only the leader of \(RecordNaming.unit(parent)), the unit above, sets the predikat kinerja "
          + "organisasi of \(RecordNaming.unit(unit))", rule: predikatRule,
        mayAct: try leaderPeople(of: parent, on: day, in: transaction))
    }
  }

  /// Refuses unless `principal` may finalise the ratings of `unit` on `day`: its leader, the
  /// leader of the unit above, or BKPSDM (ADMIN).
  static func requireFinalises(
    _ principal: Principal, _ unit: Simpeg_Internal_V1_UnitRecord, on day: CalendarDate,
    in transaction: ReadTransaction
  ) throws {
    if principal.isAdmin { return }
    if try actsAsLeader(principal, of: unit, on: day, in: transaction) { return }
    let parent = unit.parentID == 0 ? nil : try Tables.units.get(unit.parentID, in: transaction)
    if let parent, try actsAsLeader(principal, of: parent, on: day, in: transaction) { return }
    var mayAct = try leaderPeople(of: unit, on: day, in: transaction)
    if let parent { mayAct += try leaderPeople(of: parent, on: day, in: transaction) }
    throw Refusals.error(
      .permissionDenied, .notTheUnitLeader,
      "only the leader of \(RecordNaming.unit(unit)), the leader of the unit above or BKPSDM (ADMIN) "
        + "finalises its ratings", rule: finalisationRule, mayAct: mayAct)
  }

  /// Whether `principal` may see the performance records of a whole unit.
  static func canSee(
    _ unit: Simpeg_Internal_V1_UnitRecord, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Bool {
    if readsEveryone(principal, scope: ServiceScopes.performanceRead) { return true }
    if principal.isService || unit.headPositionID == 0 { return false }
    if principal.positionIDs.contains(unit.headPositionID) { return true }
    return try isBelow(unit.headPositionID, anyOf: principal.positionIDs, in: transaction)
  }

  /// The unit `id` if `principal` may see its performance records, with the same refusal for
  /// unknown units.
  static func visibleUnit(
    _ id: UInt64, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_UnitRecord {
    if let unit = try Tables.units.get(id, in: transaction), try canSee(unit, by: principal, in: transaction)
    {
      return unit
    }
    if readsEveryone(principal, scope: ServiceScopes.performanceRead) {
      throw RPCError(.notFound, "no unit with id \(id)")
    }
    throw RPCError(
      .permissionDenied,
      "you may not see this unit's records: only its leader and those above see a whole unit")
  }

  /// Whether `principal` may read the public-service requests and reports of unit `unitID`.
  static func canReadServiceUnit(
    _ unitID: UInt64, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Bool {
    if readsEveryone(principal, scope: ServiceScopes.servicesRead) { return true }
    if principal.isService { return false }
    if principal.employeeID != 0,
      let employee = try Tables.employees.get(principal.employeeID, in: transaction),
      employee.unitID != 0, let own = try PerangkatDaerah.of(employee.unitID, in: transaction),
      try PerangkatDaerah.of(unitID, in: transaction) == own
    {
      return true
    }
    if let unit = try Tables.units.get(unitID, in: transaction), unit.headPositionID != 0,
      try isBelow(unit.headPositionID, anyOf: principal.positionIDs, in: transaction)
    {
      return true
    }
    return false
  }

  /// The refusal for a unit whose service data the caller may not see.
  static func serviceUnitDenied() -> RPCError {
    RPCError(
      .permissionDenied,
      "you may not see the service data of this unit: only units of your own perangkat daerah "
        + "and units led from below your position")
  }

  /// The unit `unitID` if `principal` may read its service data; NOT_FOUND only for callers who
  /// read everything.
  static func readableServiceUnit(
    _ unitID: UInt64, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_UnitRecord {
    let unit = try Tables.units.get(unitID, in: transaction)
    if let unit, try canReadServiceUnit(unitID, by: principal, in: transaction) { return unit }
    if unit == nil, readsEveryone(principal, scope: ServiceScopes.servicesRead) {
      throw RPCError(.notFound, "no unit with id \(unitID)")
    }
    throw serviceUnitDenied()
  }

  /// The service request `id` if `principal` may read it: of a unit they may read, or assigned
  /// to them.
  static func readableServiceRequest(
    _ id: UInt64, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_ServiceRequestRecord {
    let request = try Tables.serviceRequests.get(id, in: transaction)
    if let request {
      if principal.employeeID != 0, request.assigneeEmployeeID == principal.employeeID { return request }
      if try canReadServiceUnit(request.unitID, by: principal, in: transaction) { return request }
    } else if readsEveryone(principal, scope: ServiceScopes.servicesRead) {
      throw RPCError(.notFound, "no service request with id \(id)")
    }
    throw RPCError(
      .permissionDenied,
      "you may not see this service request: only those of your own perangkat daerah and those "
        + "assigned to you")
  }
}
