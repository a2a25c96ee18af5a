/// One record of a CSV file: its fields and the line it starts on (1-based; a quoted field may
/// span lines, so the next record can start more than one line later).
public struct CSVRecord: Sendable, Hashable {
  /// The line the record starts on.
  public var line: Int
  /// The fields, unquoted.
  public var fields: [String]

  /// Creates a record.
  public init(line: Int, fields: [String]) {
    self.line = line
    self.fields = fields
  }
}

/// A CSV file that cannot be read, with the line where reading stopped.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The line (1-based).
  public var line: Int
  /// What is wrong.
  public var message: String

  /// Creates an error.
  public init(line: Int, _ message: String) {
    self.line = line
    self.message = message
  }

  /// `line 12: message`.
  public var description: String { "line \(line): \(message)" }
}
