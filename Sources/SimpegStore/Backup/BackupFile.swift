import CLMDB
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A backup file on disk, checked before LMDB is allowed to map it.
///
/// LMDB trusts its file: mapping a truncated file faults (SIGBUS) when a page past the end is
/// touched, and damaged pages can crash it. So a backup is first checked from the outside: its
/// meta pages are parsed here (magic, page size, last page) and the file must be as long as they
/// say. Verification against a manifest also compares the SHA-256 before opening.
enum BackupFile {
  private static let magic: UInt32 = 0xBEEF_C0DE

  /// The file's size in bytes.
  static func size(_ path: String) throws(StoreError) -> Int {
    var info = stat()
    guard stat(path, &info) == 0 else { throw StoreError.system("cannot stat backup", path: path) }
    return Int(info.st_size)
  }

  /// The SHA-256 of the whole file, lower-case hex.
  static func sha256(_ path: String) throws(StoreError) -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw StoreError.system("cannot open backup", path: path) }
    defer { close(fd) }
    var hasher = SHA256()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw StoreError.system("cannot read backup", path: path)
      }
      if count == 0 { break }
      buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
    return hex(hasher.finalize())
  }

  /// Lower-case hex of a digest.
  static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    digest.map { byte in
      let text = String(byte, radix: 16)
      return byte < 16 ? "0" + text : text
    }.joined()
  }

  /// Checks that the file is an LMDB data file as long as its newest meta page says.
  static func checkHeader(_ path: String) throws(StoreError) {
    let fileSize = try size(path)
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw StoreError.system("cannot open backup", path: path) }
    defer { close(fd) }
    let first = try readMeta(fd, offset: 0, path: path)
    guard let first else {
      if fileSize < 160 {
        throw StoreError(
          .backupTruncated, "backup \(path) is \(fileSize) bytes, too short to hold an LMDB header")
      }
      throw StoreError(.backupCorrupted, "backup \(path) is not an LMDB data file (no valid meta page)")
    }
    let pageSize = first.pageSize
    guard pageSize >= 512, pageSize <= 1 << 16, pageSize & (pageSize - 1) == 0 else {
      throw StoreError(.backupCorrupted, "backup \(path) records an impossible page size \(pageSize)")
    }
    guard fileSize >= 2 * pageSize else {
      throw StoreError(
        .backupTruncated, "backup \(path) is \(fileSize) bytes, shorter than its two meta pages")
    }
    let second = try readMeta(fd, offset: pageSize, path: path)
    let newest = [first, second].compactMap { $0 }.max { $0.transactionID < $1.transactionID }!
    let needed = (newest.lastPage + 1) * pageSize
    guard fileSize >= needed else {
      throw StoreError(
        .backupTruncated,
        "backup \(path) is \(fileSize) bytes but its header needs \(needed); the copy is incomplete, "
          + "take or download it again")
    }
  }

  private struct MetaPage {
    let pageSize: Int
    let lastPage: Int
    let transactionID: UInt64
  }

  /// Parses an LMDB meta page (64-bit layout: 16-byte page header, then MDB_meta).
  private static func readMeta(_ fd: Int32, offset: Int, path: String) throws(StoreError) -> MetaPage? {
    var buffer = [UInt8](repeating: 0, count: 152)
    let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 152, off_t(offset)) }
    guard count >= 0 else { throw StoreError.system("cannot read backup", path: path) }
    guard count == 152 else { return nil }
    func little<T: FixedWidthInteger>(_ at: Int, _ type: T.Type) -> T {
      var value: T = 0
      for index in (0..<MemoryLayout<T>.size).reversed() {
        value = (value << 8) | T(buffer[at + index])
      }
      return value
    }
    guard little(16, UInt32.self) == magic, little(20, UInt32.self) == 1 else { return nil }
    return MetaPage(
      pageSize: Int(little(40, UInt32.self)), lastPage: Int(truncatingIfNeeded: little(136, UInt64.self)),
      transactionID: little(144, UInt64.self))
  }
}
