import Foundation
import SimpegStore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A small tmpfs mounted for one test, so the disk really fills (needs root and mount rights).
enum SmallDisk {
  /// Whether this process may mount a tmpfs (probed once).
  static let isAvailable: Bool = {
    guard geteuid() == 0, let mount = programOnPath("mount"), let umount = programOnPath("umount") else {
      return false
    }
    let probe = FileManager.default.temporaryDirectory.path + "/simpeg-tmpfs-probe-\(getpid())"
    try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: probe) }
    guard (try? runProgram(mount, ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]))?.status == 0 else {
      return false
    }
    _ = try? runProgram(umount, [probe])
    return true
  }()

  /// Mounts a tmpfs of `bytes` at `path` for the duration of `body`.
  static func with<T>(bytes: Int, at path: String, _ body: () async throws -> T) async throws -> T {
    let mounted = try runProgram(
      programOnPath("mount")!, ["-t", "tmpfs", "-o", "size=\(bytes)", "tmpfs", path])
    try #require(mounted.status == 0, "mounting a tmpfs failed")
    defer { _ = try? runProgram(programOnPath("umount")!, [path]) }
    return try await body()
  }
}

@Suite("Disk full")
struct DiskFullTests {
  @Test(.enabled(if: SmallDisk.isAvailable, "needs root and the right to mount a tmpfs"))
  func fullDiskFailsTheCommitWithDiskFullAndKeepsEveryCommittedWrite() async throws {
    let folder = TemporaryFolder()
    try await SmallDisk.with(bytes: 1 << 20, at: folder.path) {
      let data = folder.path + "/data"
      let payload = String(repeating: "z", count: 4000)
      var committed: [UInt64] = []
      var failure: StoreError?
      do {
        let store = try openStore(data, configuration: StoreConfiguration(mapSize: 64 << 20))
        defer { store.close() }
        for batch in UInt64(0)..<200 where failure == nil {
          do {
            try await store.write { txn in
              for row in 0..<UInt64(10) {
                try Fixtures.ledger.put(
                  record(["name": "n", "pad": payload]), for: batch * 10 + row, in: txn)
              }
            }
            committed += (0..<10).map { batch * 10 + $0 }
          } catch let error as StoreError {
            failure = error
          }
        }
        #expect(failure?.kind == .diskFull, "\(String(describing: failure))")
        #expect(failure?.message.contains("disk is full") == true)
        let present = try store.read { try Fixtures.ledger.keys(in: $0) }
        #expect(present == committed)
      }
      #expect(!committed.isEmpty)
      let reopened = try openStore(data, configuration: StoreConfiguration(mapSize: 64 << 20))
      defer { reopened.close() }
      #expect(try reopened.read { try Fixtures.ledger.keys(in: $0) } == committed)
    }
  }
}
