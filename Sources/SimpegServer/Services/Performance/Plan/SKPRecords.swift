import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

extension Simpeg_Internal_V1_SKPRecord {
  /// The newest version.
  var latest: Simpeg_V1_SKP { versions[versions.count - 1] }

  /// The approved version in force, if any.
  var inForce: Simpeg_V1_SKP? {
    inForceVersion == 0 ? nil : versions.first { $0.version == inForceVersion }
  }

  /// Version `number` (0 for the latest), if it exists.
  func version(_ number: UInt32) -> Simpeg_V1_SKP? {
    number == 0 ? latest : versions.first { $0.version == number }
  }

  /// The index of version `number` in ``versions``.
  func index(of number: UInt32) -> Int? { versions.firstIndex { $0.version == number } }

  /// `skp` with the fields filled on reads (latest and in-force version numbers, the closure by
  /// a mid-year change and the year's links).
  func view(_ skp: Simpeg_V1_SKP) -> Simpeg_V1_SKP {
    var view = skp
    view.latestVersion = latest.version
    view.inForceVersion = inForceVersion
    view.closed = closed
    view.closedReason = closedReason
    if hasClosedAt { view.closedAt = closedAt }
    view.previousSkpID = previousSkpID
    view.nextSkpID = nextSkpID
    return view
  }

  /// The owner's employee id, 0 for an elected official's SKP.
  var ownerEmployeeID: UInt64 { versions.first?.employeeID ?? 0 }
}

/// Finding SKPs and deciding who may read them.
enum SKPLookup {
  /// The SKP of an employee (or, with `employeeID` 0, of the official in `officialPositionID`)
  /// for `year`.
  static func record(
    employeeID: UInt64, officialPositionID: UInt64 = 0, year: Int32, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_SKPRecord? {
    try Tables.skps.findUnique(
      Tables.skpsByOwner,
      CompositeKey3(employeeID, employeeID == 0 ? officialPositionID : 0, UInt32(clamping: year)),
      in: transaction)?.value
  }

  /// The SKP of the person an evaluator step chose, for `year`.
  static func record(
    of person: Simpeg_V1_PositionPerson, year: Int32, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_SKPRecord? {
    try record(
      employeeID: person.employeeID, officialPositionID: person.official ? person.positionID : 0,
      year: year, in: transaction)
  }

  /// The SKP holding RHK `rhkID` in any version.
  static func record(holdingRHK rhkID: UInt64, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_SKPRecord?
  {
    try Tables.skps.find(Tables.skpsByRHK, equalTo: rhkID, in: transaction, limit: 1).first?.value
  }

  /// Whether `principal` may read the SKP: an official's SKP is the city's public plan (every
  /// user, and services with `performance.read`); an employee's follows the employee, and its
  /// evaluator reads it too, and on `day` whoever stands in above the owner as Plh. The people
  /// the owner evaluates in the SKP's year read it as well: their RHKs support its RHKs
  /// (PermenPANRB 6/2022's cascade), which their SKP form prints beside their own.
  static func canRead(
    _ record: Simpeg_Internal_V1_SKPRecord, by principal: Principal, on day: CalendarDate? = nil,
    in transaction: ReadTransaction
  ) throws -> Bool {
    if Authorizer.readsEveryone(principal, scope: ServiceScopes.performanceRead) { return true }
    if principal.isService { return false }
    let owner = record.ownerEmployeeID
    if owner == 0 { return true }
    if principal.employeeID != 0, record.latest.evaluator.employeeID == principal.employeeID { return true }
    if principal.employeeID != 0,
      try evaluator(of: principal.employeeID, year: record.latest.year, in: transaction) == owner
    {
      return true
    }
    return try Authorizer.canRead(
      employeeID: owner, by: principal, scope: ServiceScopes.performanceRead, on: day, in: transaction)
  }

  /// The employee who evaluates `employeeID` on their SKP of `year` (0 for none: no SKP, or an
  /// elected official evaluates).
  static func evaluator(of employeeID: UInt64, year: Int32, in transaction: ReadTransaction) throws
    -> UInt64
  {
    try record(employeeID: employeeID, year: year, in: transaction)?.latest.evaluator.employeeID ?? 0
  }

  /// The SKP `id` if `principal` may read it; the same refusal for unknown ids unless the
  /// caller reads everything.
  static func readable(
    _ id: UInt64, by principal: Principal, on day: CalendarDate? = nil, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_SKPRecord {
    if let record = try Tables.skps.get(id, in: transaction),
      try canRead(record, by: principal, on: day, in: transaction)
    {
      return record
    }
    if Authorizer.readsEveryone(principal, scope: ServiceScopes.performanceRead) {
      throw RPCError(.notFound, "no SKP with id \(id)")
    }
    throw RPCError(
      .permissionDenied,
      "you may not see this SKP: only your own, those of people below your position, and your "
        + "evaluator's of the same year")
  }
}
