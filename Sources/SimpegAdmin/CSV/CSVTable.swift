import Foundation

/// A CSV file read against a known set of columns: the header names the columns (in any
/// order, any case, spaces or underscores), the records follow.
///
/// Structural problems (a record with more or fewer fields than the header, a required column
/// missing) are found for the whole file at once, so that an operator can fix them in one go.
public struct CSVTable: Sendable {
  /// The columns a kind of file has.
  public struct Layout: Sendable, Hashable {
    /// Every column, in the order files are written.
    public var columns: [String]
    /// The columns a file must have.
    public var required: Set<String>

    /// Creates a layout.
    public init(columns: [String], required: Set<String>) {
      self.columns = columns
      self.required = required
    }
  }

  /// The header as written.
  public let header: [String]
  /// The records after the header, structurally sound ones only.
  public let records: [CSVRecord]
  /// Each known column's position in the header.
  public let positions: [String: Int]
  /// Header names that are not columns of the layout (ignored).
  public let unknownColumns: [String]
  /// Records that do not fit the header, by line.
  public let problems: [CSVError]

  /// Reads `data` against `layout`. Throws when the file cannot be read at all or lacks a
  /// required column; records that do not fit the header are left out and listed in
  /// ``problems``.
  public init(data: Data, layout: Layout, separator: UInt8? = nil) throws(CSVError) {
    let reader = CSVReader(separator: separator ?? CSVReader.detectSeparator(in: data))
    let all = try reader.records(in: data)
    guard let first = all.first else { throw CSVError(line: 1, "the file is empty: it needs a header line") }
    header = first.fields
    var positions: [String: Int] = [:]
    var unknown: [String] = []
    for (index, name) in header.enumerated() {
      let column = Self.columnName(name)
      if layout.columns.contains(column), positions[column] == nil {
        positions[column] = index
      } else if !column.isEmpty {
        unknown.append(name)
      }
    }
    let missing = layout.columns.filter { layout.required.contains($0) && positions[$0] == nil }
    guard missing.isEmpty else {
      throw CSVError(
        line: first.line,
        "the header lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); "
          + "a file has the columns \(layout.columns.joined(separator: ","))")
    }
    var records: [CSVRecord] = []
    var problems: [CSVError] = []
    for record in all.dropFirst() {
      var fields = record.fields
      while fields.count > header.count, fields.last?.isEmpty == true { fields.removeLast() }
      if fields.count != header.count {
        problems.append(
          CSVError(
            line: record.line,
            "has \(fields.count) field\(fields.count == 1 ? "" : "s") but the header has \(header.count); "
              + "is a separator missing, or a field with a separator not in quotes?"))
        continue
      }
      records.append(CSVRecord(line: record.line, fields: fields))
    }
    self.positions = positions
    self.unknownColumns = unknown
    self.records = records
    self.problems = problems
  }

  /// The value of `column` in `record`, empty when the file has no such column.
  public func value(_ column: String, in record: CSVRecord) -> String {
    guard let index = positions[column], index < record.fields.count else { return "" }
    return record.fields[index]
  }

  /// A header name as a column name: trimmed, lower case, spaces as underscores.
  static func columnName(_ name: String) -> String {
    name.trimmingCharacters(in: .whitespaces).lowercased()
      .split(whereSeparator: { $0 == " " || $0 == "_" }).joined(separator: "_")
  }
}
