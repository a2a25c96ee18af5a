import Foundation

/// Writes CSV that spreadsheets and ``CSVReader`` read back unchanged: fields holding the
/// separator, a quote, a line break or leading or trailing spaces are quoted (quotes doubled).
public struct CSVWriter: Sendable {
  /// The field separator.
  public var separator: Character
  /// The line ending: `\n`, or `\r\n` for spreadsheets.
  public var lineEnding: String
  /// Whether the text starts with a UTF-8 byte order mark (so Excel reads it as UTF-8).
  public var byteOrderMark: Bool

  /// A writer; the defaults write plain comma-separated UTF-8 with LF line endings.
  public init(separator: Character = ",", lineEnding: String = "\n", byteOrderMark: Bool = false) {
    self.separator = separator
    self.lineEnding = lineEnding
    self.byteOrderMark = byteOrderMark
  }

  /// A writer for Excel: CRLF line endings and a byte order mark.
  public static let excel = CSVWriter(lineEnding: "\r\n", byteOrderMark: true)

  /// What starts the file (the byte order mark, if any).
  public var preamble: String { byteOrderMark ? "\u{FEFF}" : "" }

  /// One record as a line, with its line ending.
  public func line(_ fields: [String]) -> String {
    fields.map(quoted).joined(separator: String(separator)) + lineEnding
  }

  /// A whole file: the preamble, the header, the rows.
  public func document(header: [String], rows: [[String]]) -> String {
    preamble + line(header) + rows.map(line).joined()
  }

  /// `field`, quoted when it must be.
  public func quoted(_ field: String) -> String {
    let needsQuotes =
      field.contains(separator) || field.contains("\"") || field.contains(where: \.isNewline)
      || field.first == " " || field.last == " "
    guard needsQuotes else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
