import Foundation
import SimpegStore
import SwiftProtobuf
import Testing

@Suite("Tables")
struct TableTests {
  let folder = TemporaryFolder()

  /// Writes rows 1...count into `people` with names "name-<n>".
  func fill(_ store: Store, count: UInt64) async throws {
    try await store.write { txn in
      for id in 1...count {
        try Fixtures.people.put(record(["name": "name-\(id)", "email": "p\(id)@x"]), for: id, in: txn)
      }
    }
  }

  @Test func putThenGetReturnsTheValueAndDeleteRemovesIt() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in try Fixtures.people.put(record(["name": "Budi"]), for: 7, in: txn) }
    #expect(try store.read { try Fixtures.people.get(7, in: $0)?.string("name") } == "Budi")
    #expect(try store.read { try Fixtures.people.exists(7, in: $0) })
    let deleted = try await store.write { txn in try Fixtures.people.delete(7, in: txn) }
    #expect(deleted)
    #expect(try store.read { try Fixtures.people.get(7, in: $0) } == nil)
    let again = try await store.write { txn in try Fixtures.people.delete(7, in: txn) }
    #expect(!again)
  }

  @Test func aRecordSerialisedOnceIsStoredAsAPutOfItsValueWould() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let value = record(["name": "Budi", "email": "budi@x", "tags": "a,b"])
    try await store.write { txn in
      let serialised = try SerializedRecord(value)
      try Fixtures.people.put(serialised, for: 1, in: txn)
      try Fixtures.ledger.put(serialised, for: 1, in: txn)
      try Fixtures.ledger.put(value, for: 2, in: txn)
    }
    let (person, entries, byTag, byName) = try store.read { txn in
      (
        try Fixtures.people.get(1, in: txn), try Fixtures.ledger.scan(in: txn).map(\.value),
        try Fixtures.people.find(Fixtures.byTag, equalTo: "b", in: txn).map(\.key),
        try Fixtures.ledger.find(Fixtures.byName, equalTo: "Budi", in: txn).map(\.key)
      )
    }
    #expect(person == value)
    #expect(entries == [value, value])
    #expect(byTag == [1] && byName == [1, 2], "the serialised puts keep the indexes like a plain one")
  }

  @Test func insertRefusesAnExistingKeyWithKeyExists() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in try Fixtures.quiet.insert(record(["v": "1"]), for: 1, in: txn) }
    let error = await #expect(throws: StoreError.self) {
      try await store.write { txn in try Fixtures.quiet.insert(record(["v": "2"]), for: 1, in: txn) }
    }
    #expect(error?.kind == .keyExists)
    #expect(try store.read { try Fixtures.quiet.get(1, in: $0)?.string("v") } == "1")
  }

  @Test func countsMatchRowsInTableAndRange() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await fill(store, count: 50)
    #expect(try store.read { try Fixtures.people.count(in: $0) } == 50)
    #expect(try store.read { try Fixtures.people.count(in: $0, range: .between(10, 20)) } == 10)
    #expect(try store.read { try Fixtures.people.count(in: $0, range: .closed(10, 20)) } == 11)
  }

  @Test func scansVisitRangesForwardAndReverseWithLimits() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await fill(store, count: 30)
    let forward = try store.read { try Fixtures.people.keys(in: $0, range: .between(5, 10)) }
    #expect(forward == [5, 6, 7, 8, 9])
    let reverse = try store.read {
      try Fixtures.people.scan(in: $0, range: .between(5, 10), direction: .reverse).map(\.key)
    }
    #expect(reverse == [9, 8, 7, 6, 5])
    let limited = try store.read { try Fixtures.people.keys(in: $0, range: .from(25), limit: 3) }
    #expect(limited == [25, 26, 27])
    let lastThree = try store.read { try Fixtures.people.keys(in: $0, direction: .reverse, limit: 3) }
    #expect(lastThree == [30, 29, 28])
    let below = try store.read { try Fixtures.people.keys(in: $0, range: .below(3)) }
    #expect(below == [1, 2])
    let reversePastEnd = try store.read {
      try Fixtures.people.keys(in: $0, range: .between(28, 1000), direction: .reverse)
    }
    #expect(reversePastEnd == [30, 29, 28])
  }

  @Test func prefixScanFindsCompositeKeysSharingLeadingComponents() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in
      for (owner, number) in [("ani", 1), ("budi", -2), ("budi", 5), ("budiman", 1), ("bu", 3), ("cici", 0)] {
        try Fixtures.notes.put(record(["n": "\(number)"]), for: CompositeKey2(owner, Int64(number)), in: txn)
      }
    }
    let exactOwner = try store.read {
      try Fixtures.notes.keys(in: $0, range: .prefix(KeyPrefix("budi")))
    }
    #expect(exactOwner.map(\.first) == ["budi", "budi"])
    #expect(exactOwner.map(\.second) == [-2, 5])
    let startsWithBud = try store.read {
      try Fixtures.notes.keys(in: $0, range: .prefix(.stringPrefix("bud")))
    }
    #expect(startsWithBud.map(\.first) == ["budi", "budi", "budiman"])
    let reverse = try store.read {
      try Fixtures.notes.keys(in: $0, range: .prefix(.stringPrefix("bu")), direction: .reverse)
    }
    #expect(reverse.map(\.first) == ["budiman", "budi", "budi", "bu"])
  }

  @Test func pagesWalkEveryRowOnceInBothDirections() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await fill(store, count: 23)
    for direction in [ScanDirection.forward, .reverse] {
      var seen: [UInt64] = []
      var token: PageToken?
      var pages = 0
      repeat {
        let page = try store.read {
          try Fixtures.people.page(in: $0, range: .from(3), direction: direction, limit: 5, after: token)
        }
        seen += page.rows.map(\.key)
        token = page.nextPageToken
        pages += 1
      } while token != nil && pages < 100
      let expected = Array(UInt64(3)...23)
      #expect(seen == (direction == .forward ? expected : expected.reversed()))
      #expect(pages == 5)
    }
  }

  @Test func tamperedPageTokenIsRejected() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await fill(store, count: 10)
    let token = try store.read { try Fixtures.people.page(in: $0, limit: 3).nextPageToken }
    let original = try #require(token).string
    var characters = Array(original)
    let position = characters.count / 2
    characters[position] = characters[position] == "A" ? "B" : "A"
    let tampered = PageToken(String(characters))
    let error = #expect(throws: StoreError.self) {
      try store.read { try Fixtures.people.page(in: $0, limit: 3, after: tampered) }
    }
    #expect(error?.kind == .invalidPageToken)
    let garbage = #expect(throws: StoreError.self) {
      try store.read { try Fixtures.people.page(in: $0, limit: 3, after: PageToken("%%%")) }
    }
    #expect(garbage?.kind == .invalidPageToken)
  }

  @Test func pageTokenFromAnotherScanIsRejected() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await fill(store, count: 10)
    let token = try store.read { try Fixtures.people.page(in: $0, range: .from(2), limit: 3).nextPageToken }
    let otherRange = #expect(throws: StoreError.self) {
      try store.read { try Fixtures.people.page(in: $0, range: .from(1), limit: 3, after: token) }
    }
    #expect(otherRange?.kind == .invalidPageToken)
    let otherDirection = #expect(throws: StoreError.self) {
      try store.read {
        try Fixtures.people.page(in: $0, range: .from(2), direction: .reverse, limit: 3, after: token)
      }
    }
    #expect(otherDirection?.kind == .invalidPageToken)
  }

  @Test func keyOverLMDBLimitFailsBeforeReachingLMDB() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let long = String(repeating: "x", count: 600)
    let error = await #expect(throws: StoreError.self) {
      try await store.write { txn in
        try Fixtures.notes.put(record([:]), for: CompositeKey2(long, 1), in: txn)
      }
    }
    #expect(error?.kind == .keyTooLong)
    #expect(error?.table == "notes")
    let readError = #expect(throws: StoreError.self) {
      try store.read { try Fixtures.notes.get(CompositeKey2(long, 1), in: $0) }
    }
    #expect(readError?.kind == .keyTooLong)
  }

  @Test func valueWithNewerRecordVersionIsReportedAsUndecodable() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let future = Table<UInt64, Record>(name: "quiet", recordVersion: 9)
    try await store.write { txn in try future.put(record(["v": "x"]), for: 3, in: txn) }
    let error = #expect(throws: StoreError.self) {
      try store.read { try Fixtures.quiet.get(3, in: $0) }
    }
    #expect(error?.kind == .valueUndecodable)
    #expect(error?.table == "quiet")
    #expect(error?.key == UInt64(3).encodedKey)
  }

  @Test func valueWithMalformedProtobufIsReportedAsUndecodable() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let raw = Table<UInt64, Google_Protobuf_BytesValue>(name: "quiet")
    // Stored as BytesValue, the row reads as a Struct whose map entry declares a key of 127 bytes
    // where only 1 follows: a truncated message that cannot decode.
    let bogus = Google_Protobuf_BytesValue(Data([0x0A, 0x7F, 0x01]))
    try await store.write { txn in try raw.put(bogus, for: 4, in: txn) }
    let error = #expect(throws: StoreError.self) {
      try store.read { try Fixtures.quiet.get(4, in: $0) }
    }
    #expect(error?.kind == .valueUndecodable)
    #expect(error?.table == "quiet")
  }

  @Test func transactionUsedAfterItsClosureFails() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let escaped = try store.read { $0 }
    let error = #expect(throws: StoreError.self) { try Fixtures.people.get(1, in: escaped) }
    #expect(error?.kind == .transactionEnded)
  }

  @Test func tableMissingFromSchemaIsReportedAsUnknown() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let stray = Table<UInt64, Record>(name: "stray")
    let error = #expect(throws: StoreError.self) { try store.read { try stray.get(1, in: $0) } }
    #expect(error?.kind == .unknownTable)
  }
}
