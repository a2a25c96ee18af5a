import SwiftProtobuf

/// A secondary index as a table sees it: a name, uniqueness, and the encoded keys of a value.
///
/// ``Index`` is the one conformance; tables hold `[any IndexDefinition<Value>]`.
public protocol IndexDefinition<Value>: Sendable {
  /// The record type of the table the index belongs to.
  associatedtype Value: Message
  /// The index's name, unique within its table.
  var name: String { get }
  /// Whether two rows may share an index key.
  var isUnique: Bool { get }
  /// The encoded index keys of a value, without duplicates.
  func encodedKeys(for value: Value) -> [[UInt8]]
}

/// A secondary index declared beside its table: a function from a row's value to its index keys.
///
/// The table keeps its indexes in the same transaction as its rows: a put removes the old row's
/// index entries that no longer apply and adds the new ones; a delete removes them all. A unique
/// index refuses a second row with the same index key with ``StoreError/Kind/uniqueViolation``
/// naming the index and key, before anything is written. Storage: a unique index maps the index
/// key to the row's key; a non-unique one stores `index key + row key + UInt16 length of the
/// index key` with an empty value, so that rows sharing an index key sort by row key and a prefix
/// of the index key finds them all.
public struct Index<IndexKey: StoreKey, Value: Message>: IndexDefinition {
  /// The index's name, unique within its table.
  public let name: String
  /// Whether two rows may share an index key.
  public let isUnique: Bool
  private let keys: @Sendable (Value) -> [IndexKey]

  /// Declares an index whose rows each have any number of index keys (none leaves a row out).
  public init(name: String, unique: Bool = false, keys: @escaping @Sendable (Value) -> [IndexKey]) {
    self.name = name
    self.isUnique = unique
    self.keys = keys
  }

  /// Declares an index whose rows each have at most one index key (nil leaves a row out).
  public init(name: String, unique: Bool = false, key: @escaping @Sendable (Value) -> IndexKey?) {
    self.init(name: name, unique: unique, keys: { value in key(value).map { [$0] } ?? [] })
  }

  /// The encoded index keys of a value, without duplicates, in first-seen order.
  public func encodedKeys(for value: Value) -> [[UInt8]] {
    let keys = keys(value)
    // Most rows have one key or none: no set to hash them into.
    if keys.count <= 1 {
      guard let key = keys.first else { return [] }
      return [key.encodedKey]
    }
    var seen = Set<[UInt8]>()
    var result: [[UInt8]] = []
    for key in keys {
      let bytes = key.encodedKey
      if seen.insert(bytes).inserted {
        result.append(bytes)
      }
    }
    return result
  }
}

/// The stored key of a non-unique index entry: index key, row key, UInt16 BE length of the index key.
func nonUniqueEntryKey(indexKey: [UInt8], rowKey: [UInt8]) -> [UInt8] {
  var entry = indexKey
  entry.reserveCapacity(indexKey.count + rowKey.count + 2)
  entry.append(contentsOf: rowKey)
  entry.append(UInt8(indexKey.count >> 8))
  entry.append(UInt8(indexKey.count & 0xFF))
  return entry
}

/// Splits a non-unique index entry key into index key length and row key; nil if malformed.
func splitNonUniqueEntry(_ entry: UnsafeRawBufferPointer) -> (indexKeyLength: Int, rowKey: [UInt8])? {
  guard entry.count >= 2 else { return nil }
  let length = Int(entry[entry.count - 2]) << 8 | Int(entry[entry.count - 1])
  guard length <= entry.count - 2 else { return nil }
  return (length, Array(entry[length..<(entry.count - 2)]))
}
