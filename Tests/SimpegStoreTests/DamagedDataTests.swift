import Foundation
import SimpegStore
import Testing

@testable import SimpegStore

/// What the store does with a data file damaged while it was closed: refuse it at open, report a
/// damaged record as such, never crash and never serve the damage.
@Suite("Damaged data")
struct DamagedDataTests {
  let folder = TemporaryFolder()

  private var data: String { folder.child("data") }
  private var dataFile: String { data + "/data.mdb" }

  /// A closed store with `rows` rows in `ledger`, one of which carries `marker` in its name.
  private func makeStore(rows: Int = 300, marker: String = "PENANDA-UNIK-7731") async throws {
    let store = try openStore(data)
    for start in stride(from: 0, to: rows, by: 50) {
      try await store.write { txn in
        for row in start..<min(start + 50, rows) {
          let name = row == 7 ? marker : "pegawai \(row)"
          try Fixtures.ledger.put(
            record(["name": name, "pad": String(repeating: "p", count: 300)]), for: UInt64(row), in: txn)
        }
      }
    }
    store.close()
  }

  private func bytes() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: dataFile))) }
  private func write(_ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: dataFile)) }

  /// The offsets where `text` occurs in the data file.
  private func offsets(of text: String) throws -> [Int] {
    let haystack = try bytes()
    let needle = Array(text.utf8)
    var found: [Int] = []
    var index = 0
    while index + needle.count <= haystack.count {
      if haystack[index] == needle[0] && Array(haystack[index..<(index + needle.count)]) == needle {
        found.append(index)
      }
      index += 1
    }
    return found
  }

  @Test func aFlippedBitInARecordIsReportedAsAChecksumMismatchNotServed() async throws {
    try await makeStore()
    var file = try bytes()
    let places = try offsets(of: "PENANDA-UNIK-7731")
    try #require(!places.isEmpty)
    for offset in places { file[offset + 3] ^= 0x01 }  // "PENANDA" becomes "PENaNDA"
    try write(file)
    let store = try openStore(data)
    defer { store.close() }
    let error = #expect(throws: StoreError.self) {
      try store.read { try Fixtures.ledger.get(7, in: $0) }
    }
    #expect(error?.kind == .checksumMismatch)
    #expect(error?.table == "ledger")
    #expect(error?.message.contains("checksum") == true)
    // Its neighbours are served as before.
    #expect(try store.read { try Fixtures.ledger.get(8, in: $0) }?.string("name") == "pegawai 8")
  }

  @Test func aDamagedRecordMetInAScanIsNamedByItsKey() async throws {
    try await makeStore()
    var file = try bytes()
    for offset in try offsets(of: "PENANDA-UNIK-7731") { file[offset + 3] ^= 0x01 }
    try write(file)
    let store = try openStore(data)
    defer { store.close() }
    let error = #expect(throws: StoreError.self) {
      try store.read { _ = try Fixtures.ledger.scan(in: $0) }
    }
    let key = hexKey(UInt64(7).encodedKey)
    #expect(error?.message.contains("under key \(key) ") == true, "\(String(describing: error?.message))")
  }

  @Test func aCheckReportsAFlippedRecordWithItsTableAndKey() async throws {
    try await makeStore()
    var file = try bytes()
    for offset in try offsets(of: "PENANDA-UNIK-7731") { file[offset + 3] ^= 0x01 }
    try write(file)
    let report = try StoreCheck.run(folder: data)
    #expect(!report.intact)
    #expect(report.structureProblems.isEmpty)
    #expect(report.findingCount == 1)
    #expect(report.findings.first?.database == "ledger")
    #expect(report.findings.first?.key == hexKey(UInt64(7).encodedKey))
  }

  @Test func anIntactStoreChecksClean() async throws {
    try await makeStore()
    let report = try StoreCheck.run(folder: data)
    #expect(report.intact)
    #expect(report.pagesWalked ?? 0 > 2)
    #expect(report.databases["ledger"] == 300)
    #expect(report.recordsChecked > 600)
  }

  @Test func aDataFileCutInHalfIsRefusedAtOpenAsTruncated() async throws {
    try await makeStore(rows: 2_000)
    let file = try bytes()
    try write(Array(file[0..<(file.count / 2)]))
    let error = #expect(throws: StoreError.self) { try openStore(data) }
    #expect(error?.kind == .dataFileTruncated)
    #expect(error?.message.contains("simpeg-admin restore") == true)
  }

  @Test func randomBytesOverAPageAreRefusedAtOpen() async throws {
    try await makeStore(rows: 2_000)
    let header = try DataFileHeader.read(path: dataFile, describing: "test")
    let pageSize = header.newest.pageSize
    // Damage the root page of the main tree: every tree hangs from it, so it is surely reached.
    var file = try bytes()
    let root = Int(header.newest.main.root)
    var generator = SystemRandomNumberGenerator()
    for index in (root * pageSize)..<((root + 1) * pageSize) {
      file[index] = UInt8.random(in: 0...255, using: &generator)
    }
    try write(file)
    let error = #expect(throws: StoreError.self) { try openStore(data) }
    #expect(error?.kind == .corrupted || error?.kind == .dataFileTruncated)
    #expect(error?.message.contains("restore") == true)
  }

  @Test func everyReachablePageDamagedInTurnIsRefusedAtOpenNeverCrashed() async throws {
    try await makeStore(rows: 600)
    let original = try bytes()
    let header = try DataFileHeader.read(path: dataFile, describing: "test")
    let pageSize = header.newest.pageSize
    let pages = original.count / pageSize
    var refused = 0
    var generator = SystemRandomNumberGenerator()
    for page in 2..<pages {
      var file = original
      for index in (page * pageSize)..<((page + 1) * pageSize) {
        file[index] = UInt8.random(in: 0...255, using: &generator)
      }
      try write(file)
      do {
        let store = try openStore(data)
        // A page the trees do not reach (a free page) changes nothing that is read.
        let rows = try store.read { try Fixtures.ledger.scan(in: $0) }
        #expect(rows.count == 600)
        store.close()
      } catch let error as StoreError {
        #expect([.corrupted, .dataFileTruncated, .checksumMismatch].contains(error.kind))
        refused += 1
      }
    }
    #expect(refused > 0)
  }

  @Test func anEmptiedDataFileIsRefusedNotMadeANewStore() async throws {
    try await makeStore()
    try write([])
    let error = #expect(throws: StoreError.self) { try openStore(data) }
    #expect(error?.kind == .storeMissing)
    #expect(error?.message.contains("--new-store") == true)
    #expect(try bytes().isEmpty)  // nothing was written
  }

  @Test func aMissingDataFileIsRefusedNotMadeANewStore() async throws {
    try await makeStore()
    try FileManager.default.removeItem(atPath: dataFile)
    let error = #expect(throws: StoreError.self) { try openStore(data) }
    #expect(error?.kind == .storeMissing)
    #expect(!FileManager.default.fileExists(atPath: dataFile))
  }

  @Test func aNewStoreOverAMissingDataFileIsMadeOnlyWhenAskedFor() async throws {
    try await makeStore()
    let before = try #require(try StoreIdentity.load(folder: data))
    try FileManager.default.removeItem(atPath: dataFile)
    var configuration = StoreConfiguration(mapSize: 16 << 20)
    configuration.createOverMissingData = true
    let store = try openStore(data, configuration: configuration)
    #expect(try store.read { try Fixtures.ledger.count(in: $0) } == 0)
    store.close()
    let after = try #require(try StoreIdentity.load(folder: data))
    #expect(after.storeID != before.storeID)
  }

  @Test func anotherStoresDataFileIsRefused() async throws {
    try await makeStore()
    let other = folder.child("other")
    let otherStore = try openStore(other)
    otherStore.close()
    try FileManager.default.removeItem(atPath: dataFile)
    try FileManager.default.copyItem(atPath: other + "/data.mdb", toPath: dataFile)
    let error = #expect(throws: StoreError.self) { try openStore(data) }
    #expect(error?.kind == .storeReplaced)
  }

  @Test func anOlderCopyOfTheDataFileIsRefused() async throws {
    try await makeStore(rows: 50)
    let older = try bytes()
    let store = try openStore(data)
    try await store.write { txn in try Fixtures.ledger.put(record(["name": "baru"]), for: 999, in: txn) }
    store.close()
    try write(older)
    let error = #expect(throws: StoreError.self) { try openStore(data) }
    #expect(error?.kind == .storeReplaced)
    #expect(error?.message.contains("older copy") == true)
  }

  @Test func theIdentityFollowsTheLastSequenceAtClose() async throws {
    try await makeStore(rows: 120)
    let identity = try #require(try StoreIdentity.load(folder: data))
    let store = try openStore(data)
    #expect(identity.lastSequence == store.lastSequence)
    store.close()
  }
}
