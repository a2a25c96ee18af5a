#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A walk over every page an LMDB data file's newest meta page reaches, reading the file with
/// `pread` and checking each page's structure before anything relies on it.
///
/// It checks what LMDB takes on trust: that each page lies inside the file, names its own number,
/// has the kind its parent expects (branch, leaf, overflow) and sane bounds; that every node and
/// key fits its page; that keys ascend; that no page is reached twice; and that each tree's
/// recorded page and entry counts match what was found. A file that passes can be mapped and
/// traversed by LMDB without following a wild page number. It does not check record contents:
/// that is what each record's checksum is for (``RecordEnvelope``).
///
/// The file must not change during the walk (the store walks before LMDB opens it; a live store
/// is checked through read transactions instead).
struct DataFileWalk {
  /// A structural fault, with where it was found.
  struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// The database (table, index, `_meta`, `_changes`, or LMDB's own `main` and `free` trees).
    let database: String
    /// The page, when the fault is in one.
    let page: UInt64?
    /// What is wrong.
    let message: String

    var description: String {
      page.map { "\(database), page \($0): \(message)" } ?? "\(database): \(message)"
    }
  }

  /// What the walk found in one named database.
  struct DatabaseSummary: Sendable, Hashable {
    let entries: UInt64
    let pages: UInt64
  }

  /// The walk's result.
  struct Report: Sendable {
    /// Pages read.
    var pagesRead = 0
    /// Per named database, what its tree holds.
    var databases: [String: DatabaseSummary] = [:]
    /// The faults found (at most the walk's limit).
    var problems: [Problem] = []
    /// Whether a page the trees reach lies past the end of the file.
    var truncated = false

    /// Whether nothing is wrong.
    var isIntact: Bool { problems.isEmpty }
  }

  private let fd: Int32
  private let path: String
  private let header: DataFileHeader
  private let pageSize: Int
  private let lastPage: UInt64
  private let maxProblems: Int
  private let filePages: UInt64
  private var visited: [UInt64]
  private var report = Report()
  private var page: [UInt8]

  /// Walks the file at `path`, whose header has been read, collecting at most `maxProblems` faults.
  static func run(path: String, header: DataFileHeader, maxProblems: Int = 20) throws(StoreError) -> Report {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw StoreError.system("cannot open", path: path) }
    defer { close(fd) }
    var walk = DataFileWalk(fd: fd, path: path, header: header, maxProblems: maxProblems)
    try walk.walkEverything()
    return walk.report
  }

  private init(fd: Int32, path: String, header: DataFileHeader, maxProblems: Int) {
    self.fd = fd
    self.path = path
    self.header = header
    self.pageSize = header.newest.pageSize
    self.lastPage = header.newest.lastPage
    self.maxProblems = max(1, maxProblems)
    // Only pages inside the file can be reached in a sound file, so the bitmap covers those; a
    // header's last page is not trusted for a size.
    self.filePages = UInt64(header.fileSize / header.newest.pageSize)
    self.visited = [UInt64](repeating: 0, count: Int(filePages / 64) + 1)
    self.page = [UInt8](repeating: 0, count: header.newest.pageSize)
  }

  private var full: Bool { report.problems.count >= maxProblems }

  private mutating func note(_ database: String, _ page: UInt64?, _ message: String) {
    guard !full else { return }
    report.problems.append(Problem(database: database, page: page, message: message))
  }

  private mutating func walkEverything() throws(StoreError) {
    let meta = header.newest
    if meta.lastPage < 1 {
      note("main", nil, "the header's last page \(meta.lastPage) is below the two meta pages")
      return
    }
    var named: [(String, DataFileHeader.Tree)] = []
    try walkTree("main", meta.main, kind: .main) { name, tree in named.append((name, tree)) }
    for (name, tree) in named where !full {
      try walkTree(name, tree, kind: .named) { _, _ in }
    }
    if !full {
      try walkTree("free", meta.free, kind: .free) { _, _ in }
    }
  }

  private enum TreeKind {
    /// The main tree: each entry names a database and holds its tree record.
    case main
    /// A named database: simpeg's tables and indexes, `_meta`, `_changes`.
    case named
    /// The tree of free pages: transaction id to a list of page numbers.
    case free
  }

  private struct Counts {
    var branch: UInt64 = 0
    var leaf: UInt64 = 0
    var overflow: UInt64 = 0
    var entries: UInt64 = 0
  }

  private mutating func walkTree(
    _ name: String, _ tree: DataFileHeader.Tree, kind: TreeKind,
    database: (String, DataFileHeader.Tree) -> Void
  ) throws(StoreError) {
    if tree.root == DataFileHeader.invalidPage {
      if tree.depth != 0 || tree.entries != 0 {
        note(name, nil, "the tree has no root but records depth \(tree.depth) and \(tree.entries) entries")
      } else if kind == .named {
        report.databases[name] = DatabaseSummary(entries: 0, pages: 0)
      }
      return
    }
    guard tree.depth >= 1, tree.depth <= 32 else {
      note(name, nil, "the tree records an impossible depth \(tree.depth)")
      return
    }
    guard tree.flags & 0x04 == 0 else {
      note(name, nil, "the database is of a kind (duplicate keys) that simpeg never creates")
      return
    }
    let ordered = tree.flags & (0x02 | 0x08) == 0  // neither MDB_REVERSEKEY nor MDB_INTEGERKEY
    var counts = Counts()
    let before = report.problems.count
    try visit(
      tree.root, level: Int(tree.depth), name: name, kind: kind, ordered: ordered, counts: &counts,
      database: database)
    guard report.problems.count == before else { return }
    let found = (counts.branch, counts.leaf, counts.overflow, counts.entries)
    let recorded = (tree.branchPages, tree.leafPages, tree.overflowPages, tree.entries)
    if found != recorded {
      note(
        name, nil,
        "the tree records \(recorded.0) branch, \(recorded.1) leaf and \(recorded.2) overflow pages with "
          + "\(recorded.3) entries, but holds \(found.0), \(found.1), \(found.2) and \(found.3)")
    }
    if kind == .named {
      report.databases[name] = DatabaseSummary(
        entries: counts.entries, pages: counts.branch + counts.leaf + counts.overflow)
    }
  }

  /// Marks a page as reached; false (and a fault) when it was reached before or is out of range.
  private mutating func claim(_ number: UInt64, name: String, from parent: UInt64?) -> Bool {
    guard number >= 2, number <= lastPage else {
      note(
        name, parent,
        "points to page \(number), outside the file's pages 2 to \(lastPage)")
      return false
    }
    guard number < filePages else {
      report.truncated = true
      note(
        name, parent,
        "points to page \(number), past the end of the file (\(header.fileSize) bytes): the file is truncated"
      )
      return false
    }
    let word = Int(number / 64)
    let bit = UInt64(1) << (number % 64)
    guard visited[word] & bit == 0 else {
      note(name, parent, "points to page \(number), which another part of the file reaches too")
      return false
    }
    visited[word] |= bit
    return true
  }

  /// Reads a page into ``page``; false (and a fault) when it lies past the end of the file.
  private mutating func load(_ number: UInt64, name: String) throws(StoreError) -> Bool {
    let offset = Int(number) &* pageSize
    guard offset >= 0, offset <= header.fileSize - pageSize else {
      report.truncated = true
      note(
        name, number,
        "lies past the end of the file (\(header.fileSize) bytes): the file is truncated")
      return false
    }
    let size = pageSize
    var done = 0
    while done < size {
      let count = page.withUnsafeMutableBytes { buffer in
        pread(fd, buffer.baseAddress! + done, size - done, off_t(offset + done))
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw StoreError.system("cannot read", path: path)
      }
      if count == 0 {
        report.truncated = true
        note(name, number, "lies past the end of the file: the file is truncated")
        return false
      }
      done += count
    }
    report.pagesRead += 1
    return true
  }

  private mutating func visit(
    _ number: UInt64, level: Int, name: String, kind: TreeKind, ordered: Bool, counts: inout Counts,
    database: (String, DataFileHeader.Tree) -> Void, parent: UInt64? = nil
  ) throws(StoreError) {
    guard !full, claim(number, name: name, from: parent), try load(number, name: name) else { return }
    let isBranch = level > 1
    let expected = isBranch ? PageFlags.branch : PageFlags.leaf
    // Read what this page says, then act on it after the buffer is released.
    var children: [UInt64] = []
    var overflows: [(UInt64, Int)] = []
    var fault: String?
    var freeLists: [(count: UInt64, pages: [UInt64])] = []
    var bigFreeLists: [(page: UInt64, size: Int)] = []
    var entries = 0
    let pageSize = self.pageSize
    page.withUnsafeBytes { bytes in
      let selfNumber: UInt64 = bytes.littleEndian(at: 0)
      let flags = (bytes.littleEndian(at: 10) as UInt16) & ~PageFlags.transient
      guard selfNumber == number else {
        fault = "the page calls itself page \(selfNumber): it is damaged or misplaced"
        return
      }
      guard flags == expected else {
        fault = "is a page of kind \(flags), expected a \(isBranch ? "branch" : "leaf") page"
        return
      }
      let lower = Int(bytes.littleEndian(at: 12) as UInt16)
      let upper = Int(bytes.littleEndian(at: 14) as UInt16)
      guard lower >= DataFileHeader.pageHeaderSize, lower <= upper, upper <= pageSize,
        (lower - DataFileHeader.pageHeaderSize) % 2 == 0
      else {
        fault = "has impossible bounds (lower \(lower), upper \(upper))"
        return
      }
      let count = (lower - DataFileHeader.pageHeaderSize) / 2
      if count == 0 {
        fault = "holds no entries"
        return
      }
      var previousKey: (Int, Int)?
      for index in 0..<count {
        let node = Int(bytes.littleEndian(at: DataFileHeader.pageHeaderSize + 2 * index) as UInt16)
        guard node >= upper, node + 8 <= pageSize else {
          fault = "entry \(index) starts at \(node), outside the page's data"
          return
        }
        let low = UInt64(bytes.littleEndian(at: node) as UInt16)
        let high = UInt64(bytes.littleEndian(at: node + 2) as UInt16)
        let nodeFlags: UInt16 = bytes.littleEndian(at: node + 4)
        let keySize = Int(bytes.littleEndian(at: node + 6) as UInt16)
        let keyStart = node + 8
        guard keyStart + keySize <= pageSize else {
          fault = "entry \(index) has a key of \(keySize) bytes that does not fit the page"
          return
        }
        // A branch page's first key is never compared (it stands for everything below).
        if ordered && !(isBranch && index == 0) {
          if let (start, size) = previousKey {
            let common = min(size, keySize)
            var order = memcmp(bytes.baseAddress! + start, bytes.baseAddress! + keyStart, common)
            if order == 0 { order = size < keySize ? -1 : (size == keySize ? 0 : 1) }
            guard order < 0 else {
              fault = "entry \(index)'s key does not sort after the one before it"
              return
            }
          }
          previousKey = (keyStart, keySize)
        }
        if isBranch {
          children.append(low | high << 16 | UInt64(nodeFlags) << 32)
          continue
        }
        entries += 1
        let dataSize = Int(low | high << 16)
        let dataStart = keyStart + keySize
        guard nodeFlags & NodeFlags.dupData == 0 else {
          fault = "entry \(index) holds duplicate data, which simpeg never writes"
          return
        }
        if nodeFlags & NodeFlags.bigData != 0 {
          guard dataStart + 8 <= pageSize else {
            fault = "entry \(index)'s overflow page number does not fit the page"
            return
          }
          let overflow: UInt64 = bytes.littleEndian(at: dataStart)
          overflows.append((overflow, dataSize))
          if kind == .free { bigFreeLists.append((overflow, dataSize)) }
          if kind == .main {
            fault = "entry \(index) of the main tree is not a database record"
            return
          }
          continue
        }
        guard dataStart + dataSize <= pageSize else {
          fault = "entry \(index) has \(dataSize) bytes of data that do not fit the page"
          return
        }
        switch kind {
        case .main:
          guard nodeFlags & NodeFlags.subData != 0, dataSize == DataFileHeader.Tree.size else {
            fault = "entry \(index) of the main tree is not a database record"
            return
          }
          let name = String(
            decoding: UnsafeRawBufferPointer(rebasing: bytes[keyStart..<dataStart]), as: UTF8.self)
          database(name, DataFileHeader.Tree(bytes, at: dataStart))
        case .free:
          guard dataSize >= 8, dataSize % 8 == 0 else {
            fault = "entry \(index) is not a list of page numbers"
            return
          }
          let listed: UInt64 = bytes.littleEndian(at: dataStart)
          var pages: [UInt64] = []
          for slot in 1..<(dataSize / 8) {
            pages.append(bytes.littleEndian(at: dataStart + slot * 8))
          }
          freeLists.append((listed, pages))
        case .named:
          guard nodeFlags & NodeFlags.subData == 0 else {
            fault = "entry \(index) holds a nested database, which simpeg never writes"
            return
          }
        }
      }
    }
    if let fault {
      note(name, number, fault)
      return
    }
    if isBranch {
      counts.branch += 1
    } else {
      counts.leaf += 1
      counts.entries += UInt64(entries)
    }
    for list in freeLists {
      checkFreeList(count: list.count, pages: list.pages, name: name, page: number)
    }
    for (overflow, size) in overflows where !full {
      counts.overflow += try visitOverflow(overflow, dataSize: size, name: name, parent: number)
    }
    for (overflow, size) in bigFreeLists where !full {
      try checkBigFreeList(at: overflow, dataSize: size, name: name)
    }
    for child in children where !full {
      try visit(
        child, level: level - 1, name: name, kind: kind, ordered: ordered, counts: &counts,
        database: database,
        parent: number)
    }
  }

  /// Checks a run of overflow pages holding `dataSize` bytes; returns how many pages it spans.
  private mutating func visitOverflow(_ first: UInt64, dataSize: Int, name: String, parent: UInt64)
    throws(StoreError) -> UInt64
  {
    let pages = UInt64((DataFileHeader.pageHeaderSize - 1 + dataSize) / pageSize + 1)
    guard first <= lastPage, lastPage - first >= pages - 1 else {
      note(name, parent, "points to overflow pages \(first)+\(pages), past the file's last page \(lastPage)")
      return 0
    }
    for number in first..<(first + pages) {
      guard claim(number, name: name, from: parent) else { return 0 }
    }
    let end = (Int(first) + Int(pages)) &* pageSize
    guard end <= header.fileSize, end > 0 else {
      report.truncated = true
      note(name, first, "overflow pages run past the end of the file: the file is truncated")
      return 0
    }
    guard try load(first, name: name) else { return 0 }
    let (selfNumber, flags, recorded) = page.withUnsafeBytes { bytes in
      (
        bytes.littleEndian(at: 0) as UInt64, (bytes.littleEndian(at: 10) as UInt16) & ~PageFlags.transient,
        bytes.littleEndian(at: 12) as UInt32
      )
    }
    guard selfNumber == first, flags == PageFlags.overflow, UInt64(recorded) == pages else {
      note(
        name, first,
        "is not the overflow run its entry expects (page \(selfNumber), kind \(flags), \(recorded) pages)")
      return 0
    }
    return pages
  }

  private mutating func checkFreeList(count: UInt64, pages: [UInt64], name: String, page: UInt64) {
    guard count == UInt64(pages.count) else {
      note(name, page, "a free list says \(count) pages but holds \(pages.count)")
      return
    }
    if let bad = pages.first(where: { $0 < 2 || $0 > lastPage }) {
      note(name, page, "a free list names page \(bad), outside the file's pages 2 to \(lastPage)")
    }
  }

  /// Checks the page numbers of a free list kept on overflow pages (already checked as a run).
  private mutating func checkBigFreeList(at first: UInt64, dataSize: Int, name: String) throws(StoreError) {
    guard dataSize >= 8, dataSize % 8 == 0 else {
      note(name, first, "a free list of \(dataSize) bytes is not a list of page numbers")
      return
    }
    var bytes = [UInt8](repeating: 0, count: dataSize)
    let offset = Int(first) * pageSize + DataFileHeader.pageHeaderSize
    var done = 0
    while done < dataSize {
      let count = bytes.withUnsafeMutableBytes {
        pread(fd, $0.baseAddress! + done, dataSize - done, off_t(offset + done))
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw StoreError.system("cannot read", path: path)
      }
      if count == 0 { return }  // reported as truncated by the run's check
      done += count
    }
    let (listed, pages) = bytes.withUnsafeBytes { raw -> (UInt64, [UInt64]) in
      let listed: UInt64 = raw.littleEndian(at: 0)
      return (listed, (1..<(dataSize / 8)).map { raw.littleEndian(at: $0 * 8) })
    }
    checkFreeList(count: listed, pages: pages, name: name, page: first)
  }
}
