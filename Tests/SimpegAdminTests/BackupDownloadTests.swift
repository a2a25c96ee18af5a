import Crypto
import Foundation
import Logging
import SimpegAPI
import SimpegAdmin
import SimpegRPC
import SimpegStore
import SwiftProtobuf
import Testing

/// Writing a streamed backup: only a whole, checked copy gets the final name.
@Suite struct BackupDownloadTests {
  private let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("simpeg-admin-backup-\(UUID().uuidString)").path

  private static let notes = Table<UInt64, Google_Protobuf_StringValue>(name: "notes", recordsChanges: true)

  init() throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  }

  private var quiet: ProgressLine { ProgressLine(label: "backup", enabled: false) }

  /// The chunks a daemon would stream for a small store holding `count` notes.
  private func streamedStore(notes count: Int) async throws -> [Simpeg_V1_BackupChunk] {
    let store = try Store.open(
      at: folder + "/store", configuration: StoreConfiguration(),
      schema: StoreSchema(version: 1, tables: [Self.notes]), logger: Logger(label: "test"))
    defer { store.close() }
    try await store.write { transaction in
      for id in 1...UInt64(count) {
        try Self.notes.put(Google_Protobuf_StringValue("catatan \(id)"), for: id, in: transaction)
      }
    }
    var chunks: [Simpeg_V1_BackupChunk] = []
    for try await element in store.backupStream(chunkSize: 4096) {
      var chunk = Simpeg_V1_BackupChunk()
      switch element {
      case .chunk(let bytes): chunk.data = Data(bytes)
      case .end(let size, let sha):
        chunk.summary.sizeBytes = UInt64(size)
        chunk.summary.sha256 = Data(
          stride(from: 0, to: sha.count, by: 2).map { offset in
            let start = sha.index(sha.startIndex, offsetBy: offset)
            return UInt8(sha[start..<sha.index(start, offsetBy: 2)], radix: 16)!
          })
      }
      chunks.append(chunk)
    }
    return chunks
  }

  private func files() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "store" }.sorted()
  }

  @Test func aWholeBackupGetsItsNameAndAManifestThatVerifies() async throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let chunks = try await streamedStore(notes: 200)
    let file = folder + "/simpeg.backup"
    let outcome = try await BackupDownload.write(AsyncChunks(chunks), to: file, progress: quiet)
    #expect(try files() == ["simpeg.backup", "simpeg.backup.manifest.json"])
    #expect(outcome.manifest.entries["notes"] == 200)
    #expect(try await BackupFiles.verify(file, executable: nil) == outcome.manifest)
    let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
    #expect(mode?.intValue == 0o600)
  }

  @Test func aStreamThatBreaksOffLeavesNoFileThatLooksComplete() async throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let chunks = try await streamedStore(notes: 200)
    let broken = AsyncChunks(Array(chunks.prefix(2)), failure: RPCError(.unavailable, "connection lost"))
    await #expect(throws: RPCError.self) {
      try await BackupDownload.write(broken, to: folder + "/simpeg.backup", progress: quiet)
    }
    #expect(try files().isEmpty)
  }

  @Test func aStreamWithoutItsSummaryIsIncomplete() async throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let chunks = try await streamedStore(notes: 10)
    do {
      _ = try await BackupDownload.write(
        AsyncChunks(Array(chunks.dropLast())), to: folder + "/b", progress: quiet)
      Issue.record("a backup without its summary was accepted")
    } catch let failure as AdminFailure {
      #expect(failure.status == .unavailable)
    }
    #expect(try files().isEmpty)
  }

  @Test func dataThatDoesNotMatchTheSummaryFailsVerificationAndIsRemoved() async throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var chunks = try await streamedStore(notes: 10)
    chunks[0].data[100] ^= 0xFF
    do {
      _ = try await BackupDownload.write(AsyncChunks(chunks), to: folder + "/b", progress: quiet)
      Issue.record("a damaged backup was accepted")
    } catch let failure as AdminFailure {
      #expect(failure.status == .verificationFailed)
    }
    #expect(try files().isEmpty)
  }

  @Test func anExistingFileIsNeverOverwritten() async throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/b"
    try Data("keep me".utf8).write(to: URL(fileURLWithPath: file))
    do {
      _ = try await BackupDownload.write(AsyncChunks([]), to: file, progress: quiet)
      Issue.record("an existing file was overwritten")
    } catch let failure as AdminFailure {
      #expect(failure.status == .refused)
    }
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me")
  }

  @Test func aTruncatedOrAlteredBackupFailsVerification() async throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let chunks = try await streamedStore(notes: 50)
    let file = folder + "/b"
    _ = try await BackupDownload.write(AsyncChunks(chunks), to: file, progress: quiet)
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file))
    try handle.seek(toOffset: 5000)
    try handle.write(contentsOf: Data([0x42]))
    try handle.close()
    await #expect(throws: AdminFailure.self) { try await BackupFiles.verify(file, executable: nil) }
    let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as! Int
    try FileHandle(forUpdating: URL(fileURLWithPath: file)).truncate(atOffset: UInt64(size / 2))
    do {
      try await BackupFiles.verify(file, executable: nil)
      Issue.record("a truncated backup verified")
    } catch let failure as AdminFailure {
      #expect(failure.status == .verificationFailed)
    }
  }

  @Test func restoreRefusesAFolderThatHoldsAnything() async throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/b"
    _ = try await BackupDownload.write(
      AsyncChunks(try await streamedStore(notes: 5)), to: file, progress: quiet)
    let target = folder + "/target"
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    try Data().write(to: URL(fileURLWithPath: target + "/keep"))
    do {
      try await BackupFiles.restore(file, into: target, executable: nil)
      Issue.record("restored into a folder that holds a file")
    } catch let failure as AdminFailure {
      #expect(failure.status == .refused)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["keep"])
    try await BackupFiles.restore(file, into: folder + "/fresh", executable: nil)
    #expect(FileManager.default.fileExists(atPath: folder + "/fresh/data.mdb"))
  }
}

/// Chunks as the daemon's stream delivers them, optionally ending with an error.
struct AsyncChunks: AsyncSequence, Sendable {
  typealias Element = Simpeg_V1_BackupChunk
  let chunks: [Simpeg_V1_BackupChunk]
  let failure: RPCError?

  init(_ chunks: [Simpeg_V1_BackupChunk], failure: RPCError? = nil) {
    self.chunks = chunks
    self.failure = failure
  }

  func makeAsyncIterator() -> Iterator { Iterator(chunks: chunks[...], failure: failure) }

  struct Iterator: AsyncIteratorProtocol {
    var chunks: ArraySlice<Simpeg_V1_BackupChunk>
    let failure: RPCError?

    mutating func next() async throws -> Simpeg_V1_BackupChunk? {
      if let chunk = chunks.popFirst() { return chunk }
      if let failure { throw failure }
      return nil
    }
  }
}
