import ArgumentParser
import SimpegAPI
import SimpegAdmin

/// `employee`: employees (pegawai ASN).
struct EmployeeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "employee",
    abstract: "Employees: add, show, update, transfer, promote, retire, search.",
    discussion: "An EMPLOYEE is named by its id or NIP (18 digits, spaces allowed).",
    subcommands: [
      Add.self, Show.self, Update.self, Transfer.self, Promote.self, Retire.self, Search.self,
    ])

  /// Prints one employee.
  static func show(_ employee: Simpeg_V1_Employee, _ console: Console) throws {
    try console.show(employee, RecordTables.employee)
  }

  struct Add: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add an employee (the NIP gives the gender, birth date and TMT CPNS).")
    @Option(help: "The NIP or NI PPPK.") var nip: String
    @Option(help: "The name without titles.") var name: String
    @Option(help: "PNS, CPNS, PPPK or \"PPPK Paruh Waktu\".") var status: String
    @Option(help: "I/a-IV/e, or I-XVII for PPPK.") var golongan: String?
    @Option(help: "The unit.") var unit: String?
    @Option(help: ArgumentHelp("A vacant position to seat them in.", valueName: "position")) var position:
      String?
    @Option(help: "Titles before the name, e.g. \"Dr.\".") var gelarDepan: String = ""
    @Option(help: "Titles after the name, e.g. \"S.Kom., M.T.\".") var gelarBelakang: String = ""
    @Option(help: "L or P (default from the NIP).") var gender: String?
    @Option(help: "Tempat lahir.") var birthPlace: String = ""
    @Option(help: "Tanggal lahir (default from the NIP).") var birthDate: String?
    @Option(help: "TMT CPNS, or a PPPK's appointment date.") var tmt: String?
    @Option(help: "E-mail address.") var email: String = ""
    @Option(help: "Phone number.") var phone: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if unit == nil && position == nil { throw ValidationError("give --unit, --position or both") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_CreateEmployeeRequest()
      request.nip = nip
      request.name = name
      request.status = try OptionValues.status(status)
      if let golongan { request.golongan = try OptionValues.golongan(golongan) }
      if let unit { request.unitID = try await References.unit(unit, connection: connection) }
      if let position { request.positionID = try References.id(position, of: "a position") }
      request.gelarDepan = gelarDepan
      request.gelarBelakang = gelarBelakang
      if let gender { request.gender = try OptionValues.gender(gender) }
      request.birthPlace = birthPlace
      if let birthDate { request.birthDate = try OptionValues.date(birthDate) }
      if let tmt { request.tmtCpns = try OptionValues.date(tmt) }
      request.email = email
      request.phone = phone
      try EmployeeCommand.show(
        try await connection.employees.createEmployee(request, options: connection.unary), console)
    }
  }

  struct Show: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show an employee, with --history their riwayat.")
    @Argument(help: "The employee.") var employee: String
    @Flag(help: "Also the riwayat jabatan and pangkat.") var history = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_GetEmployeeRequest()
      request.id = try await References.employee(employee, connection: connection)
      let record = try await connection.employees.getEmployee(request, options: connection.unary)
      var riwayat: Simpeg_V1_GetEmployeeHistoryResponse?
      if history {
        var historyRequest = Simpeg_V1_GetEmployeeHistoryRequest()
        historyRequest.employeeID = record.id
        riwayat = try await connection.employees.getEmployeeHistory(historyRequest, options: connection.unary)
      }
      if console.isJSON {
        if let riwayat {
          try console.printJSON(.object(["employee": .message(record), "history": .message(riwayat)]))
        } else {
          try console.printJSON(.message(record))
        }
        return
      }
      console.print(RecordTables.employee(record))
      if let riwayat {
        console.print("\nriwayat jabatan:")
        console.print(RecordTables.positionHistory(riwayat.positions))
        console.print("\nriwayat pangkat:")
        console.print(RecordTables.rankHistory(riwayat.ranks))
      }
    }
  }

  struct Update: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Change an employee's personal fields.")
    @Argument(help: "The employee.") var employee: String
    @Option(help: "The name without titles.") var name: String = ""
    @Option(help: "Titles before the name.") var gelarDepan: String = ""
    @Option(help: "Titles after the name.") var gelarBelakang: String = ""
    @Flag(help: "Clear the titles before the name.") var clearGelarDepan = false
    @Flag(help: "Clear the titles after the name.") var clearGelarBelakang = false
    @Option(help: "Tempat lahir.") var birthPlace: String = ""
    @Option(help: "E-mail address.") var email: String = ""
    @Option(help: "Phone number.") var phone: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_UpdateEmployeeRequest()
      request.employeeID = try await References.employee(employee, connection: connection)
      request.name = name
      request.gelarDepan = gelarDepan
      request.gelarBelakang = gelarBelakang
      request.clearGelarDepan_p = clearGelarDepan
      request.clearGelarBelakang_p = clearGelarBelakang
      request.birthPlace = birthPlace
      request.email = email
      request.phone = phone
      try EmployeeCommand.show(
        try await connection.employees.updateEmployee(request, options: connection.unary), console)
    }
  }

  struct Transfer: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Move an employee to a vacant position (mutasi).")
    @Argument(help: "The employee.") var employee: String
    @Option(help: "The vacant position.") var position: String
    @Option(help: "From this date (default today).") var effective: String?
    @Option(help: "The reason, e.g. the SK number.") var reason: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_TransferEmployeeRequest()
      request.employeeID = try await References.employee(employee, connection: connection)
      request.positionID = try References.id(position, of: "a position")
      if let effective { request.effective = try OptionValues.date(effective) }
      request.reason = reason
      try EmployeeCommand.show(
        try await connection.employees.transferEmployee(request, options: connection.unary), console)
    }
  }

  struct Promote: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Raise an employee's golongan (kenaikan pangkat).")
    @Argument(help: "The employee.") var employee: String
    @Option(help: "The new golongan, e.g. III/c.") var golongan: String
    @Option(help: "TMT of the new golongan (default today).") var tmt: String?
    @Option(help: "The reason, e.g. the SK number.") var reason: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_PromoteEmployeeRequest()
      request.employeeID = try await References.employee(employee, connection: connection)
      request.golongan = try OptionValues.golongan(golongan)
      if let tmt { request.tmt = try OptionValues.date(tmt) }
      request.reason = reason
      try EmployeeCommand.show(
        try await connection.employees.promoteEmployee(request, options: connection.unary), console)
    }
  }

  struct Retire: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Retire an employee: they leave their position and any Plt.")
    @Argument(help: "The employee.") var employee: String
    @Option(help: "From this date (default today).") var effective: String?
    @Option(help: "The reason, e.g. the SK number.") var reason: String = ""
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_RetireEmployeeRequest()
      request.employeeID = try await References.employee(employee, connection: connection)
      if let effective { request.effective = try OptionValues.date(effective) }
      request.reason = reason
      try EmployeeCommand.show(
        try await connection.employees.retireEmployee(request, options: connection.unary), console)
    }
  }

  struct Search: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Find employees by name, unit or golongan, page by page.")
    @Argument(help: "The start of the name (titles and case ignored).") var name: String = ""
    @Option(help: "Only this unit.") var unit: String?
    @Flag(help: "With --unit: also the units below it.") var subunits = false
    @Option(help: "Only this golongan, e.g. III/a.") var golongan: String?
    @Flag(help: "Include retired employees.") var includeInactive = false
    @Option(help: "At most this many.") var limit: Int = 50
    @Flag(help: "Every match, however many.") var all = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_SearchEmployeesRequest()
      request.namePrefix = name
      if let unit { request.unitID = try await References.unit(unit, connection: connection) }
      request.includeSubunits = subunits
      if let golongan { request.golongan = try OptionValues.golongan(golongan) }
      request.includeInactive = includeInactive
      let found = try await EmployeePages.read(
        connection: connection, request: request, limit: all ? .max : limit)
      if console.isJSON {
        try console.printJSON(
          .object(["employees": .array(found.employees.map { .message($0) }), "more": .bool(found.more)]))
        return
      }
      console.print(RecordTables.employees(found.employees), empty: "no employee matches")
      if found.more { console.notice("more match: raise --limit or give --all") }
    }
  }
}
