/// The metadata of a call: ordered key-value pairs sent with the call header or the trailer.
///
/// Keys are lowercase ASCII (they are lowercased on insertion); a key may repeat. Keys ending in
/// `-bin` carry binary values, all others text, as in gRPC. Well-known keys are
/// `authorization` (a session token or API key) and `request-id`.
public struct Metadata: Sendable, Hashable, Sequence {
  /// A metadata value: text, or bytes for keys ending in `-bin`.
  public enum Value: Sendable, Hashable {
    /// A text value.
    case text(String)
    /// A binary value.
    case binary([UInt8])
  }

  /// One key with its value.
  public struct Entry: Sendable, Hashable {
    /// The lowercase key.
    public var key: String
    /// The value.
    public var value: Value
  }

  private var entries: [Entry]

  /// Creates empty metadata.
  public init() { entries = [] }

  /// Creates text metadata from pairs in order, e.g. `Metadata(["authorization": token])`.
  public init(_ pairs: KeyValuePairs<String, String>) {
    entries = pairs.map { Entry(key: $0.key.lowercased(), value: .text($0.value)) }
  }

  /// The number of entries.
  public var count: Int { entries.count }

  /// Whether there are no entries.
  public var isEmpty: Bool { entries.isEmpty }

  /// Appends a text value under `key`.
  public mutating func add(_ key: String, _ value: String) {
    entries.append(Entry(key: key.lowercased(), value: .text(value)))
  }

  /// Appends a binary value under `key`.
  public mutating func add(_ key: String, binary value: [UInt8]) {
    entries.append(Entry(key: key.lowercased(), value: .binary(value)))
  }

  /// Replaces every value of `key` with one text value.
  public mutating func replace(_ key: String, _ value: String) {
    remove(key)
    add(key, value)
  }

  /// Removes every value of `key`.
  public mutating func remove(_ key: String) {
    let key = key.lowercased()
    entries.removeAll { $0.key == key }
  }

  /// The first text value of `key`, if any.
  public subscript(key: String) -> String? {
    let key = key.lowercased()
    for entry in entries where entry.key == key {
      if case .text(let text) = entry.value { return text }
    }
    return nil
  }

  /// Every value of `key`, in order.
  public func values(_ key: String) -> [Value] {
    let key = key.lowercased()
    return entries.filter { $0.key == key }.map(\.value)
  }

  /// Appends every entry of `other`.
  public mutating func add(contentsOf other: Metadata) {
    entries.append(contentsOf: other.entries)
  }

  /// Iterates entries in order.
  public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }
}
