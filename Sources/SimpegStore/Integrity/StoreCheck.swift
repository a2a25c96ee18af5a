import Foundation

/// What a check of a data folder or a backup file found.
public struct StoreCheckReport: Codable, Sendable {
  /// The folder or file checked.
  public var target: String
  /// Whether the target is a backup file (else a data folder).
  public var isBackupFile: Bool
  /// Whether a daemon held the folder during the check (then the page walk is skipped and the
  /// records are read through a read transaction beside it).
  public var live: Bool
  /// The store format recorded in the data (format 1 records carry no checksums yet).
  public var storeFormatVersion: UInt64
  /// The last change sequence recorded in the data.
  public var lastSequence: UInt64
  /// Pages read by the page walk, nil when it was skipped.
  public var pagesWalked: Int?
  /// Whether a page the trees reach lies past the end of the file.
  public var truncated: Bool
  /// Faults the page walk found.
  public var structureProblems: [String]
  /// Databases not read because their pages are damaged.
  public var skippedDatabases: [String]
  /// Entries per database read.
  public var databases: [String: Int]
  /// Records verified (checksums, index entries, change records).
  public var recordsChecked: Int
  /// Damaged records found (at most 100 listed).
  public var findings: [StoreCheckFinding]
  /// Damaged records found in all.
  public var findingCount: Int

  /// Whether nothing is wrong.
  public var intact: Bool { structureProblems.isEmpty && findingCount == 0 }
}

/// A full check of a store's data folder or a backup file: the page walk (when nothing else has
/// the file open), then every record of every database through LMDB: each record's checksum,
/// each index entry's row, each change record.
///
/// Run it in a process of its own (`simpeg-admin check` and `backup verify` do): the page walk
/// keeps LMDB away from pages it finds damaged, but a folder a daemon holds cannot be page-walked
/// consistently, and a damaged tree met there through LMDB can end the process. Keep the check
/// out of the daemon so that such damage ends the checker, and the report says where it was.
public enum StoreCheck {
  /// Checks the data folder at `folder`. `progress` gets each database's name as the walk
  /// reaches it (the last one named is where a crash happened).
  public static func run(folder: String, progress: (String) -> Void = { _ in }) throws -> StoreCheckReport {
    let dataPath = folder + "/" + OpeningChecks.dataFileName
    guard FileManager.default.fileExists(atPath: dataPath) else {
      throw StoreError(.storeMissing, "\(folder) holds no data file (\(OpeningChecks.dataFileName))")
    }
    guard let lock = try lockIfFree(folder) else {
      return try check(folder: folder, dataPath: dataPath, offline: false, progress: progress)
    }
    defer { lock.release() }
    return try check(folder: folder, dataPath: dataPath, offline: true, progress: progress)
  }

  /// The folder's lock when no daemon holds it; nil when one does.
  private static func lockIfFree(_ folder: String) throws -> FolderLock? {
    do {
      return try FolderLock.acquire(folder: folder)
    } catch {
      if error.kind == .folderInUse { return nil }
      throw error
    }
  }

  private static func check(folder: String, dataPath: String, offline: Bool, progress: (String) -> Void)
    throws
    -> StoreCheckReport
  {
    var report = StoreCheckReport(
      target: folder, isBackupFile: false, live: !offline, storeFormatVersion: 0, lastSequence: 0,
      pagesWalked: nil, truncated: false, structureProblems: [], skippedDatabases: [], databases: [:],
      recordsChecked: 0, findings: [], findingCount: 0)
    var skipping: Set<String> = []
    if offline {
      progress("pages")
      let header = try DataFileHeader.read(path: dataPath, describing: "the data file \(dataPath)")
      let walk = try DataFileWalk.run(path: dataPath, header: header, maxProblems: 100)
      record(walk, into: &report, skipping: &skipping)
      if skipping.contains("main") { return report }
    }
    let reader = try BackupReader(folder: folder)
    try read(reader, into: &report, skipping: skipping, progress: progress)
    return report
  }

  /// Checks the backup file at `file`.
  public static func run(backupFile file: String, progress: (String) -> Void = { _ in }) throws
    -> StoreCheckReport
  {
    var report = StoreCheckReport(
      target: file, isBackupFile: true, live: false, storeFormatVersion: 0, lastSequence: 0, pagesWalked: nil,
      truncated: false, structureProblems: [], skippedDatabases: [], databases: [:], recordsChecked: 0,
      findings: [], findingCount: 0)
    progress("pages")
    let (reader, walk) = try BackupReader.open(backupFile: file)
    var skipping: Set<String> = []
    record(walk, into: &report, skipping: &skipping)
    if skipping.contains("main") { return report }
    try read(reader, into: &report, skipping: skipping, progress: progress)
    return report
  }

  private static func record(
    _ walk: DataFileWalk.Report, into report: inout StoreCheckReport, skipping: inout Set<String>
  ) {
    report.pagesWalked = walk.pagesRead
    report.truncated = walk.truncated
    report.structureProblems = walk.problems.map(\.description)
    skipping = Set(walk.problems.map(\.database))
    if skipping.contains("free") { skipping.remove("free") }  // the free tree is not read by the record walk
    report.skippedDatabases = skipping.sorted()
  }

  private static func read(
    _ reader: BackupReader, into report: inout StoreCheckReport, skipping: Set<String>,
    progress: (String) -> Void
  ) throws {
    let contents = try reader.contents(walk: true, check: true, skipping: skipping, progress: progress)
    report.storeFormatVersion = contents.formatVersion
    report.lastSequence = contents.lastSequence
    report.databases = contents.databases.mapValues(\.walked)
    report.recordsChecked = contents.recordsChecked
    report.findings = contents.findings
    report.findingCount = contents.findingCount
  }
}
