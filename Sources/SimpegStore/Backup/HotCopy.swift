import CLMDB
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A consistent compacted copy of a live environment, produced as a stream of byte chunks.
///
/// `mdb_env_copyfd2(MDB_CP_COMPACT)` runs on a thread of its own, writing into a pipe; the calling
/// thread reads the pipe in chunks, hashes them (SHA-256) and hands them to a sink. The copy reads
/// through its own read transaction, so writes go on meanwhile and the copy shows one committed
/// state. The copy thread holds the map lock as a long holder for its whole run, because the map
/// must not move under it.
///
/// A copy can be abandoned (``BackupRegistry/Copy/abandon(_:)``): by map growth that has waited
/// too long, by the store closing, or by its consumer stalling. Then the reading side stops
/// taking chunks and closes its end of the pipe; the copy thread's next write fails with EPIPE
/// (the thread blocks SIGPIPE, and LMDB's own copy thread inherits that), LMDB ends the copy, and
/// its read transaction and the map lock are released within moments, however large the store.
enum HotCopy {
  /// The size and hash of a finished copy.
  struct Result {
    let sizeBytes: Int
    let sha256: String
  }

  /// Copies the environment, passing each chunk to `sink` on the calling thread (which blocks).
  ///
  /// `sink` returns false to stop early (its consumer went away); the copy then ends as if
  /// abandoned and the call throws ``StoreError/Kind/closed``. An abandoned copy throws
  /// ``StoreError/Kind/backupAbandoned`` with the reason.
  static func run(
    _ environment: Environment, chunkSize: Int, copy: BackupRegistry.Copy, sink: ([UInt8]) throws -> Bool
  ) throws -> Result {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw StoreError.system("cannot create a pipe for", path: "the backup") }
    let readEnd = fds[0]
    let writeEnd = fds[1]
    _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
    _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
    let outcome = CopyOutcome()
    NamedThread.start("backup-hotcopy") {
      // A write into the pipe after the reader closed it must fail with EPIPE, not kill the
      // process: block SIGPIPE here (LMDB's copy thread, started from this one, inherits it).
      var blocked = sigset_t()
      sigemptyset(&blocked)
      sigaddset(&blocked, SIGPIPE)
      pthread_sigmask(SIG_BLOCK, &blocked, nil)
      let rc: Int32 = environment.mapLock.withLongShared {
        guard !environment.isClosed, copy.abandonment == nil else { return -1 }
        return mdb_env_copyfd2(environment.handle, writeEnd, UInt32(MDB_CP_COMPACT))
      }
      close(writeEnd)
      outcome.finish(rc)
    }

    var hasher = SHA256()
    var size = 0
    var consuming = true
    var sinkError: (any Error)?
    var buffer = [UInt8](repeating: 0, count: max(chunkSize, 4096))
    var readFailure: Int32 = 0
    while consuming && copy.abandonment == nil {
      let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        readFailure = errno
        break
      }
      if count == 0 { break }
      let chunk = Array(buffer[0..<count])
      hasher.update(data: chunk)
      size += count
      copy.add(bytes: count)
      do {
        consuming = try sink(chunk)
      } catch {
        sinkError = error
        consuming = false
      }
    }
    // Closing the read end ends the copy at its next write (EPIPE) when it is not done yet.
    close(readEnd)
    let rc = outcome.wait()
    if let reason = copy.abandonment {
      throw StoreError(.backupAbandoned, "the backup was abandoned: \(reason)")
    }
    if let sinkError { throw sinkError }
    guard consuming else { throw StoreError(.closed, "the backup's reader stopped before the end") }
    if rc == -1 { throw StoreError(.closed, "the store closed before the backup started") }
    if readFailure != 0 {
      errno = readFailure
      throw StoreError.system("cannot read the backup pipe of", path: environment.path)
    }
    try checkLMDB(rc, "copy the environment for a backup")
    return Result(sizeBytes: size, sha256: BackupFile.hex(hasher.finalize()))
  }
}

/// The copy thread's return code, handed to the reading thread.
private final class CopyOutcome: @unchecked Sendable {
  // Safe to share: `code` is written once by the copy thread before `done.signal()` and read by
  // the other thread only after `done.wait()`, which orders the two accesses.
  private var code: Int32 = 0
  private let done = DispatchSemaphore(value: 0)

  func finish(_ code: Int32) {
    self.code = code
    done.signal()
  }

  func wait() -> Int32 {
    done.wait()
    return code
  }
}
