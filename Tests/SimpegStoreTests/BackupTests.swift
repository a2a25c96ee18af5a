import Foundation
import NIOConcurrencyHelpers
import SimpegStore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What writers did, by change sequence, so the state at any sequence can be rebuilt.
final class WriteJournal: Sendable {
  enum Operation: Sendable {
    case put(String)
    case delete
  }

  private let entries = NIOLockedValueBox<[(sequence: UInt64, key: UInt64, operation: Operation)]>([])

  func note(_ sequence: UInt64, _ key: UInt64, _ operation: Operation) {
    entries.withLockedValue { $0.append((sequence, key, operation)) }
  }

  /// The ledger's contents (key to name) after every change up to `sequence`.
  func state(at sequence: UInt64) -> [UInt64: String] {
    var state: [UInt64: String] = [:]
    for entry in entries.withLockedValue({ $0 }).sorted(by: { $0.sequence < $1.sequence })
    where entry.sequence <= sequence {
      switch entry.operation {
      case .put(let name): state[entry.key] = name
      case .delete: state[entry.key] = nil
      }
    }
    return state
  }
}

@Suite("Backup", .serialized)
struct BackupTests {
  let folder = TemporaryFolder()

  /// Runs `writers` tasks of random puts and deletes on the ledger, journaling each by sequence.
  func runWriters(_ store: Store, journal: WriteJournal, writers: Int, rounds: Int) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      for writer in 0..<writers {
        group.addTask {
          var generator = SplitMix64(state: UInt64(writer + 1))
          for round in 0..<rounds {
            let key = generator.next() % 60
            let delete = generator.next() % 4 == 0
            let name = "w\(writer)-r\(round)"
            let sequence = try await store.write { txn -> UInt64? in
              if delete {
                guard try Fixtures.ledger.delete(key, in: txn) else { return nil }
              } else {
                try Fixtures.ledger.put(record(["name": name]), for: key, in: txn)
              }
              return txn.lastAssignedSequence
            }
            if let sequence { journal.note(sequence, key, delete ? .delete : .put(name)) }
          }
        }
      }
      try await group.waitForAll()
    }
  }

  /// A store with a backup taken while writers ran, and what the writers did.
  func backupDuringWrites() async throws -> (manifest: BackupManifest, file: String, journal: WriteJournal) {
    let store = try openStore(folder.child("live"))
    defer { store.close() }
    let journal = WriteJournal()
    let file = folder.child("backup.mdb")
    let writing = Task { try await runWriters(store, journal: journal, writers: 4, rounds: 150) }
    _ = try await store.waitForChange(after: 100)
    let manifest = try await store.backup(to: file)
    try await writing.value
    #expect(manifest.lastSequence >= 100)
    return (manifest, file, journal)
  }

  @Test func backupTakenDuringWritesRestoresExactlyTheStateAtItsSequence() async throws {
    let (manifest, file, journal) = try await backupDuringWrites()
    try StoreBackup.verify(file: file, against: manifest)
    let target = folder.child("restored")
    try StoreBackup.restore(file: file, manifest: manifest, into: target)
    let restored = try openStore(target)
    defer { restored.close() }
    #expect(restored.lastSequence == manifest.lastSequence)
    let rows = try restored.read { try Fixtures.ledger.scan(in: $0) }
    var contents: [UInt64: String] = [:]
    for row in rows { contents[row.key] = row.value.string("name") }
    #expect(contents == journal.state(at: manifest.lastSequence))
    #expect(manifest.entries["ledger"] == rows.count)
    #expect(manifest.entries["ledger/by_name"] == rows.count)
    #expect(manifest.entries["_changes"] == Int(manifest.lastSequence))
  }

  @Test func manifestFromTheFileAloneMatchesTheBackupManifest() async throws {
    let (manifest, file, _) = try await backupDuringWrites()
    let recomputed = try StoreBackup.manifest(ofFile: file, createdAt: manifest.createdAt)
    #expect(recomputed == manifest)
    let json = try manifest.jsonData()
    #expect(try BackupManifest.decode(json: json) == manifest)
  }

  @Test func streamedBackupHashesLikeItsManifestAndVerifies() async throws {
    let store = try openStore(folder.child("live"))
    defer { store.close() }
    try await runWriters(store, journal: WriteJournal(), writers: 2, rounds: 50)
    let file = folder.child("streamed.mdb")
    _ = FileManager.default.createFile(atPath: file, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    var trailer: (Int, String)?
    var chunks = 0
    for try await element in store.backupStream(chunkSize: 4096) {
      switch element {
      case .chunk(let bytes):
        chunks += 1
        try handle.write(contentsOf: bytes)
      case .end(let size, let sha):
        trailer = (size, sha)
      }
    }
    try handle.close()
    let manifest = try StoreBackup.manifest(ofFile: file)
    #expect(chunks > 1)
    #expect(trailer?.0 == manifest.sizeBytes)
    #expect(trailer?.1 == manifest.sha256)
    try StoreBackup.verify(file: file, against: manifest)
    #expect(manifest.lastSequence == store.lastSequence)
  }

  @Test func abandonedBackupStreamDoesNotBlockTheStore() async throws {
    let store = try openStore(folder.child("live"))
    try await runWriters(store, journal: WriteJournal(), writers: 2, rounds: 50)
    do {
      var iterator = store.backupStream(chunkSize: 4096).makeAsyncIterator()
      _ = try await iterator.next()
    }
    try await store.write { txn in try Fixtures.quiet.put(record([:]), for: 1, in: txn) }
    store.close()
  }

  @Test(
    .enabled(if: programOnPath("mdb_dump") != nil, "mdb_dump is not installed (Debian package lmdb-utils)"))
  func mdbDumpReadsTheBackupFileAndTheRestoredFolder() async throws {
    let dump = try #require(programOnPath("mdb_dump"))
    let (manifest, file, _) = try await backupDuringWrites()
    let fromFile = try runProgram(dump, ["-a", "-n", file])
    #expect(fromFile.status == 0)
    #expect(fromFile.output.contains("database=ledger"))
    #expect(fromFile.output.contains("database=ledger/by_name"))
    let target = folder.child("restored")
    try StoreBackup.restore(file: file, manifest: manifest, into: target)
    let fromFolder = try runProgram(dump, ["-s", "ledger", target])
    #expect(fromFolder.status == 0)
    #expect(fromFolder.output.contains("HEADER=END"))
  }

  @Test func truncatedBackupIsRejectedAsTruncated() async throws {
    let (manifest, file, _) = try await backupDuringWrites()
    #expect(truncate(file, off_t(manifest.sizeBytes / 2)) == 0)
    let error = #expect(throws: StoreError.self) { try StoreBackup.verify(file: file, against: manifest) }
    #expect(error?.kind == .backupTruncated)
    let alone = #expect(throws: StoreError.self) { try StoreBackup.manifest(ofFile: file) }
    #expect(alone?.kind == .backupTruncated)
  }

  @Test func tamperedBackupIsRejectedAsCorrupted() async throws {
    let (manifest, file, _) = try await backupDuringWrites()
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file))
    try handle.seek(toOffset: UInt64(manifest.sizeBytes - 100))
    let original = try handle.read(upToCount: 1)?.first ?? 0
    try handle.seek(toOffset: UInt64(manifest.sizeBytes - 100))
    try handle.write(contentsOf: [original ^ 0xFF])
    try handle.close()
    let error = #expect(throws: StoreError.self) { try StoreBackup.verify(file: file, against: manifest) }
    #expect(error?.kind == .backupCorrupted)
  }

  @Test func fileThatIsNotAnLMDBFileIsRejectedBeforeLMDBMapsIt() throws {
    let file = folder.child("noise.mdb")
    var generator = SplitMix64(state: 42)
    let noise = (0..<(64 << 10)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    _ = FileManager.default.createFile(atPath: file, contents: Data(noise))
    let error = #expect(throws: StoreError.self) { try StoreBackup.manifest(ofFile: file) }
    #expect(error?.kind == .backupCorrupted)
    let restore = #expect(throws: StoreError.self) {
      try StoreBackup.restore(file: file, manifest: nil, into: folder.child("never"))
    }
    #expect(restore?.kind == .backupCorrupted)
    #expect(!FileManager.default.fileExists(atPath: folder.child("never")))
  }

  @Test func backupWhoseContentDiffersFromItsManifestIsAMismatch() async throws {
    let (manifest, file, _) = try await backupDuringWrites()
    var wrong = manifest
    wrong.entries["ledger"] = (manifest.entries["ledger"] ?? 0) + 1
    let error = #expect(throws: StoreError.self) { try StoreBackup.verify(file: file, against: wrong) }
    #expect(error?.kind == .backupMismatch)
  }

  @Test func restoreRefusesAFolderThatHoldsAnything() async throws {
    let (manifest, file, _) = try await backupDuringWrites()
    let target = folder.child("occupied")
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: target + "/keep.txt", contents: Data("mine".utf8))
    let error = #expect(throws: StoreError.self) {
      try StoreBackup.restore(file: file, manifest: manifest, into: target)
    }
    #expect(error?.kind == .restoreTargetNotEmpty)
    #expect(try String(contentsOfFile: target + "/keep.txt", encoding: .utf8) == "mine")
    #expect(!FileManager.default.fileExists(atPath: target + "/data.mdb"))
  }

  @Test func backupRefusesToOverwriteAFile() async throws {
    let store = try openStore(folder.child("live"))
    defer { store.close() }
    let file = folder.child("exists.mdb")
    _ = FileManager.default.createFile(atPath: file, contents: Data("keep".utf8))
    await #expect(throws: StoreError.self) { _ = try await store.backup(to: file) }
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep")
  }
}
