import SimpegAPI

/// Writes units and employees in the columns of ``UnitColumns`` and ``EmployeeColumns``, so an
/// export imports back into an empty daemon unchanged (units without a code get one, see
/// ``ExportCodes``).
public enum CSVExport {
  /// A file's content: its header, its rows, and the units given a made-up code.
  public struct Export: Sendable {
    /// The header.
    public var header: [String]
    /// The rows.
    public var rows: [[String]]
    /// Units written with a made-up `UNIT-<id>` code.
    public var madeUpCodes: Int
  }

  /// Every open unit, parents before children.
  public static func units(connection: AdminConnection) async throws -> Export {
    let all = try await allUnits(connection: connection)
    let codes = ExportCodes(units: all.map(\.unit))
    let open = all.filter { !$0.unit.closed }
    return Export(
      header: UnitColumns.layout.columns, rows: open.map { UnitColumns.fields($0.unit, codes: codes) },
      madeUpCodes: open.count { codes.madeUp.contains($0.unit.id) })
  }

  /// Every active employee (and retired ones with `includeInactive`), in id order.
  public static func employees(connection: AdminConnection, includeInactive: Bool) async throws -> Export {
    let units = try await allUnits(connection: connection).map(\.unit)
    let codes = ExportCodes(units: units)
    var positions = Simpeg_V1_ListPositionsRequest()
    positions.includeClosed = true
    let titles = Dictionary(
      try await Pages.all(positions) {
        let page = try await connection.org.listPositions($0, options: connection.unary)
        return (page.positions.map { ($0.id, $0.title) }, page.page.nextPageToken)
      }, uniquingKeysWith: { _, last in last })
    var search = Simpeg_V1_SearchEmployeesRequest()
    search.includeInactive = includeInactive
    let employees = try await EmployeePages.read(connection: connection, request: search).employees
    let used = Set(employees.map(\.unitID))
    let heads = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.headPositionID) })
    return Export(
      header: EmployeeColumns.layout.columns,
      rows: employees.map { EmployeeColumns.fields($0, codes: codes, titles: titles, heads: heads) },
      madeUpCodes: codes.madeUp.count { used.contains($0) })
  }

  /// Every unit, closed ones too, depth first.
  static func allUnits(connection: AdminConnection) async throws -> [Simpeg_V1_UnitTreeNode] {
    var request = Simpeg_V1_GetUnitTreeRequest()
    request.includeClosed = true
    return try await connection.org.getUnitTree(request, options: connection.unary).nodes
  }
}

/// Reads employee searches page by page.
public enum EmployeePages {
  /// What a search found.
  public struct Found: Sendable {
    /// The employees, at most the limit asked for.
    public var employees: [Simpeg_V1_Employee]
    /// Whether more would have matched beyond the limit.
    public var more: Bool
  }

  /// The employees `request` finds, following its pages up to `limit` of them (pages of up to
  /// 1,000; a page may hold fewer while more remain, see SearchEmployeesResponse).
  public static func read(
    connection: AdminConnection, request: Simpeg_V1_SearchEmployeesRequest, limit: Int = .max
  ) async throws -> Found {
    var request = request
    request.page.pageSize = UInt32(min(1000, max(1, limit)))
    request.page.pageToken = ""
    var found: [Simpeg_V1_Employee] = []
    repeat {
      let page = try await connection.employees.searchEmployees(request, options: connection.unary)
      found.append(contentsOf: page.employees)
      request.page.pageToken = page.page.nextPageToken
    } while !request.page.pageToken.isEmpty && found.count < limit
    let more = found.count > limit || !request.page.pageToken.isEmpty
    return Found(employees: Array(found.prefix(limit)), more: more)
  }
}
