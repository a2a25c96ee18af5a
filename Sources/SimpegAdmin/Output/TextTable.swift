/// A table for people: a header row and rows of cells, each column as wide as its widest cell,
/// columns two spaces apart, no trailing spaces. Numeric columns align right.
///
/// Widths count characters (grapheme clusters), so names with diacritics (`Ni Luh Dé`) line
/// up.
public struct TextTable: Sendable, Hashable {
  /// How a column's cells line up.
  public enum Alignment: Sendable, Hashable {
    /// Flush left (text).
    case left
    /// Flush right (numbers).
    case right
  }

  /// One column.
  public struct Column: Sendable, Hashable {
    /// The header, printed as given (upper case by convention).
    public var title: String
    /// The alignment of its cells and title.
    public var alignment: Alignment

    /// Creates a column.
    public init(_ title: String, _ alignment: Alignment = .left) {
      self.title = title
      self.alignment = alignment
    }
  }

  /// The columns.
  public var columns: [Column]
  /// The rows; a row shorter than the columns is padded with empty cells.
  public var rows: [[String]]

  /// Creates a table.
  public init(_ columns: [Column], rows: [[String]] = []) {
    self.columns = columns
    self.rows = rows
  }

  /// Appends a row.
  public mutating func append(_ row: [String]) {
    rows.append(row)
  }

  /// The table's lines: the header, then one line per row.
  public var lines: [String] {
    let cells = ([columns.map(\.title)] + rows).map { row in
      (0..<columns.count).map { index in
        index < row.count ? Self.singleLine(row[index]) : ""
      }
    }
    let widths = (0..<columns.count).map { index in cells.map { $0[index].count }.max() ?? 0 }
    return cells.map { row in
      var line = ""
      for (index, cell) in row.enumerated() {
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        let isLast = index == row.count - 1
        switch columns[index].alignment {
        case .left: line += isLast ? cell : cell + padding
        case .right: line += padding + cell
        }
        if !isLast { line += "  " }
      }
      while line.last == " " { line.removeLast() }
      return line
    }
  }

  /// The lines joined, with a final newline.
  public var rendered: String { lines.map { $0 + "\n" }.joined() }

  /// A cell on one line: line breaks and tabs become spaces.
  private static func singleLine(_ text: String) -> String {
    guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
    return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
  }
}
