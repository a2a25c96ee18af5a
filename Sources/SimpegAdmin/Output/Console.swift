import Foundation
import SwiftProtobuf

/// Where a command's output goes: results to standard output, progress, warnings and errors
/// to standard error, so that `--json` output stays parsable and pipes stay clean.
public struct Console: Sendable {
  /// How results are printed.
  public enum Format: Sendable, Hashable {
    /// Aligned tables and lists for people.
    case human
    /// One JSON document (or one line per element of a stream) for scripts.
    case json
  }

  /// The format of results.
  public var format: Format
  /// No progress and no notices (results and errors still print).
  public var quiet: Bool

  /// Creates a console.
  public init(format: Format, quiet: Bool) {
    self.format = format
    self.quiet = quiet
  }

  /// Whether results are JSON.
  public var isJSON: Bool { format == .json }

  /// Whether progress may be shown: not with `--json` or `--quiet`.
  public var showsProgress: Bool { !quiet && format == .human }

  /// Prints `text` and a newline on standard output.
  public func print(_ text: String) {
    StandardStreams.out(text + "\n")
  }

  /// Prints a table (or `none` when it has no rows) on standard output.
  public func print(_ table: TextTable, empty: String = "none") {
    if table.rows.isEmpty {
      notice(empty)
    } else {
      StandardStreams.out(table.rendered)
    }
  }

  /// Prints a record on standard output.
  public func print(_ list: KeyValueList) {
    StandardStreams.out(list.rendered)
  }

  /// Prints one record: its JSON with `--json`, else as `human` lays it out for people.
  public func show<Record: SwiftProtobuf.Message>(_ record: Record, _ human: (Record) -> KeyValueList) throws
  {
    if isJSON {
      try printJSON(.message(record))
    } else {
      print(human(record))
    }
  }

  /// Prints `value` as a JSON document on standard output.
  public func printJSON(_ value: JSONOutput.Value) throws {
    print(try JSONOutput.document(value))
  }

  /// Prints a notice on standard error unless quiet or printing JSON.
  public func notice(_ text: String) {
    guard !quiet, format == .human else { return }
    StandardStreams.error(text + "\n")
  }

  /// Prints a warning on standard error (always: warnings matter to scripts too).
  public func warn(_ text: String) {
    StandardStreams.error("simpeg-admin: warning: " + text + "\n")
  }

  /// Writes raw text on standard output (e.g. a CSV document).
  public func write(_ text: String) {
    StandardStreams.out(text)
  }

  /// Prints text that must be seen once, like a new password or API key: on standard output in
  /// human form. Callers print it in their JSON result instead when printing JSON.
  public func secret(_ label: String, _ value: String) {
    print("\(label): \(value)")
  }
}
