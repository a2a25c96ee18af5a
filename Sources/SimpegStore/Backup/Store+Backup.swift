import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Store {
  /// Writes a consistent compacted copy of the store to a new file at `path` while writes go on,
  /// and returns its manifest, computed by opening the written copy read-only.
  ///
  /// The file is written under `path.partial`, flushed, then renamed, so a file at `path` is always
  /// whole. Refuses to overwrite an existing file. Map growth that waits for it longer than
  /// ``StoreConfiguration/growthPatience`` abandons it (``StoreError/Kind/backupAbandoned``).
  public func backup(to path: String) async throws -> BackupManifest {
    guard !FileManager.default.fileExists(atPath: path) else {
      throw StoreError(.io, "backup target \(path) exists already; choose a new file name")
    }
    let environment = self.environment
    return try await runOnThread(named: "backup-file") {
      try writeBackupFile(environment, to: path)
    }
  }

  /// Streams a consistent compacted copy of the store in chunks while writes go on.
  ///
  /// The copy starts when iteration starts. Elements are ``BackupStreamElement/chunk(_:)`` byte
  /// chunks of at most `chunkSize` bytes, then one ``BackupStreamElement/end(sizeBytes:sha256:)``
  /// with the total size and SHA-256 (the trailer a client checks its download against). The
  /// producer waits for the consumer (at most a few chunks are buffered). Ending the iteration
  /// early lets the copy run to its end in the background, discarding the rest, so the store is
  /// never left with a half-finished copy. A consumer that takes nothing for
  /// ``StoreConfiguration/backupStallTimeout``, map growth that waits for the copy longer than
  /// ``StoreConfiguration/growthPatience``, and closing the store abandon it: the next element
  /// throws ``StoreError/Kind/backupAbandoned`` saying why.
  public func backupStream(chunkSize: Int = 1 << 20) -> BackupStream {
    BackupStream(
      environment: environment, chunkSize: chunkSize, stallTimeout: configuration.backupStallTimeout)
  }

  /// The backups running now, oldest first: how long each has held its read transaction and how
  /// many bytes it has copied.
  public var runningBackups: [BackupProgress] { environment.backups.running }
}

/// Copies the environment into a new file at `path` (through `path.partial`) and returns its manifest.
private func writeBackupFile(_ environment: Environment, to path: String) throws -> BackupManifest {
  let partial = path + ".partial"
  let fd = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
  guard fd >= 0 else { throw StoreError.system("cannot create backup file", path: partial) }
  var open = true
  do {
    let registration = environment.backups.begin()
    defer { environment.backups.end(registration) }
    let copy = try HotCopy.run(environment, chunkSize: 1 << 20, copy: registration) { chunk in
      try writeAll(fd, chunk, count: chunk.count, path: partial)
      return true
    }
    guard fsync(fd) == 0 else { throw StoreError.system("cannot flush backup file", path: partial) }
    close(fd)
    open = false
    guard rename(partial, path) == 0 else { throw StoreError.system("cannot rename backup to", path: path) }
    var manifest = try StoreBackup.manifest(ofFile: path)
    guard manifest.sha256 == copy.sha256, manifest.sizeBytes == copy.sizeBytes else {
      throw StoreError(.backupCorrupted, "backup \(path) changed on disk while it was written")
    }
    manifest.createdAt = BackupManifest.wholeSeconds(Date())
    return manifest
  } catch {
    if open { close(fd) }
    unlink(partial)
    throw error
  }
}

/// Runs a blocking job on a new thread and resumes the caller with its result.
func runOnThread<T: Sendable>(named name: String, _ job: @escaping @Sendable () throws -> T) async throws -> T
{
  try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
    NamedThread.start(name) { continuation.resume(with: Result { try job() }) }
  }
}
