import CLMDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Records the writer thread decoded lately, each kept with the stored bytes it came from, so a
/// write that reads the same record again (an employee, their SKP) does not decode its protobuf
/// again. Rows a write puts are not kept (what writes read again and again, counters and the
/// audit trail's head, is carried per batch as a ``BatchState``).
///
/// An entry is served only when the bytes stored in LMDB now are exactly the bytes it was decoded
/// from (compared byte for byte, envelope and checksum included), so nothing ever needs
/// invalidating: a record changed by a write, rolled back with its batch, or written by a
/// migration simply no longer matches, and is decoded (and checked) as usual. The value is a
/// function of those bytes, so a hit returns what decoding would.
///
/// Used only on the writer thread (write transactions), so it needs no lock. Bounded: records of
/// more than ``maxRecordBytes`` are not kept, and once ``maxEntries`` entries or ``maxBytes``
/// stored bytes are held, the cache starts over.
final class DecodedRecordCache {
  private struct Key: Hashable {
    let dbi: MDB_dbi
    let key: [UInt8]
  }

  private struct Entry {
    let stored: [UInt8]
    let value: Any
  }

  /// The most entries held.
  let maxEntries: Int
  /// The most stored bytes held, all entries together.
  let maxBytes: Int
  /// The largest record kept.
  let maxRecordBytes: Int
  private var entries: [Key: Entry] = [:]
  private var bytes = 0

  /// A cache within the given bounds.
  init(maxEntries: Int = 8_192, maxBytes: Int = 8 << 20, maxRecordBytes: Int = 64 << 10) {
    self.maxEntries = maxEntries
    self.maxBytes = maxBytes
    self.maxRecordBytes = maxRecordBytes
  }

  /// How many entries are held.
  var count: Int { entries.count }

  /// The value decoded from `stored`, if the entry under `key` of `dbi` came from these bytes.
  func value<Value>(_ dbi: MDB_dbi, key: [UInt8], stored: UnsafeRawBufferPointer, as: Value.Type) -> Value? {
    guard let entry = entries[Key(dbi: dbi, key: key)], entry.stored.count == stored.count else { return nil }
    let same = entry.stored.withUnsafeBytes { kept in
      kept.count == 0 || memcmp(kept.baseAddress!, stored.baseAddress!, kept.count) == 0
    }
    return same ? entry.value as? Value : nil
  }

  /// Keeps `value`, decoded from (or encoded as) `stored`, under `key` of `dbi`.
  func remember(_ value: Any, _ dbi: MDB_dbi, key: [UInt8], stored: UnsafeRawBufferPointer) {
    guard stored.count <= maxRecordBytes else { return }
    if entries.count >= maxEntries || bytes + stored.count > maxBytes {
      entries.removeAll(keepingCapacity: true)
      bytes = 0
    }
    let previous = entries.updateValue(
      Entry(stored: Array(stored), value: value), forKey: Key(dbi: dbi, key: key))
    bytes += stored.count - (previous?.stored.count ?? 0)
  }
}
