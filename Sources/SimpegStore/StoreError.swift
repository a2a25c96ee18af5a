import CLMDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one error type of the storage layer: a kind to switch on and a message a person can act on.
///
/// The message says what went wrong and what to do. The optional context fields name the table,
/// the index, the key and the LMDB or system code when they are known, so a caller can map an error
/// to a status code (for example ``Kind/diskFull`` and ``Kind/mapFull`` to RESOURCE_EXHAUSTED,
/// ``Kind/uniqueViolation`` and ``Kind/keyExists`` to ALREADY_EXISTS) without parsing text.
public struct StoreError: Error, Sendable, CustomStringConvertible {
  /// What kind of failure this is.
  public enum Kind: String, Sendable, Hashable {
    /// A key encodes to more bytes than LMDB accepts (511), or to no bytes at all.
    case keyTooLong
    /// A stored value could not be decoded as the table's record type.
    case valueUndecodable
    /// A stored key could not be decoded with the table's key codec.
    case keyUndecodable
    /// Writing a row would give a unique index two rows with the same index key.
    case uniqueViolation
    /// `insert` found a row under the key already.
    case keyExists
    /// The memory map is full and may not grow further (``StoreConfiguration/maxMapSize``).
    case mapFull
    /// The disk holding the data folder is full (ENOSPC). Nothing committed before is lost.
    case diskFull
    /// The data folder is locked by another process (or opened twice in this one).
    case folderInUse
    /// The data folder was written by a newer schema or store format than this code knows.
    case versionTooNew
    /// A page token is malformed, tampered with, or belongs to another scan.
    case invalidPageToken
    /// A table or index is not declared in the store's schema.
    case unknownTable
    /// A transaction was used after its closure returned.
    case transactionEnded
    /// The store is closed (or closing) and takes no more work.
    case closed
    /// A backup file is shorter than its own header or its manifest says.
    case backupTruncated
    /// A backup file's bytes do not hash to its manifest's SHA-256, or LMDB finds it damaged.
    case backupCorrupted
    /// A backup opens but its tables, counts or sequence differ from its manifest.
    case backupMismatch
    /// A restore was asked to write into a folder that already holds something.
    case restoreTargetNotEmpty
    /// The configuration or schema is invalid (the message says which value and why).
    case invalidConfiguration
    /// The reader table is full: too many concurrent read transactions (``StoreConfiguration/maxReaders``).
    case readersFull
    /// The data file is damaged: LMDB or the store's own checks found a page or entry that
    /// cannot be right.
    case corrupted
    /// A stored record's checksum does not match its bytes: the record is damaged on disk and is
    /// not served.
    case checksumMismatch
    /// The data file is shorter than the pages its trees reach: it was cut off.
    case dataFileTruncated
    /// The data folder held a store (its identity file says so) but its data file is missing or
    /// empty; it is not silently replaced by a new store.
    case storeMissing
    /// The data file is not the one this folder's identity describes: another store's file, or an
    /// older copy of this one.
    case storeReplaced
    /// A backup copy was stopped before its end: its reader stalled, the map had to grow, or the
    /// store closed.
    case backupAbandoned
    /// A system call on a file or folder failed.
    case io
    /// Any other LMDB failure; ``StoreError/code`` holds LMDB's return code.
    case lmdb
  }

  /// What kind of failure this is.
  public let kind: Kind
  /// A sentence a person can act on.
  public let message: String
  /// The table involved, when there is one.
  public var table: String?
  /// The index involved, when there is one.
  public var index: String?
  /// The encoded key involved, when there is one.
  public var key: [UInt8]?
  /// The LMDB return code or errno, when the failure came from LMDB or the system.
  public var code: Int32?

  /// Creates an error of a kind with a message and optional context.
  public init(
    _ kind: Kind,
    _ message: String,
    table: String? = nil,
    index: String? = nil,
    key: [UInt8]? = nil,
    code: Int32? = nil
  ) {
    self.kind = kind
    self.message = message
    self.table = table
    self.index = index
    self.key = key
    self.code = code
  }

  /// The message, prefixed with the kind.
  public var description: String { "\(kind.rawValue): \(message)" }
}

extension StoreError {
  /// Maps an LMDB (or errno) return code to a typed error, naming the operation that failed.
  static func lmdb(_ rc: Int32, _ operation: String, table: String? = nil) -> StoreError {
    let text = String(cString: mdb_strerror(rc))
    switch rc {
    case MDB_MAP_FULL:
      return StoreError(
        .mapFull,
        "\(operation): the memory map is full (\(text)); raise maxMapSize or free space",
        table: table, code: rc)
    case ENOSPC:
      return StoreError(
        .diskFull,
        "\(operation): the disk is full (\(text)); free disk space and retry, committed data is intact",
        table: table, code: rc)
    case MDB_KEYEXIST:
      return StoreError(.keyExists, "\(operation): \(text)", table: table, code: rc)
    case MDB_READERS_FULL:
      return StoreError(
        .readersFull,
        "\(operation): all reader slots are in use (\(text)); raise maxReaders or shorten reads",
        table: table, code: rc)
    case MDB_CORRUPTED, MDB_PAGE_NOTFOUND, MDB_INVALID, MDB_VERSION_MISMATCH:
      return StoreError(
        .corrupted,
        "\(operation): the data file is damaged or not an LMDB file (\(text)); restore from a backup",
        table: table, code: rc)
    case MDB_BAD_VALSIZE:
      return StoreError(.keyTooLong, "\(operation): \(text)", table: table, code: rc)
    default:
      return StoreError(.lmdb, "\(operation): \(text) (code \(rc))", table: table, code: rc)
    }
  }

  /// Maps a failed commit, telling a full disk apart from other I/O errors.
  ///
  /// LMDB reports a short write as EIO, and on a nearly full file system a page write is often
  /// cut short rather than refused with ENOSPC. So an EIO while the file system holding `path` has
  /// less than 64 KiB left is reported as ``Kind/diskFull`` too.
  static func commitFailure(_ rc: Int32, _ operation: String, path: String) -> StoreError {
    if rc == EIO, let free = freeBytes(path), free < 64 << 10 {
      let text = String(cString: mdb_strerror(rc))
      return StoreError(
        .diskFull,
        "\(operation): the disk is full (\(free) bytes left, LMDB reported \(text)); free disk space and "
          + "retry, committed data is intact",
        code: ENOSPC)
    }
    return lmdb(rc, operation)
  }

  /// The bytes an unprivileged writer may still use on the file system holding `path`.
  private static func freeBytes(_ path: String) -> UInt64? {
    var info = statvfs()
    guard statvfs(path, &info) == 0 else { return nil }
    return UInt64(info.f_bavail) * UInt64(info.f_frsize)
  }

  /// Maps the current `errno` after a failed system call.
  static func system(_ operation: String, path: String) -> StoreError {
    let code = errno
    let text = String(cString: strerror(code))
    if code == ENOSPC {
      return StoreError(.diskFull, "\(operation) \(path): \(text); free disk space and retry", code: code)
    }
    return StoreError(.io, "\(operation) \(path): \(text)", code: code)
  }
}

/// Throws the typed error for a non-zero LMDB return code.
@inline(__always)
func checkLMDB(_ rc: Int32, _ operation: @autoclosure () -> String, table: String? = nil) throws(StoreError) {
  if rc != 0 {
    throw StoreError.lmdb(rc, operation(), table: table)
  }
}
