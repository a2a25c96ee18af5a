import SimpegAPI
import SimpegStore

/// SearchEmployees: one index drives the scan (the name index for a name prefix, else the unit
/// index for a single unit, else the golongan index, else the table in id order) and every
/// other condition filters its rows, including what the caller may see.
enum EmployeeSearch {
  /// A search, its fields checked.
  struct Query {
    /// The folded name prefix; empty for any name.
    var namePrefix = ""
    /// The unit asked for; 0 for any.
    var unitID: UInt64 = 0
    /// The units accepted when sub-units are included; nil otherwise.
    var units: Set<UInt64>?
    /// The golongan code asked for; nil for any.
    var golonganCode: UInt32?
    /// Whether retired employees are found too.
    var includeInactive = false
  }

  /// The query of `request`: the parts that need no store.
  static func query(from request: Simpeg_V1_SearchEmployeesRequest) throws -> Query {
    let prefix = try FieldCheck.text(request.namePrefix, field: "name_prefix", limit: FieldCheck.nameLimit)
    var query = Query()
    query.namePrefix = NameFolding.searchKey(prefix)
    query.unitID = request.unitID
    query.golonganCode = try GolonganRules.filterCode(request.golongan)
    query.includeInactive = request.includeInactive
    return query
  }

  /// One page of the employees matching `query` that `principal` may see.
  static func run(
    _ query: Query, includeSubunits: Bool, by principal: Principal, size: Int, after token: PageToken?,
    in transaction: ReadTransaction
  ) throws -> (values: [Simpeg_Internal_V1_EmployeeRecord], next: PageToken?) {
    var query = query
    if query.unitID != 0 {
      _ = try OrgLookup.unit(query.unitID, field: "unit_id", in: transaction)
      if includeSubunits {
        query.units = Set(try UnitWalk.downward(from: query.unitID, in: transaction))
      }
    }
    let everyone = Authorizer.readsEveryone(principal, scope: ServiceScopes.employeesRead)
    let read = driver(for: query, in: transaction)
    return try Paging.collect(size: size, after: token, read: read) { employee in
      guard query.includeInactive || employee.active else { return false }
      if let units = query.units {
        guard units.contains(employee.unitID) else { return false }
      } else if query.unitID != 0, employee.unitID != query.unitID {
        return false
      }
      if let code = query.golonganCode, GolonganCode.of(employee.golongan) != code { return false }
      if !query.namePrefix.isEmpty, !NameFolding.searchKey(employee.name).hasPrefix(query.namePrefix) {
        return false
      }
      return try everyone
        || Authorizer.canRead(employee, by: principal, scope: ServiceScopes.employeesRead, in: transaction)
    }
  }

  /// The paginated scan that serves `query` best.
  private static func driver(for query: Query, in transaction: ReadTransaction)
    -> (Int, PageToken?) throws -> Page<UInt64, Simpeg_Internal_V1_EmployeeRecord>
  {
    let employees = Tables.employees
    if !query.namePrefix.isEmpty {
      let prefix = KeyPrefix.stringPrefix(query.namePrefix)
      return { limit, after in
        try employees.page(
          Tables.employeesByName, prefix: prefix, in: transaction, limit: limit, after: after)
      }
    }
    if query.unitID != 0, query.units == nil {
      let prefix = KeyPrefix(query.unitID)
      return { limit, after in
        try employees.page(
          Tables.employeesByUnit, prefix: prefix, in: transaction, limit: limit, after: after)
      }
    }
    if let code = query.golonganCode {
      let prefix = KeyPrefix(code)
      return { limit, after in
        try employees.page(
          Tables.employeesByGolongan, prefix: prefix, in: transaction, limit: limit, after: after)
      }
    }
    return { limit, after in try employees.page(in: transaction, limit: limit, after: after) }
  }
}
