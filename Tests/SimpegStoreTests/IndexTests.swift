import SimpegStore
import Testing

@Suite("Secondary indexes")
struct IndexTests {
  let folder = TemporaryFolder()

  @Test func indexesFollowUpdatesAndDeletes() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    let people = Fixtures.people
    try await store.write { txn in
      try people.put(record(["name": "Ani", "email": "ani@x", "tags": "a,b"]), for: 1, in: txn)
    }
    func keys(_ index: Index<String, Record>, _ key: String) throws -> [UInt64] {
      try store.read { try people.find(index, equalTo: key, in: $0).map(\.key) }
    }
    #expect(try keys(Fixtures.byName, "Ani") == [1])
    #expect(try keys(Fixtures.byTag, "a") == [1])

    try await store.write { txn in
      try people.put(record(["name": "Budi", "email": "budi@x", "tags": "b,c"]), for: 1, in: txn)
    }
    #expect(try keys(Fixtures.byName, "Ani") == [])
    #expect(try keys(Fixtures.byName, "Budi") == [1])
    #expect(try keys(Fixtures.byTag, "a") == [])
    #expect(try keys(Fixtures.byTag, "b") == [1])
    #expect(try keys(Fixtures.byTag, "c") == [1])
    #expect(try keys(Fixtures.byEmail, "ani@x") == [])
    #expect(try keys(Fixtures.byEmail, "budi@x") == [1])

    try await store.write { txn in try people.delete(1, in: txn) }
    #expect(try keys(Fixtures.byName, "Budi") == [])
    #expect(try keys(Fixtures.byTag, "b") == [])
    let stats = try store.stats()
    for index in ["people/by_name", "people/by_email", "people/by_tag"] {
      #expect(stats.table(index)?.entries == 0, "\(index) kept entries of a deleted row")
    }
  }

  @Test func nonUniqueIndexReturnsEveryRowWithTheKeyInRowOrder() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in
      for id: UInt64 in [9, 3, 5] {
        try Fixtures.people.put(record(["name": "Sri"]), for: id, in: txn)
      }
      try Fixtures.people.put(record(["name": "Srikandi"]), for: 4, in: txn)
    }
    let rows = try store.read { try Fixtures.people.find(Fixtures.byName, equalTo: "Sri", in: $0) }
    #expect(rows.map(\.key) == [3, 5, 9])
  }

  @Test func uniqueViolationNamesIndexAndKeyAndWritesNothing() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in
      try Fixtures.people.put(record(["name": "Ani", "email": "same@x"]), for: 1, in: txn)
    }
    let error = await #expect(throws: StoreError.self) {
      try await store.write { txn in
        try Fixtures.people.put(record(["name": "Eko", "email": "same@x"]), for: 2, in: txn)
      }
    }
    #expect(error?.kind == .uniqueViolation)
    #expect(error?.index == "by_email")
    #expect(error?.key == "same@x".encodedKey)
    #expect(try store.read { try Fixtures.people.get(2, in: $0) } == nil)
    #expect(try store.read { try Fixtures.people.find(Fixtures.byName, equalTo: "Eko", in: $0) }.isEmpty)
  }

  @Test func rewritingARowWithItsOwnUniqueKeyIsAllowed() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in
      try Fixtures.people.put(record(["name": "Ani", "email": "ani@x"]), for: 1, in: txn)
    }
    try await store.write { txn in
      try Fixtures.people.put(record(["name": "Ani Lestari", "email": "ani@x"]), for: 1, in: txn)
    }
    let row = try store.read { try Fixtures.people.findUnique(Fixtures.byEmail, "ani@x", in: $0) }
    #expect(row?.key == 1)
    #expect(row?.value.string("name") == "Ani Lestari")
  }

  @Test func indexPrefixPagesFindNamesStartingWithAPrefix() async throws {
    let store = try openStore(folder.path)
    defer { store.close() }
    try await store.write { txn in
      for (id, name) in [(1, "Budi"), (2, "Ani"), (3, "Budiman"), (4, "Bunga"), (5, "Budi")] {
        try Fixtures.people.put(record(["name": name]), for: UInt64(id), in: txn)
      }
    }
    var names: [String] = []
    var keys: [UInt64] = []
    var token: PageToken?
    var pages = 0
    repeat {
      let page = try store.read {
        try Fixtures.people.page(
          Fixtures.byName, prefix: .stringPrefix("Bud"), in: $0, limit: 2, after: token)
      }
      names += page.rows.compactMap { $0.value.string("name") }
      keys += page.rows.map(\.key)
      token = page.nextPageToken
      pages += 1
    } while token != nil && pages < 10
    #expect(names == ["Budi", "Budi", "Budiman"])
    #expect(keys == [1, 5, 3])
    #expect(pages == 2)
  }
}
