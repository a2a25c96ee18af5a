import ArgumentParser
import SimpegAPI
import SimpegAdmin

/// `position plh`: a Plh (pelaksana harian) stands in for a position's holder who is away, for a
/// dated range, and acts for them (as PPK they approve and rate).
struct PlhCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plh",
    abstract: "Plh of a held position: assign one for a dated range, end or cancel one, list them.",
    discussion: "A POSITION is named by its id, an EMPLOYEE by id or NIP, a PLH by its id.",
    subcommands: [Assign.self, End.self, List.self])

  /// Prints one Plh.
  static func show(_ plh: Simpeg_V1_Plh, _ console: Console) throws {
    try console.show(plh, RecordTables.plh)
  }

  struct Assign: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Make an employee the Plh of a held position from one day to another (inclusive).")
    @Argument(help: "The position, held by an employee who will be away.") var position: String
    @Argument(help: "The stand-in: an active employee, not the holder.") var employee: String
    @Option(help: "The first day (not before today).") var from: String
    @Option(help: "The last day, inclusive.") var to: String
    @Option(help: "The reason, e.g. the number of the surat perintah.") var reason: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_AssignPlhRequest()
      request.positionID = try References.id(position, of: "a position")
      request.employeeID = try await References.employee(employee, connection: connection)
      request.firstDay = try OptionValues.date(from)
      request.lastDay = try OptionValues.date(to)
      request.reason = reason
      try PlhCommand.show(try await connection.org.assignPlh(request, options: connection.unary), console)
    }
  }

  struct End: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "End a Plh early (the holder is back), or cancel one that has not begun.",
      discussion: "The new last day is not after the old one; a last day before the first day cancels it.")
    @Argument(help: "The Plh.") var plh: String
    @Option(help: "The new last day (default today).") var lastDay: String?
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_EndPlhRequest()
      request.plhID = try References.id(plh, of: "a Plh")
      if let lastDay { request.lastDay = try OptionValues.date(lastDay) }
      try PlhCommand.show(try await connection.org.endPlh(request, options: connection.unary), console)
    }
  }

  struct List: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the Plh of a position, or those an employee serves as, from today on.")
    @Option(help: "The position.") var position: String?
    @Option(help: "The employee serving as Plh.") var employee: String?
    @Flag(help: "Also those ended or cancelled.") var includePast = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if (position == nil) == (employee == nil) {
        throw ValidationError("give --position or --employee, one of them")
      }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_ListPlhRequest()
      if let position { request.positionID = try References.id(position, of: "a position") }
      if let employee { request.employeeID = try await References.employee(employee, connection: connection) }
      request.includePast = includePast
      let plhs = try await Pages.all(request) {
        let page = try await connection.org.listPlh($0, options: connection.unary)
        return (page.plhs, page.page.nextPageToken)
      }
      if console.isJSON {
        try console.printJSON(.object(["plhs": .array(plhs.map { .message($0) })]))
      } else {
        console.print(RecordTables.plhs(plhs), empty: "no Plh")
      }
    }
  }
}
