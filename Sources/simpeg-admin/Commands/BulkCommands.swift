import ArgumentParser
import Foundation
import SimpegAPI
import SimpegAdmin

/// `import units|employees FILE`.
struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import units or employees from a CSV file (see the README for the columns).",
    subcommands: [Units.self, Employees.self])

  struct Units: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import units: kode,kode_induk,jenis,nama.")
    @OptionGroup var options: ImportOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      try await options.run(.units, connection, console)
    }
  }

  struct Employees: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import employees: nip,nama,gelar_depan,gelar_belakang,jenis_kelamin,tempat_lahir,"
        + "tanggal_lahir,status,golongan,tmt_cpns,kode_unit,jabatan,email,telepon.")
    @OptionGroup var options: ImportOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      try await options.run(.employees, connection, console)
    }
  }
}

/// The file and choices of an import.
struct ImportOptions: ParsableArguments {
  @Argument(help: "The CSV file, or - for standard input.") var file: String
  @Flag(help: "Check every row and report; write nothing.") var dryRun = false
  @Flag(help: "Write the good rows and skip the bad ones (default: all rows or none).") var partial = false
  @Option(help: "The field separator: , or ; (default: detected from the header).") var separator: String?

  func validate() throws {
    if let separator, separator != ",", separator != ";" {
      throw ValidationError("--separator is , or ;")
    }
  }

  /// How many bad rows or notes a table for people shows.
  static let shown = 50

  /// Reads, sends and reports; exits 6 when any row was bad.
  func run(_ kind: CSVImport.Kind, _ connection: AdminConnection, _ console: Console) async throws {
    let table = try CSVImport.read(file, kind: kind, separator: separator.map { $0.utf8.first! })
    if !table.unknownColumns.isEmpty {
      console.warn("ignoring the columns \(table.unknownColumns.joined(separator: ", "))")
    }
    let report = try await CSVImport.run(
      table, kind: kind, dryRun: dryRun, allOrNothing: !partial, connection: connection)
    if console.isJSON {
      try console.printJSON(
        .object(["file": .string(file), "kind": .string(kind.rawValue), "report": .message(report)]))
    } else {
      let bad = report.problems.count + Int(report.problemsOmitted)
      let outcome =
        report.committed
        ? "\(report.written) written" : report.dryRun ? "dry run, nothing written" : "nothing written"
      console.print("\(kind.rawValue): \(report.rows) rows, \(report.valid) valid, \(bad) bad; \(outcome)")
      if !report.problems.isEmpty {
        console.print(RecordTables.importRemarks(Array(report.problems.prefix(Self.shown))))
        if bad > Self.shown { console.print("... and \(bad - Self.shown) more bad rows (--json lists them)") }
      }
      if !report.notes.isEmpty {
        let total = report.notes.count + Int(report.notesOmitted)
        console.print(
          "notes on \(total) rows\(total > Self.shown ? " (the first \(Self.shown); --json lists them)" : ""):"
        )
        console.print(RecordTables.importRemarks(Array(report.notes.prefix(Self.shown))))
      }
    }
    if !report.problems.isEmpty || report.problemsOmitted > 0 {
      let count = report.problems.count + Int(report.problemsOmitted)
      throw AdminFailure(
        .refused,
        "\(count) bad row\(count == 1 ? "" : "s") in \(file)"
          + (report.committed ? "; the other rows were written" : "; nothing was written"),
        hint: report.committed ? nil : "fix the rows named above and import again (--dry-run checks only)")
    }
  }
}

/// `export units|employees`.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export units or employees as CSV in the columns the import reads.",
    subcommands: [Units.self, Employees.self])

  struct Units: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Export the open units.")
    @OptionGroup var options: ExportOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      try options.write(try await CSVExport.units(connection: connection), console)
    }
  }

  struct Employees: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "Export the active employees.")
    @Flag(help: "Also retired employees.") var includeInactive = false
    @OptionGroup var options: ExportOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      try options.write(
        try await CSVExport.employees(connection: connection, includeInactive: includeInactive), console)
    }
  }
}

/// Where and how an export is written.
struct ExportOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Write to this file (default: standard output).", valueName: "file")) var out:
    String?
  @Flag(help: "For Excel: CRLF line endings and a byte order mark.") var excel = false

  /// Writes the CSV (or with --json and no --out, the rows as JSON objects).
  func write(_ export: CSVExport.Export, _ console: Console) throws {
    if export.madeUpCodes > 0 {
      console.notice(
        "\(export.madeUpCodes) units have no code: the file names them UNIT-<id>, and an import stores that "
          + "code; give them real codes with `simpeg-admin unit rename UNIT --code CODE`")
    }
    let writer = excel ? CSVWriter.excel : CSVWriter()
    guard let out else {
      if console.isJSON {
        let rows: [JSONOutput.Value] = export.rows.map { row in
          .object(Dictionary(uniqueKeysWithValues: zip(export.header, row.map(JSONOutput.Value.string))))
        }
        try console.printJSON(
          .object(["columns": .array(export.header.map { .string($0) }), "rows": .array(rows)]))
      } else {
        console.write(writer.document(header: export.header, rows: export.rows))
      }
      return
    }
    let data = Data(writer.document(header: export.header, rows: export.rows).utf8)
    let temporary = out + ".partial"
    do {
      try data.write(to: URL(fileURLWithPath: temporary))
      if FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
      try FileManager.default.moveItem(atPath: temporary, toPath: out)
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw AdminFailure(.failed, "cannot write \(out): \(error.localizedDescription)")
    }
    if console.isJSON {
      try console.printJSON(
        .object([
          "file": .string(out), "rows": .integer(Int64(export.rows.count)),
          "madeUpCodes": .integer(Int64(export.madeUpCodes)),
        ]))
    } else {
      console.print("wrote \(export.rows.count) rows to \(out)")
    }
  }
}
