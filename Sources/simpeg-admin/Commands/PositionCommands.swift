import ArgumentParser
import SimpegAPI
import SimpegAdmin

/// `position`: positions (jabatan) and who holds them.
struct PositionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "position",
    abstract:
      "Positions: add, show, list, supervisor, assign a holder or Plt, vacate, an elected official, close, evaluator chain, Plh.",
    discussion: "A POSITION is named by its id; an EMPLOYEE by id or NIP.",
    subcommands: [
      Add.self, Show.self, List.self, Supervisor.self, Assign.self, Vacate.self, Official.self, Close.self,
      Chain.self, PlhCommand.self,
    ])

  /// Prints one position.
  static func show(_ position: Simpeg_V1_Position, _ console: Console) throws {
    try console.show(position, RecordTables.position)
  }

  struct Add: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Add a position to a unit.")

    @Option(help: "The unit.") var unit: String
    @Option(help: "The title, e.g. \"Kepala Seksi Identitas Penduduk\".") var title: String
    @Option(
      help:
        "PIMPINAN_TINGGI, ADMINISTRATOR, PENGAWAS, FUNGSIONAL_KEAHLIAN, FUNGSIONAL_KETERAMPILAN, PELAKSANA.")
    var kind: String?
    @Option(
      help: "JPT_PRATAMA, LEVEL_ADMINISTRATOR, LEVEL_PENGAWAS, AHLI_MUDA, TERAMPIL, LEVEL_PELAKSANA, ...")
    var level: String?
    @Flag(help: "An elected office (the Wali Kota): no kind, level or eselon.") var elected = false
    @Option(help: "The eselon of a managerial position, e.g. IIIA, IVA.") var eselon: String?
    @Option(help: ArgumentHelp("The supervising position.", valueName: "position")) var supervisor: String?
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if !elected && (kind == nil || level == nil) {
        throw ValidationError("give --kind and --level, or --elected for an elected office")
      }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_CreatePositionRequest()
      request.unitID = try await References.unit(unit, connection: connection)
      request.title = title
      request.elected = elected
      if let kind {
        request.kind = try OptionValues.enumValue(kind, Simpeg_V1_JabatanKind.self, what: "kind of position")
      }
      if let level {
        request.level = try OptionValues.enumValue(level, Simpeg_V1_JabatanLevel.self, what: "level")
      }
      if let eselon {
        request.eselon = try OptionValues.enumValue(eselon, Simpeg_V1_Eselon.self, what: "eselon")
      }
      if let supervisor { request.supervisorPositionID = try References.id(supervisor, of: "a position") }
      try PositionCommand.show(
        try await connection.org.createPosition(request, options: connection.unary), console)
    }
  }

  struct Show: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Show a position.")
    @Argument(help: "The position.") var position: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_GetPositionRequest()
      request.positionID = try References.id(position, of: "a position")
      try PositionCommand.show(
        try await connection.org.getPosition(request, options: connection.unary), console)
    }
  }

  struct List: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "List the positions of a unit (or all).")
    @Option(help: "The unit; none for every position.") var unit: String?
    @Flag(help: "Include closed positions.") var includeClosed = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_ListPositionsRequest()
      if let unit { request.unitID = try await References.unit(unit, connection: connection) }
      request.includeClosed = includeClosed
      let positions = try await Pages.all(request) {
        let page = try await connection.org.listPositions($0, options: connection.unary)
        return (page.positions, page.page.nextPageToken)
      }
      if console.isJSON {
        try console.printJSON(.object(["positions": .array(positions.map { .message($0) })]))
      } else {
        console.print(RecordTables.positions(positions))
      }
    }
  }

  struct Supervisor: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Set or change the position supervising a position, or --clear it (a reorganisation).",
      discussion: "Who is PPK and atasan of its holder follows from now on; rated records keep theirs.")
    @Argument(help: "The position.") var position: String
    @Argument(help: "The position above it.") var supervisor: String?
    @Flag(help: "Clear it: nobody is above the position.") var clear = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if clear == (supervisor != nil) { throw ValidationError("give a SUPERVISOR or --clear, one of them") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_SetPositionSupervisorRequest()
      request.positionID = try References.id(position, of: "a position")
      if let supervisor { request.supervisorPositionID = try References.id(supervisor, of: "a position") }
      try PositionCommand.show(
        try await connection.org.setPositionSupervisor(request, options: connection.unary), console)
    }
  }

  struct Assign: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Make an employee the holder of a vacant position, or its Plt with --acting.")
    @Argument(help: "The position.") var position: String
    @Argument(help: "The employee.") var employee: String
    @Flag(help: "As Plt (acting holder).") var acting = false
    @Option(help: "From this date (default today).") var effective: String?
    @Option(help: "The reason, e.g. the SK number.") var reason: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_AssignHolderRequest()
      request.positionID = try References.id(position, of: "a position")
      request.employeeID = try await References.employee(employee, connection: connection)
      request.acting = acting
      if let effective { request.effective = try OptionValues.date(effective) }
      request.reason = reason
      try PositionCommand.show(
        try await connection.org.assignHolder(request, options: connection.unary), console)
    }
  }

  struct Vacate: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "End the holder of a position, or only its Plt with --acting.")
    @Argument(help: "The position.") var position: String
    @Flag(help: "End the Plt only.") var acting = false
    @Option(help: "From this date (default today).") var effective: String?
    @Option(help: "The reason, e.g. the SK number.") var reason: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_VacatePositionRequest()
      request.positionID = try References.id(position, of: "a position")
      request.acting = acting
      if let effective { request.effective = try OptionValues.date(effective) }
      request.reason = reason
      try PositionCommand.show(
        try await connection.org.vacatePosition(request, options: connection.unary), console)
    }
  }

  struct Official: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Name the elected official holding a position (the Wali Kota), or --clear it.")
    @Argument(help: "The position.") var position: String
    @Argument(help: "The official's name with titles.") var name: String?
    @Flag(help: "Clear the official: the position is vacant.") var clear = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if clear == (name != nil) { throw ValidationError("give a NAME or --clear, one of them") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_SetOfficialHolderRequest()
      request.positionID = try References.id(position, of: "a position")
      request.name = name ?? ""
      try PositionCommand.show(
        try await connection.org.setOfficialHolder(request, options: connection.unary), console)
    }
  }

  struct Close: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Close a vacant position without a Plt.")
    @Argument(help: "The position.") var position: String
    @Option(help: "Why.") var reason: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_ClosePositionRequest()
      request.positionID = try References.id(position, of: "a position")
      request.reason = reason
      try PositionCommand.show(
        try await connection.org.closePosition(request, options: connection.unary), console)
    }
  }

  struct Chain: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show who evaluates a position's holder (pejabat penilai) and their atasan.")
    @Argument(help: "The position.") var position: String
    @Option(help: "The day asked for (a Plh stands in on some days only); default today.") var on: String?
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_GetEvaluatorChainRequest()
      request.positionID = try References.id(position, of: "a position")
      if let on { request.on = try OptionValues.date(on) }
      let chain = try await connection.org.getEvaluatorChain(request, options: connection.unary)
      if console.isJSON {
        try console.printJSON(.message(chain))
      } else {
        console.print(RecordTables.chain(chain), empty: "no supervising positions")
      }
    }
  }
}
