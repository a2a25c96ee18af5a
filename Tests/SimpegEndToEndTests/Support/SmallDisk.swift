import Foundation
import SimpegTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A small tmpfs mounted by a test, so a daemon's disk really fills (needs root and the right to
/// mount, as on CI; the store's own disk-full test in SimpegStoreTests does the same).
enum SmallDisk {
  /// Whether this process may mount a tmpfs (probed once).
  static let isAvailable: Bool = {
    guard geteuid() == 0 else { return false }
    let probe = FileManager.default.temporaryDirectory
      .appendingPathComponent("simpeg-e2e-tmpfs-probe-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: probe) }
    guard run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]) == 0 else { return false }
    _ = run("umount", [probe])
    return true
  }()

  /// Mounts a tmpfs of `bytes` at `path` (created if missing) for the duration of `body`, and
  /// unmounts it afterwards whatever happens (lazily if something still holds it).
  static func with<T>(bytes: Int, at path: String, _ body: () async throws -> T) async throws -> T {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    guard run("mount", ["-t", "tmpfs", "-o", "size=\(bytes),mode=0700", "tmpfs", path]) == 0 else {
      throw SimpegdProcess.Failure("mounting a \(bytes)-byte tmpfs at \(path) failed")
    }
    defer {
      if run("umount", [path]) != 0 { _ = run("umount", ["-l", path]) }
    }
    return try await body()
  }

  /// Writes a filler file at `path` until the file system is full; returns its size.
  static func fill(_ path: String) throws -> Int {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { throw SimpegdProcess.Failure("cannot create \(path)") }
    defer { close(descriptor) }
    let chunk = [UInt8](repeating: 0x46, count: 4096)
    var written = 0
    // Bounded: a tmpfs of at most 1 GiB.
    while written < 1 << 30 {
      let count = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if count <= 0 {
        guard errno == ENOSPC || count == 0 else {
          throw SimpegdProcess.Failure("writing \(path): \(String(cString: strerror(errno)))")
        }
        return written
      }
      written += count
    }
    return written
  }

  /// Runs a system program found on the usual paths; its exit status.
  @discardableResult
  static func run(_ name: String, _ arguments: [String]) -> Int32 {
    let candidates = ["/usr/bin/\(name)", "/bin/\(name)", "/usr/sbin/\(name)", "/sbin/\(name)"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      return -1
    }
    let process = ChildProcess()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }
}
