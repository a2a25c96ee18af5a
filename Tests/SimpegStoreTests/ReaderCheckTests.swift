import Foundation
import SimpegStore
import SimpegTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Reader check")
struct ReaderCheckTests {
  @Test(
    .enabled(if: programOnPath("mdb_dump") != nil, "mdb_dump is not installed (Debian package lmdb-utils)"))
  func readerSlotOfAKilledProcessIsClearedByThePeriodicCheck() async throws {
    let folder = TemporaryFolder()
    let store = try openStore(
      folder.path,
      configuration: StoreConfiguration(mapSize: 16 << 20, readerCheckInterval: .milliseconds(50)))
    defer { store.close() }
    // Enough rows that mdb_dump fills its unread output pipe and blocks inside its read transaction.
    let pad = String(repeating: "p", count: 200)
    try await store.write { txn in
      for id in UInt64(1)...3000 { try Fixtures.quiet.put(record(["pad": pad]), for: id, in: txn) }
    }
    let before = try store.stats().readersInUse
    let dump = ChildProcess()
    dump.executableURL = URL(fileURLWithPath: try #require(programOnPath("mdb_dump")))
    dump.arguments = ["-s", "quiet", folder.path]
    let output = Pipe()
    dump.standardOutput = output
    dump.standardError = FileHandle.nullDevice
    try dump.run()
    let appeared = await waitUntil { ((try? store.stats().readersInUse) ?? 0) > before }
    #expect(appeared, "the other process never took a reader slot")
    kill(dump.processIdentifier, SIGKILL)
    try await onThread { dump.waitUntilExit() }
    let cleared = await waitUntil { ((try? store.stats().readersInUse) ?? Int.max) <= before }
    #expect(cleared, "the dead process's reader slot was never cleared")
    try output.fileHandleForReading.close()
  }
}
