import ArgumentParser
import SimpegAPI
import SimpegAdmin

/// `unit`: the organisation's units.
struct UnitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unit",
    abstract: "Units of the organisation: add, rename, move, close, head, show, list, tree.",
    discussion: "A UNIT is named by its id or its code.",
    subcommands: [
      Add.self, Rename.self, Move.self, Close.self, Head.self, Show.self, List.self, Tree.self,
    ])

  /// Prints one unit.
  static func show(_ unit: Simpeg_V1_Unit, _ console: Console) throws {
    try console.show(unit, RecordTables.unit)
  }

  struct Add: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Add a unit (OrgService/CreateUnit).")
    @Option(help: "The unit's name.") var name: String
    @Option(help: "The kind: Dinas, Badan, Bidang, Seksi, Kecamatan, Kelurahan, ...") var kind: String
    @Option(help: "A short unique code, e.g. DISDUKCAPIL.") var code: String = ""
    @Option(help: ArgumentHelp("The parent unit; none for the root.", valueName: "unit")) var parent: String?
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_CreateUnitRequest()
      request.name = name
      request.kind = try OptionValues.unitKind(kind)
      request.code = code
      if let parent { request.parentID = try await References.unit(parent, connection: connection) }
      try UnitCommand.show(try await connection.org.createUnit(request, options: connection.unary), console)
    }
  }

  struct Rename: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Rename a unit or change its code.")
    @Argument(help: "The unit.") var unit: String
    @Option(help: "The new name.") var name: String = ""
    @Option(help: "The new code.") var code: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if name.isEmpty && code.isEmpty { throw ValidationError("give --name, --code or both") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_RenameUnitRequest()
      request.unitID = try await References.unit(unit, connection: connection)
      request.name = name
      request.code = code
      try UnitCommand.show(try await connection.org.renameUnit(request, options: connection.unary), console)
    }
  }

  struct Move: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Move a unit under another parent.")
    @Argument(help: "The unit.") var unit: String
    @Option(help: ArgumentHelp("The new parent unit.", valueName: "unit")) var parent: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_MoveUnitRequest()
      request.unitID = try await References.unit(unit, connection: connection)
      request.newParentID = try await References.unit(parent, connection: connection)
      try UnitCommand.show(try await connection.org.moveUnit(request, options: connection.unary), console)
    }
  }

  struct Close: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Close a unit that has no open positions and no open sub-units.")
    @Argument(help: "The unit.") var unit: String
    @Option(help: "Why (e.g. the regulation that dissolved it).") var reason: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_CloseUnitRequest()
      request.unitID = try await References.unit(unit, connection: connection)
      request.reason = reason
      try UnitCommand.show(try await connection.org.closeUnit(request, options: connection.unary), console)
    }
  }

  struct Head: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Set the unit's head position, whose holder (else Plt, else Plh) leads it; or --clear it.")
    @Argument(help: "The unit.") var unit: String
    @Argument(help: "The head position, a position of the unit itself.") var position: String?
    @Flag(help: "Clear the head position: nobody leads the unit.") var clear = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if clear == (position != nil) { throw ValidationError("give a POSITION or --clear, one of them") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_SetUnitHeadRequest()
      request.unitID = try await References.unit(unit, connection: connection)
      if let position { request.positionID = try References.id(position, of: "a position") }
      try UnitCommand.show(try await connection.org.setUnitHead(request, options: connection.unary), console)
    }
  }

  struct Show: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Show a unit.")
    @Argument(help: "The unit.") var unit: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_GetUnitRequest()
      request.unitID = try await References.unit(unit, connection: connection)
      try UnitCommand.show(try await connection.org.getUnit(request, options: connection.unary), console)
    }
  }

  struct List: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the sub-units of a unit (default: the root's).")
    @Option(help: ArgumentHelp("The parent unit; none for the top.", valueName: "unit")) var parent: String?
    @Flag(help: "Include closed units.") var includeClosed = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_ListUnitsRequest()
      if let parent { request.parentID = try await References.unit(parent, connection: connection) }
      request.includeClosed = includeClosed
      let units = try await Pages.all(request) {
        let page = try await connection.org.listUnits($0, options: connection.unary)
        return (page.units, page.page.nextPageToken)
      }
      if console.isJSON {
        try console.printJSON(.object(["units": .array(units.map { .message($0) })]))
      } else {
        console.print(RecordTables.units(units))
      }
    }
  }

  struct Tree: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show units as an indented tree with their positions and employees.")
    @Option(help: ArgumentHelp("The unit at the top; default the whole organisation.", valueName: "unit"))
    var root: String?
    @Option(help: "The deepest level shown below the top (0: no limit).") var depth: UInt32 = 0
    @Flag(help: "Include closed units.") var includeClosed = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_GetUnitTreeRequest()
      if let root { request.rootID = try await References.unit(root, connection: connection) }
      request.maxDepth = depth
      request.includeClosed = includeClosed
      let response = try await connection.org.getUnitTree(request, options: connection.unary)
      if console.isJSON {
        try console.printJSON(.message(response))
      } else {
        console.print(RecordTables.tree(response.nodes), empty: "no units yet")
      }
    }
  }
}
