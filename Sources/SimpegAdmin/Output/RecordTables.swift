import SimpegAPI

/// The tables and records people see for the daemon's messages.
public enum RecordTables {
  /// Units, one per row.
  public static func units(_ units: [Simpeg_V1_Unit]) -> TextTable {
    TextTable(
      [
        .init("ID", .right), .init("CODE"), .init("KIND"), .init("NAME"), .init("PARENT", .right),
        .init("CLOSED"),
      ],
      rows: units.map {
        [
          "\($0.id)", $0.code, Display.unitKind($0.kind), $0.name, $0.parentID == 0 ? "" : "\($0.parentID)",
          Display.flag($0.closed),
        ]
      })
  }

  /// A unit tree, its names drawn as branches.
  public static func tree(_ nodes: [Simpeg_V1_UnitTreeNode]) -> TextTable {
    let prefixes = TreePrefixes.make(depths: nodes.map { Int($0.depth) })
    return TextTable(
      [
        .init("ID", .right), .init("CODE"), .init("KIND"), .init("POSITIONS", .right),
        .init("EMPLOYEES", .right),
        .init("NAME"),
      ],
      rows: zip(nodes, prefixes).map { node, prefix in
        [
          "\(node.unit.id)", node.unit.code, Display.unitKind(node.unit.kind), "\(node.positions)",
          "\(node.employees)", prefix + node.unit.name + (node.unit.closed ? " (closed)" : ""),
        ]
      })
  }

  /// One unit.
  public static func unit(_ unit: Simpeg_V1_Unit) -> KeyValueList {
    var list = KeyValueList()
    list.add("id", "\(unit.id)")
    list.add("code", unit.code)
    list.add("kind", Display.unitKind(unit.kind))
    list.add("name", unit.name)
    list.add("parent", unit.parentID == 0 ? "" : "\(unit.parentID)")
    list.add("head position", unit.headPositionID == 0 ? "" : "\(unit.headPositionID)")
    list.add("created", Display.time(unit.createdAt))
    if unit.closed {
      list.add("closed", Display.time(unit.closedAt))
      list.add("closed because", unit.closedReason)
    }
    return list
  }

  /// Positions, one per row.
  public static func positions(_ positions: [Simpeg_V1_Position]) -> TextTable {
    TextTable(
      [
        .init("ID", .right), .init("UNIT", .right), .init("TITLE"), .init("KIND"), .init("LEVEL"),
        .init("ESELON"),
        .init("SUPERVISOR", .right), .init("HOLDER"), .init("PLT", .right), .init("CLOSED"),
      ],
      rows: positions.map {
        [
          "\($0.id)", "\($0.unitID)", $0.title, Display.name($0.kind), Display.name($0.level),
          Display.name($0.eselon), $0.supervisorPositionID == 0 ? "" : "\($0.supervisorPositionID)",
          holder($0), $0.actingEmployeeID == 0 ? "" : "\($0.actingEmployeeID)", Display.flag($0.closed),
        ]
      })
  }

  /// One position.
  public static func position(_ position: Simpeg_V1_Position) -> KeyValueList {
    var list = KeyValueList()
    list.add("id", "\(position.id)")
    list.add("unit", "\(position.unitID)")
    list.add("title", position.title)
    list.add("kind", Display.name(position.kind))
    list.add("level", Display.name(position.level))
    list.add("eselon", Display.name(position.eselon))
    list.add("supervisor", position.supervisorPositionID == 0 ? "" : "\(position.supervisorPositionID)")
    list.add("holder", holder(position))
    list.add("plt", position.actingEmployeeID == 0 ? "" : "employee \(position.actingEmployeeID)")
    if position.closed { list.add("closed because", position.closedReason) }
    return list
  }

  private static func holder(_ position: Simpeg_V1_Position) -> String {
    if !position.officialHolder.isEmpty { return position.officialHolder }
    return position.holderEmployeeID == 0 ? "" : "\(position.holderEmployeeID)"
  }

  /// An evaluator chain, one step per row; PLH names the employee standing in for the holder on
  /// the day asked, who acts for them.
  public static func chain(_ chain: Simpeg_V1_GetEvaluatorChainResponse) -> TextTable {
    TextTable(
      [.init("POSITION", .right), .init("TITLE"), .init("EMPLOYEE"), .init("BASIS"), .init("PLH")],
      rows: chain.steps.map {
        [
          "\($0.positionID)", $0.positionTitle,
          $0.officialHolder.isEmpty ? ($0.employeeID == 0 ? "" : "\($0.employeeID)") : $0.officialHolder,
          Display.name($0.basis), $0.hasPlh ? "\($0.plh.employeeID) \($0.plh.name)" : "",
        ]
      })
  }

  /// Plh (stand-ins for a position's holder), one per row.
  public static func plhs(_ plhs: [Simpeg_V1_Plh]) -> TextTable {
    TextTable(
      [
        .init("ID", .right), .init("POSITION", .right), .init("PLH", .right), .init("NAME"), .init("FROM"),
        .init("TO"), .init("HOLDER", .right), .init("CANCELLED"), .init("REASON"),
      ],
      rows: plhs.map {
        [
          "\($0.id)", "\($0.positionID)", "\($0.employeeID)", $0.name, Display.date($0.firstDay),
          Display.date($0.lastDay), $0.holderEmployeeID == 0 ? "" : "\($0.holderEmployeeID)",
          Display.flag($0.cancelled), $0.reason,
        ]
      })
  }

  /// One Plh.
  public static func plh(_ plh: Simpeg_V1_Plh) -> KeyValueList {
    var list = KeyValueList()
    list.add("id", "\(plh.id)")
    list.add("position", "\(plh.positionID)")
    list.add("plh", "employee \(plh.employeeID)" + (plh.name.isEmpty ? "" : " (\(plh.name))"))
    list.add("from", Display.date(plh.firstDay))
    list.add("to", Display.date(plh.lastDay))
    list.add("for holder", plh.holderEmployeeID == 0 ? "" : "employee \(plh.holderEmployeeID)")
    if !plh.reason.isEmpty { list.add("reason", plh.reason) }
    if !plh.assignedBy.isEmpty { list.add("assigned by", plh.assignedBy) }
    if plh.cancelled { list.add("cancelled", "yes") }
    return list
  }

  /// Employees, one per row.
  public static func employees(_ employees: [Simpeg_V1_Employee]) -> TextTable {
    TextTable(
      [
        .init("ID", .right), .init("NIP"), .init("NAME"), .init("STATUS"), .init("GOLONGAN"),
        .init("UNIT", .right),
        .init("POSITION", .right), .init("ACTIVE"),
      ],
      rows: employees.map {
        [
          "\($0.id)", $0.nip, Display.fullName($0), Display.status($0.status), Display.golongan($0.golongan),
          $0.unitID == 0 ? "" : "\($0.unitID)", $0.positionID == 0 ? "" : "\($0.positionID)",
          $0.active ? "yes" : "no",
        ]
      })
  }

  /// One employee.
  public static func employee(_ employee: Simpeg_V1_Employee) -> KeyValueList {
    var list = KeyValueList()
    list.add("id", "\(employee.id)")
    list.add("nip", employee.nip)
    list.add("name", Display.fullName(employee))
    list.add("gender", Display.gender(employee.gender))
    list.add(
      "birth",
      [employee.birthPlace, Display.date(employee.birthDate)].filter { !$0.isEmpty }
        .joined(separator: ", "))
    list.add("status", Display.status(employee.status))
    list.add("golongan", Display.golongan(employee.golongan))
    list.add("tmt cpns", Display.date(employee.tmtCpns))
    list.add("unit", employee.unitID == 0 ? "" : "\(employee.unitID)")
    list.add("position", employee.positionID == 0 ? "" : "\(employee.positionID)")
    list.add("email", employee.email)
    list.add("phone", employee.phone)
    list.add("active", employee.active ? "yes" : "no, retired \(Display.date(employee.retiredOn))")
    return list
  }

  /// Riwayat jabatan.
  public static func positionHistory(_ entries: [Simpeg_V1_PositionHistoryEntry]) -> TextTable {
    TextTable(
      [
        .init("START"), .init("END"), .init("POSITION", .right), .init("UNIT", .right), .init("TITLE"),
        .init("PLT"), .init("REASON"),
      ],
      rows: entries.map {
        [
          Display.date($0.start), Display.date($0.end), "\($0.positionID)", "\($0.unitID)", $0.positionTitle,
          Display.flag($0.acting), $0.reason,
        ]
      })
  }

  /// Riwayat pangkat.
  public static func rankHistory(_ entries: [Simpeg_V1_RankHistoryEntry]) -> TextTable {
    TextTable(
      [.init("TMT"), .init("GOLONGAN"), .init("REASON")],
      rows: entries.map { [Display.date($0.tmt), Display.golongan($0.golongan), $0.reason] })
  }

  /// Accounts, one per row.
  public static func accounts(_ accounts: [Simpeg_V1_Account]) -> TextTable {
    TextTable(
      [
        .init("ID", .right), .init("KIND"), .init("USERNAME"), .init("NAME"), .init("ROLES"), .init("SCOPES"),
        .init("DISABLED"), .init("MUST CHANGE"),
      ],
      rows: accounts.map {
        [
          "\($0.id)", Display.name($0.kind), $0.username, $0.displayName,
          $0.roles.map { Display.name($0) }.joined(separator: ","), $0.scopes.joined(separator: ","),
          Display.flag($0.disabled), Display.flag($0.mustChangePassword),
        ]
      })
  }

  /// One account.
  public static func account(_ account: Simpeg_V1_Account) -> KeyValueList {
    var list = KeyValueList()
    list.add("id", "\(account.id)")
    list.add("kind", Display.name(account.kind))
    list.add("username", account.username)
    list.add("display name", account.displayName)
    list.add("employee", account.employeeID == 0 ? "" : "\(account.employeeID)")
    list.add("roles", account.roles.map { Display.name($0) }.joined(separator: ", "))
    list.add("scopes", account.scopes.joined(separator: ", "))
    list.add("disabled", account.disabled ? "yes: \(account.disabledReason)" : "no")
    list.add("must change password", account.mustChangePassword ? "yes" : "no")
    list.add("created", Display.time(account.createdAt))
    return list
  }

  /// API keys, one per row (never their secret).
  public static func apiKeys(_ keys: [Simpeg_V1_ApiKey]) -> TextTable {
    TextTable(
      [
        .init("ID", .right), .init("ACCOUNT", .right), .init("LABEL"), .init("PREFIX"), .init("CREATED"),
        .init("REVOKED"),
      ],
      rows: keys.map {
        [
          "\($0.id)", "\($0.accountID)", $0.label, $0.prefix, Display.time($0.createdAt),
          Display.time($0.revokedAt),
        ]
      })
  }

  /// Audit records, one per row.
  public static func audit(_ records: [Simpeg_V1_AuditRecord]) -> TextTable {
    TextTable(
      [
        .init("SEQ", .right), .init("TIME"), .init("ACTOR"), .init("METHOD"), .init("TARGETS"), .init("PEER"),
      ],
      rows: records.map {
        [
          "\($0.sequence)", Display.time($0.time), $0.actor, $0.method, $0.targets.joined(separator: " "),
          $0.peer,
        ]
      })
  }

  /// The methods a daemon serves.
  public static func methods(_ methods: [Simpeg_V1_MethodInfo]) -> TextTable {
    TextTable(
      [.init("METHOD"), .init("KIND"), .init("ACCESS")],
      rows: methods.map { [$0.name, $0.kind, $0.access] })
  }

  /// The problems or notes of an import.
  public static func importRemarks(_ remarks: [Simpeg_V1_ImportProblem]) -> TextTable {
    TextTable([.init("LINE", .right), .init("REASON")], rows: remarks.map { ["\($0.line)", $0.reason] })
  }
}
