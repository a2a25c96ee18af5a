import Crypto
import Foundation
import SimpegAPI
import SimpegStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a streamed hot backup to a file so that only a whole, checked backup ever carries
/// the final name.
///
/// The chunks go to `FILE.partial` (mode 0600: the copy holds password hashes) while their
/// SHA-256 is computed. At the end the size and hash are checked against the daemon's
/// summary, the file is flushed, its manifest computed from the file itself and written to
/// `FILE.manifest.json`, and only then is `FILE.partial` renamed to `FILE` and the folder
/// flushed. A failure on the way removes the partial file; a killed process leaves at most
/// `FILE.partial`, which never looks complete.
public enum BackupDownload {
  /// What a finished backup wrote.
  public struct Outcome: Sendable {
    /// The backup file.
    public var file: String
    /// Its manifest (also written beside it).
    public var manifest: BackupManifest
  }

  /// Streams a backup from the daemon of `connection` into `file`.
  public static func run(
    connection: AdminConnection, to file: String, progress: ProgressLine
  ) async throws -> Outcome {
    try await connection.admin.backup(Simpeg_V1_BackupRequest(), options: connection.streaming) {
      stream in
      try await write(stream, to: file, progress: progress)
    }
  }

  /// Writes the chunks of `stream` into `file` as described above.
  public static func write<Chunks: AsyncSequence>(
    _ stream: Chunks, to file: String, progress: ProgressLine
  ) async throws -> Outcome where Chunks.Element == Simpeg_V1_BackupChunk {
    let manifestFile = BackupFiles.manifestPath(for: file)
    for path in [file, manifestFile] where FileManager.default.fileExists(atPath: path) {
      throw AdminFailure(
        .refused, "\(path) exists already; a backup never overwrites a file",
        hint: "choose another name, or move the old backup away first")
    }
    let partial = BackupFiles.partialPath(for: file)
    let output = try PartialFile(path: partial)
    var complete = false
    defer {
      if !complete {
        output.close()
        unlink(partial)
        progress.abandon()
      }
    }
    var hasher = SHA256()
    var received = 0
    var summary: Simpeg_V1_BackupSummary?
    for try await chunk in stream {
      switch chunk.part {
      case .data(let data):
        guard summary == nil else {
          throw AdminFailure(.failed, "the daemon sent data after the backup's summary")
        }
        try output.write(data)
        hasher.update(data: data)
        received += data.count
        progress.advance(by: data.count)
      case .summary(let end):
        summary = end
      case nil:
        break
      }
    }
    guard let summary else {
      throw AdminFailure(
        .unavailable, "the backup stream ended without its summary; the copy is incomplete",
        hint: "take the backup again")
    }
    let digest = Data(hasher.finalize())
    guard UInt64(received) == summary.sizeBytes, digest == summary.sha256 else {
      throw AdminFailure(
        .verificationFailed,
        "the backup received (\(received) bytes, SHA-256 \(Display.hex(digest))) does not match the "
          + "daemon's summary (\(summary.sizeBytes) bytes, SHA-256 \(Display.hex(summary.sha256)))",
        hint: "take the backup again; if it happens again, check the network and the disk")
    }
    try output.flushAndClose()
    let manifest: BackupManifest
    do {
      manifest = try StoreBackup.manifest(ofFile: partial)
    } catch let error as StoreError {
      throw AdminFailure(.verificationFailed, "the backup received is not a whole store: \(error.message)")
    }
    guard manifest.sha256 == Display.hex(summary.sha256) else {
      throw AdminFailure(.verificationFailed, "the backup file changed while its manifest was computed")
    }
    try writeManifest(manifest, to: manifestFile)
    guard rename(partial, file) == 0 else {
      unlink(manifestFile)
      throw AdminFailure(.failed, "cannot rename \(partial) to \(file): \(String(cString: strerror(errno)))")
    }
    complete = true
    flushFolder(of: file)
    progress.finish()
    return Outcome(file: file, manifest: manifest)
  }

  /// Writes the manifest through a temporary file, flushed, then renamed.
  static func writeManifest(_ manifest: BackupManifest, to path: String) throws {
    let temporary = path + ".partial"
    let output = try PartialFile(path: temporary)
    do {
      try output.write(try manifest.jsonData() + Data("\n".utf8))
      try output.flushAndClose()
    } catch {
      output.close()
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw AdminFailure(.failed, "cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }

  /// Flushes the folder holding `path`, so its renames survive a crash.
  static func flushFolder(of path: String) {
    let folder = (path as NSString).deletingLastPathComponent
    let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    _ = posixClose(descriptor)
  }
}

/// A file being written, readable by its owner only.
final class PartialFile {
  private var descriptor: Int32
  let path: String

  init(path: String) throws {
    self.path = path
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw AdminFailure(.failed, "cannot create \(path): \(String(cString: strerror(errno)))")
    }
  }

  func write(_ data: Data) throws {
    try data.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let count = posixWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if count < 0 {
          if errno == EINTR { continue }
          throw AdminFailure(.failed, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        offset += count
      }
    }
  }

  func flushAndClose() throws {
    guard fsync(descriptor) == 0 else {
      throw AdminFailure(.failed, "cannot flush \(path): \(String(cString: strerror(errno)))")
    }
    close()
  }

  func close() {
    guard descriptor >= 0 else { return }
    _ = posixClose(descriptor)
    descriptor = -1
  }

  deinit { close() }
}

private func posixClose(_ descriptor: Int32) -> Int32 {
  #if canImport(Glibc)
    Glibc.close(descriptor)
  #else
    Darwin.close(descriptor)
  #endif
}

private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
  #else
    Darwin.write(descriptor, bytes, count)
  #endif
}
