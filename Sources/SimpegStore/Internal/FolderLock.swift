#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive `flock` on `simpeg.lock` in the data folder, held while a store is open.
///
/// LMDB's own lock file lets many processes share an environment, which this store does not
/// support (one writer thread per environment, map resizing coordinated only within one
/// process). The flock makes a second opener fail at once with the first one's pid. The lock
/// belongs to the open file description, so it also refuses a second open in the same process,
/// and the kernel drops it when the holder dies, so a crash never leaves the folder locked.
final class FolderLock: Sendable {
  /// The name of the lock file inside the data folder.
  static let fileName = "simpeg.lock"

  private let descriptor: Int32

  private init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  /// Takes the lock or throws ``StoreError/Kind/folderInUse`` naming the holder's pid.
  static func acquire(folder: String) throws(StoreError) -> FolderLock {
    let path = folder + "/" + fileName
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
    guard fd >= 0 else { throw StoreError.system("cannot open lock file", path: path) }
    // A descriptor of the lock can outlive its closing for a moment when another thread of this
    // process is spawning a child (the child holds copies of every descriptor until its exec
    // closes them), so a refusal is retried briefly before it is believed: at most about 1 s.
    var result = flock(fd, LOCK_EX | LOCK_NB)
    var code = result == 0 ? 0 : errno
    var attempts = 0
    while result != 0, code == EWOULDBLOCK, attempts < 20 {
      attempts += 1
      usleep(50_000)
      result = flock(fd, LOCK_EX | LOCK_NB)
      code = result == 0 ? 0 : errno
    }
    if result != 0 {
      let holder = readPID(fd)
      close(fd)
      if code == EWOULDBLOCK {
        let who = holder.map { "pid \($0)" } ?? "unknown pid"
        throw StoreError(
          .folderInUse,
          "data folder \(folder) is in use by another process (\(who)); stop it or use another folder",
          code: code)
      }
      errno = code
      throw StoreError.system("cannot lock", path: path)
    }
    let pid = "\(getpid())\n"
    _ = ftruncate(fd, 0)
    _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    return FolderLock(descriptor: fd)
  }

  /// Releases the lock (closing the descriptor drops it).
  func release() {
    _ = ftruncate(descriptor, 0)
    close(descriptor)
  }

  private static func readPID(_ fd: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
    guard count > 0 else { return nil }
    let text = String(decoding: buffer[0..<count], as: UTF8.self)
    return Int32(text.trimmingCharacters(in: " \n"))
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var slice = Substring(self)
    while let first = slice.first, set.contains(first) { slice.removeFirst() }
    while let last = slice.last, set.contains(last) { slice.removeLast() }
    return String(slice)
  }
}
