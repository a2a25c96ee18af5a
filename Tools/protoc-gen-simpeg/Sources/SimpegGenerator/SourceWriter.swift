/// Builds Swift source text line by line with two-space indentation.
struct SourceWriter {
  private(set) var text = ""
  private var depth = 0

  /// Appends one line at the current indentation; an empty string appends a blank line.
  mutating func line(_ content: String = "") {
    if content.isEmpty {
      text += "\n"
    } else {
      text += String(repeating: "  ", count: depth) + content + "\n"
    }
  }

  /// Appends a doc comment block (already prefixed with `///`), re-indented.
  mutating func comment(_ block: String) {
    for raw in block.split(separator: "\n", omittingEmptySubsequences: false) where !raw.isEmpty {
      line(String(raw))
    }
  }

  /// Appends `opening {`, the body one level deeper, then `}`.
  mutating func block(_ opening: String, _ body: (inout SourceWriter) -> Void) {
    line(opening + " {")
    depth += 1
    body(&self)
    depth -= 1
    line("}")
  }
}
