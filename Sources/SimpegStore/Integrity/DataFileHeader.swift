#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the two meta pages at the start of an LMDB data file say, read from outside LMDB.
///
/// LMDB trusts its file: it maps it and follows page numbers without checking them, so a
/// truncated file faults (SIGBUS) and a damaged page can crash it. Everything the store learns
/// from a file before LMDB may map it is parsed here with every offset checked (the 64-bit
/// little-endian layout of LMDB 0.9: a 16-byte page header, then `MDB_meta`).
struct DataFileHeader: Sendable {
  /// One tree's record (`MDB_db`): the free-page tree, the main tree, or a named database.
  struct Tree: Sendable, Hashable {
    /// LMDB's flags for the database (`MDB_INTEGERKEY`, `MDB_DUPSORT`, ...).
    var flags: UInt16
    /// The tree's height: 0 when empty, 1 when the root is a leaf.
    var depth: UInt16
    var branchPages: UInt64
    var leafPages: UInt64
    var overflowPages: UInt64
    var entries: UInt64
    /// The root page, or ``DataFileHeader/invalidPage`` when the tree is empty.
    var root: UInt64

    /// The size of the record in a page.
    static let size = 48

    init(
      flags: UInt16, depth: UInt16, branchPages: UInt64, leafPages: UInt64, overflowPages: UInt64,
      entries: UInt64, root: UInt64
    ) {
      self.flags = flags
      self.depth = depth
      self.branchPages = branchPages
      self.leafPages = leafPages
      self.overflowPages = overflowPages
      self.entries = entries
      self.root = root
    }

    /// Reads the record at `offset` of `bytes` (which must hold ``size`` bytes from there).
    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
      flags = bytes.littleEndian(at: offset + 4)
      depth = bytes.littleEndian(at: offset + 6)
      branchPages = bytes.littleEndian(at: offset + 8)
      leafPages = bytes.littleEndian(at: offset + 16)
      overflowPages = bytes.littleEndian(at: offset + 24)
      entries = bytes.littleEndian(at: offset + 32)
      root = bytes.littleEndian(at: offset + 40)
    }
  }

  /// One meta page.
  struct MetaPage: Sendable, Hashable {
    var pageSize: Int
    var mapSize: UInt64
    /// The tree of free pages.
    var free: Tree
    /// The main tree, whose entries are the named databases.
    var main: Tree
    /// The highest page number allocated; the file may end before it (LMDB does not always
    /// write the last allocated pages), so only pages reachable from the trees must exist.
    var lastPage: UInt64
    var transactionID: UInt64
  }

  /// The page number LMDB uses for "no page" (an empty tree's root).
  static let invalidPage = UInt64.max
  static let magic: UInt32 = 0xBEEF_C0DE
  /// LMDB's page header: page number, pad, flags, lower and upper bounds.
  static let pageHeaderSize = 16
  /// The bytes of a meta page this reader needs: header plus `MDB_meta`.
  static let metaSize = 152

  /// The file's size in bytes.
  let fileSize: Int
  /// The meta page LMDB will use: the valid one with the higher transaction id.
  let newest: MetaPage

  /// Reads and checks the meta pages of the data file at `path`.
  ///
  /// Throws ``StoreError/Kind/dataFileTruncated`` when the file is too short to hold its two
  /// meta pages and ``StoreError/Kind/corrupted`` when either page is not an LMDB meta page
  /// (LMDB itself refuses a file with one bad meta page).
  static func read(path: String, describing what: String) throws(StoreError) -> DataFileHeader {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw StoreError.system("cannot open", path: path) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw StoreError.system("cannot stat", path: path) }
    let fileSize = Int(info.st_size)
    guard fileSize >= metaSize else {
      throw StoreError(
        .dataFileTruncated,
        "\(what) is \(fileSize) bytes, too short to hold an LMDB header")
    }
    guard let first = try readMeta(fd, offset: 0, path: path, pageNumber: 0) else {
      throw StoreError(.corrupted, "\(what) is not an LMDB data file: its first meta page is damaged")
    }
    let pageSize = first.pageSize
    guard pageSize >= 512, pageSize <= 1 << 16, pageSize & (pageSize - 1) == 0 else {
      throw StoreError(.corrupted, "\(what) records an impossible page size \(pageSize)")
    }
    guard fileSize >= 2 * pageSize else {
      throw StoreError(
        .dataFileTruncated, "\(what) is \(fileSize) bytes, shorter than its two meta pages")
    }
    guard let second = try readMeta(fd, offset: pageSize, path: path, pageNumber: 1) else {
      throw StoreError(.corrupted, "\(what) has a damaged second meta page")
    }
    guard second.pageSize == pageSize else {
      throw StoreError(
        .corrupted, "\(what): its meta pages disagree on the page size (\(pageSize), \(second.pageSize))")
    }
    let newest = second.transactionID > first.transactionID ? second : first
    return DataFileHeader(fileSize: fileSize, newest: newest)
  }

  /// Parses one meta page; nil when it is not one.
  private static func readMeta(_ fd: Int32, offset: Int, path: String, pageNumber: UInt64) throws(StoreError)
    -> MetaPage?
  {
    var buffer = [UInt8](repeating: 0, count: metaSize)
    let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, metaSize, off_t(offset)) }
    guard count >= 0 else { throw StoreError.system("cannot read", path: path) }
    guard count == metaSize else { return nil }
    return buffer.withUnsafeBytes { bytes -> MetaPage? in
      let flags: UInt16 = bytes.littleEndian(at: 10)
      guard flags & PageFlags.meta != 0, bytes.littleEndian(at: 16) as UInt32 == magic,
        bytes.littleEndian(at: 20) as UInt32 == 1
      else { return nil }
      let free = Tree(bytes, at: 40)
      return MetaPage(
        pageSize: Int(bytes.littleEndian(at: 40) as UInt32), mapSize: bytes.littleEndian(at: 32),
        free: free, main: Tree(bytes, at: 88), lastPage: bytes.littleEndian(at: 136),
        transactionID: bytes.littleEndian(at: 144))
    }
  }
}

/// LMDB's page flags (`mp_flags`).
enum PageFlags {
  static let branch: UInt16 = 0x01
  static let leaf: UInt16 = 0x02
  static let overflow: UInt16 = 0x04
  static let meta: UInt16 = 0x08
  /// Flags that only ever matter in memory; a page on disk may carry them harmlessly.
  static let transient: UInt16 = 0x10 | 0x4000 | 0x8000
}

/// LMDB's node flags (`mn_flags` of a leaf node).
enum NodeFlags {
  static let bigData: UInt16 = 0x01
  static let subData: UInt16 = 0x02
  static let dupData: UInt16 = 0x04
}

extension UnsafeRawBufferPointer {
  /// The little-endian integer at `offset`; the caller has checked that it fits.
  func littleEndian<T: FixedWidthInteger>(at offset: Int) -> T {
    var value: T = 0
    for index in (0..<MemoryLayout<T>.size).reversed() {
      value = (value << 8) | T(self[offset + index])
    }
    return value
  }
}
