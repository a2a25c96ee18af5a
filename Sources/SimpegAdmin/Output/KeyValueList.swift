/// One record for people: `label:` and value pairs, the values lined up.
public struct KeyValueList: Sendable, Hashable {
  /// The pairs in order.
  public var pairs: [(String, String)] {
    get { entries.map { ($0.key, $0.value) } }
    set { entries = newValue.map { Entry(key: $0.0, value: $0.1) } }
  }

  private struct Entry: Sendable, Hashable {
    var key: String
    var value: String
  }

  private var entries: [Entry] = []

  /// An empty list.
  public init() {}

  /// Appends a pair; an empty value is shown as `-`.
  public mutating func add(_ key: String, _ value: String) {
    entries.append(Entry(key: key, value: value.isEmpty ? "-" : value))
  }

  /// The lines, `key:` padded so the values start in one column.
  public var lines: [String] {
    let width = (entries.map(\.key.count).max() ?? 0) + 1
    return entries.map { entry in
      let label = entry.key + ":"
      return label + String(repeating: " ", count: width - label.count + 1) + entry.value
    }
  }

  /// The lines joined, with a final newline.
  public var rendered: String { lines.map { $0 + "\n" }.joined() }
}
