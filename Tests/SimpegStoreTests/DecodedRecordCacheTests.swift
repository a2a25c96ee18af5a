import Testing

@testable import SimpegStore

/// The writer thread's cache of decoded records: served only for the very bytes it came from.
@Suite("Decoded record cache")
struct DecodedRecordCacheTests {
  let folder = TemporaryFolder()

  private func lookup(_ cache: DecodedRecordCache, _ key: [UInt8], _ stored: [UInt8]) -> String? {
    stored.withUnsafeBytes { cache.value(1, key: key, stored: $0, as: String.self) }
  }

  private func remember(_ cache: DecodedRecordCache, _ value: String, _ key: [UInt8], _ stored: [UInt8]) {
    stored.withUnsafeBytes { cache.remember(value, 1, key: key, stored: $0) }
  }

  @Test func servesAValueOnlyForTheBytesItCameFrom() {
    let cache = DecodedRecordCache()
    remember(cache, "old", [1], [10, 20, 30])
    #expect(lookup(cache, [1], [10, 20, 30]) == "old")
    #expect(lookup(cache, [1], [10, 20, 31]) == nil, "same length, other bytes")
    #expect(lookup(cache, [1], [10, 20]) == nil, "other length")
    #expect(lookup(cache, [2], [10, 20, 30]) == nil, "other key")
  }

  @Test func startsOverAtItsBounds() {
    let cache = DecodedRecordCache(maxEntries: 2, maxBytes: 1_000, maxRecordBytes: 4)
    remember(cache, "a", [1], [1])
    remember(cache, "b", [2], [2])
    remember(cache, "c", [3], [3])
    #expect(cache.count == 1)
    #expect(lookup(cache, [3], [3]) == "c")
    remember(cache, "big", [4], [1, 2, 3, 4, 5])
    #expect(lookup(cache, [4], [1, 2, 3, 4, 5]) == nil, "a record over maxRecordBytes is not kept")
  }

  @Test func aRowRolledBackWithItsRequestIsReadAsStored() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in try Fixtures.quiet.put(record(["name": "Sri"]), for: 1, in: txn) }
    struct Refused: Error {}
    // The put is read back (and so remembered by the writer's cache), then rolled back with the
    // request that made it.
    await #expect(throws: Refused.self) {
      try await store.write { txn in
        try Fixtures.quiet.put(record(["name": "Joko"]), for: 1, in: txn)
        _ = try Fixtures.quiet.get(1, in: txn)
        throw Refused()
      }
    }
    let read = try await store.write { txn in try Fixtures.quiet.get(1, in: txn)?.string("name") }
    #expect(read == "Sri")
  }

  @Test func aRowChangedByAnotherWriteIsReadAsStored() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in try Fixtures.people.put(record(["name": "Ani"]), for: 1, in: txn) }
    _ = try await store.write { txn in try Fixtures.people.get(1, in: txn) }
    try await store.write { txn in try Fixtures.people.put(record(["name": "Budi"]), for: 1, in: txn) }
    let name = try await store.write { txn in try Fixtures.people.get(1, in: txn)?.string("name") }
    #expect(name == "Budi")
    let scanned = try await store.write { txn in
      try Fixtures.people.scan(in: txn, direction: .reverse, limit: 1).first?.value.string("name")
    }
    #expect(scanned == "Budi")
  }
}
