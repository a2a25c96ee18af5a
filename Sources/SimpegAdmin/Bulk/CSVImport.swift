import Foundation
import SimpegAPI

/// Imports a units or employees file through the daemon's ImportService: the file is read and
/// checked for its shape here (every line that does not fit the header is reported, and
/// nothing is sent), then its rows stream to the daemon, which checks their content and
/// writes all of them or none.
public enum CSVImport {
  /// What a file holds.
  public enum Kind: String, Sendable, CaseIterable {
    /// Units: `kode,kode_induk,jenis,nama`.
    case units
    /// Employees: see ``EmployeeColumns``.
    case employees

    /// The columns of this kind of file.
    public var layout: CSVTable.Layout {
      self == .units ? UnitColumns.layout : EmployeeColumns.layout
    }
  }

  /// The most rows one import takes (the daemon's bound).
  public static let maxRows = 100_000
  /// The largest file read (256 MiB).
  public static let maxFileBytes = 256 * 1024 * 1024

  /// Reads `path` (`-` for standard input) as a `kind` file. Throws a failure naming every line
  /// whose shape is wrong.
  public static func read(_ path: String, kind: Kind, separator: UInt8? = nil) throws -> CSVTable {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      try BackupFiles.requireFile(path)
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
      guard size <= maxFileBytes else {
        throw AdminFailure(.usage, "\(path) is \(size) bytes; an import reads at most 256 MiB, split it")
      }
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw AdminFailure(.failed, "cannot read \(path): \(error.localizedDescription)")
      }
    }
    let table: CSVTable
    do {
      table = try CSVTable(data: data, layout: kind.layout, separator: separator)
    } catch {
      throw AdminFailure(.refused, "\(path): \(error)")
    }
    if !table.problems.isEmpty {
      let lines = table.problems.map { "  line \($0.line): \($0.message)" }
      throw AdminFailure(
        .refused,
        "\(path): \(table.problems.count) line\(table.problems.count == 1 ? "" : "s") do not fit the "
          + "header; nothing was sent:\n" + lines.joined(separator: "\n"))
    }
    guard table.records.count <= maxRows else {
      throw AdminFailure(
        .usage, "\(path) has \(table.records.count) rows; an import takes at most \(maxRows)",
        hint: "split the file and import the parts in order")
    }
    return table
  }

  /// Streams the rows of `table` to the daemon and returns its report.
  public static func run(
    _ table: CSVTable, kind: Kind, dryRun: Bool, allOrNothing: Bool, connection: AdminConnection
  ) async throws -> Simpeg_V1_ImportResponse {
    let options = Simpeg_V1_ImportOptions.with {
      $0.dryRun = dryRun
      $0.allOrNothing = allOrNothing
    }
    switch kind {
    case .units:
      return try await connection.imports.importUnits(options: connection.streaming) { writer in
        var first = Simpeg_V1_ImportUnitsRequest()
        first.options = options
        try await writer.write(first)
        for record in table.records {
          var request = Simpeg_V1_ImportUnitsRequest()
          request.row = UnitColumns.row(record, in: table)
          try await writer.write(request)
        }
      }
    case .employees:
      return try await connection.imports.importEmployees(options: connection.streaming) { writer in
        var first = Simpeg_V1_ImportEmployeesRequest()
        first.options = options
        try await writer.write(first)
        for record in table.records {
          var request = Simpeg_V1_ImportEmployeesRequest()
          request.row = EmployeeColumns.row(record, in: table)
          try await writer.write(request)
        }
      }
    }
  }
}
