import SimpegAPI
import SimpegStore

/// Who may see which public-service data, beyond the caller-only part of the access rules.
///
/// ADMIN and AUDITOR see everything, service accounts everything when they hold
/// `services.read`. A user sees the requests and reports of a unit of their own perangkat daerah
/// (the agency their unit belongs to, see ``PerangkatDaerah``) and of units whose head position
/// lies below a position they hold, and the requests assigned to them. Refusals say the same
/// whether or not the unit or request exists.
enum ServiceAccess {
  /// The scope of internal apps that read requests, reports and surveys.
  static let readScope = "services.read"
  /// The scope of internal apps (the counter app, the city portal) that receive and move
  /// requests, ingest history and record surveys.
  static let writeScope = "services.write"

  /// Whether `principal` reads everything of public service.
  static func readsEverything(_ principal: Principal) -> Bool {
    principal.isAdmin || principal.isAuditor || principal.hasScope(readScope)
  }

  /// Whether `principal` may read the requests and reports of unit `unitID`.
  static func canReadUnit(_ unitID: UInt64, by principal: Principal, in transaction: ReadTransaction)
    throws -> Bool
  {
    if readsEverything(principal) { return true }
    if principal.isService { return false }
    if principal.employeeID != 0,
      let employee = try Tables.employees.get(principal.employeeID, in: transaction),
      employee.unitID != 0, let own = try PerangkatDaerah.of(employee.unitID, in: transaction),
      try PerangkatDaerah.of(unitID, in: transaction) == own
    {
      return true
    }
    if let unit = try Tables.units.get(unitID, in: transaction), unit.headPositionID != 0,
      try Authorizer.isBelow(unit.headPositionID, anyOf: principal.positionIDs, in: transaction)
    {
      return true
    }
    return false
  }

  /// The refusal for a unit the caller may not see.
  static func unitDenied() -> RPCError {
    RPCError(
      .permissionDenied,
      "you may not see the service data of this unit: only units of your own perangkat daerah "
        + "and units led from below your position")
  }

  /// Loads unit `unitID` if `principal` may read its service data; NOT_FOUND only for callers who
  /// read everything.
  static func readableUnit(_ unitID: UInt64, by principal: Principal, in transaction: ReadTransaction)
    throws -> Simpeg_V1_Unit
  {
    let unit = try Tables.units.get(unitID, in: transaction)
    if let unit, try canReadUnit(unitID, by: principal, in: transaction) { return unit }
    if unit == nil, readsEverything(principal) {
      throw RPCError(.notFound, "no unit with id \(unitID)")
    }
    throw unitDenied()
  }

  /// Loads request `id` if `principal` may read it (its unit, or assigned to them).
  static func readableRequest(_ id: UInt64, by principal: Principal, in transaction: ReadTransaction)
    throws -> Simpeg_V1_ServiceRequest
  {
    let request = try Tables.serviceRequests.get(id, in: transaction)
    if let request {
      if principal.employeeID != 0, request.assigneeEmployeeID == principal.employeeID { return request }
      if try canReadUnit(request.unitID, by: principal, in: transaction) { return request }
    } else if readsEverything(principal) {
      throw RPCError(.notFound, "no service request with id \(id)")
    }
    throw RPCError(
      .permissionDenied,
      "you may not see this service request: only those of your own perangkat daerah and those "
        + "assigned to you")
  }
}
