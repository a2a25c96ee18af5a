import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Offline operations on backup files: compute a manifest, verify, restore.
///
/// A backup file is a plain LMDB data file (a compacted copy), so `mdb_dump -n FILE` and
/// `mdb_stat -n FILE` read it directly, and a restored folder opens as a normal store.
public enum StoreBackup {
  /// Computes the manifest of a backup file from the file alone: its size and SHA-256, and the
  /// versions and per-database counts read by opening it read-only.
  ///
  /// Throws ``StoreError/Kind/backupTruncated`` or ``StoreError/Kind/backupCorrupted`` when the
  /// file is not a whole LMDB file.
  public static func manifest(ofFile path: String, createdAt: Date = Date()) throws -> BackupManifest {
    let sha = try BackupFile.sha256(path)
    let size = try BackupFile.size(path)
    let contents = try BackupReader(path: path).contents(walk: false)
    return BackupManifest(
      storeFormatVersion: contents.formatVersion, schemaVersion: contents.schemaVersion,
      lastSequence: contents.lastSequence, entries: contents.databases.mapValues(\.recorded),
      sizeBytes: size, sha256: sha, createdAt: createdAt, storeID: contents.storeID.map(StoreIdentity.hex))
  }

  /// Checks a backup file against its manifest: size, then SHA-256, then (opened read-only) every
  /// database walked entry by entry, its count and the recorded versions and sequence.
  ///
  /// Throws ``StoreError/Kind/backupTruncated`` for a short file, ``StoreError/Kind/backupCorrupted``
  /// for a hash mismatch or damage LMDB finds, ``StoreError/Kind/backupMismatch`` when the content
  /// differs from the manifest. The hash is checked before LMDB maps the file.
  public static func verify(file path: String, against manifest: BackupManifest) throws {
    let size = try BackupFile.size(path)
    if size < manifest.sizeBytes {
      throw StoreError(
        .backupTruncated,
        "backup \(path) is \(size) bytes but its manifest says \(manifest.sizeBytes); the copy is incomplete")
    }
    if size > manifest.sizeBytes {
      throw StoreError(
        .backupCorrupted,
        "backup \(path) is \(size) bytes but its manifest says \(manifest.sizeBytes); it is not this backup")
    }
    let sha = try BackupFile.sha256(path)
    guard sha == manifest.sha256.lowercased() else {
      throw StoreError(
        .backupCorrupted,
        "backup \(path) has SHA-256 \(sha) but its manifest says \(manifest.sha256); the file is damaged "
          + "or altered, do not restore it")
    }
    let contents = try BackupReader(path: path).contents(walk: true, check: true)
    for (name, count) in contents.databases where count.walked != count.recorded {
      throw StoreError(
        .backupCorrupted,
        "backup \(path): database \(name) records \(count.recorded) entries but a walk finds \(count.walked)")
    }
    try requireNoFindings(contents, path: path)
    let found = contents.databases.mapValues(\.walked)
    if found != manifest.entries {
      let names = Set(found.keys).union(manifest.entries.keys).sorted()
      let differences = names.filter { found[$0] != manifest.entries[$0] }.map {
        "\($0): file \(found[$0].map(String.init) ?? "absent"), manifest \(manifest.entries[$0].map(String.init) ?? "absent")"
      }
      throw StoreError(
        .backupMismatch, "backup \(path) differs from its manifest: \(differences.joined(separator: "; "))")
    }
    guard contents.lastSequence == manifest.lastSequence, contents.schemaVersion == manifest.schemaVersion,
      contents.formatVersion == manifest.storeFormatVersion
    else {
      throw StoreError(
        .backupMismatch,
        "backup \(path) records sequence \(contents.lastSequence), schema \(contents.schemaVersion), format "
          + "\(contents.formatVersion); its manifest says \(manifest.lastSequence), \(manifest.schemaVersion), "
          + "\(manifest.storeFormatVersion)")
    }
  }

  /// Restores a backup file into `folder`, which must not exist or be empty; the result opens as a
  /// normal store with ``Store/open(at:configuration:schema:logger:)``.
  ///
  /// Verifies first (against `manifest` when given, otherwise by opening and walking the file),
  /// then copies it to `data.mdb` through a temporary name and flushes it, so an interrupted
  /// restore never leaves a folder that looks complete. Never overwrites anything: a folder that
  /// holds any file fails with ``StoreError/Kind/restoreTargetNotEmpty``.
  ///
  /// `verify: false` skips the verification, for a caller that has just verified the file itself
  /// (in a separate process, say).
  public static func restore(
    file path: String, manifest: BackupManifest?, into folder: String, verify: Bool = true
  ) throws {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw StoreError(.restoreTargetNotEmpty, "restore target \(folder) is a file; give an empty folder")
      }
      let entries = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
      guard entries.isEmpty else {
        throw StoreError(
          .restoreTargetNotEmpty,
          "restore target \(folder) is not empty (\(entries.count) entries); restore only into an empty or "
            + "new folder, existing data is never overwritten")
      }
    }
    if !verify {
      // Verified by the caller.
    } else if let manifest {
      try Self.verify(file: path, against: manifest)
    } else {
      let contents = try BackupReader(path: path).contents(walk: true, check: true)
      for (name, count) in contents.databases where count.walked != count.recorded {
        throw StoreError(
          .backupCorrupted,
          "backup \(path): database \(name) records \(count.recorded) entries, walk finds \(count.walked)")
      }
      try requireNoFindings(contents, path: path)
    }
    do {
      try manager.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
    } catch {
      throw StoreError(.io, "cannot create restore target \(folder): \(error)")
    }
    let partial = folder + "/data.mdb.partial"
    try copyFile(from: path, to: partial)
    guard rename(partial, folder + "/data.mdb") == 0 else {
      throw StoreError.system("cannot rename restored file in", path: folder)
    }
    let directory = open(folder, O_RDONLY | O_CLOEXEC)
    if directory >= 0 {
      _ = fsync(directory)
      close(directory)
    }
    // The restored folder carries the backup's store identity, so it is known for what it is.
    let contents = try BackupReader(path: folder + "/" + OpeningChecks.dataFileName).contents(walk: false)
    if let id = contents.storeID, id.count == 16 {
      try StoreIdentity(storeID: StoreIdentity.hex(id), lastSequence: contents.lastSequence).write(
        folder: folder)
    }
  }

  /// Throws ``StoreError/Kind/backupCorrupted`` naming the damaged records a checked walk found.
  private static func requireNoFindings(_ contents: BackupReader.Contents, path: String) throws(StoreError) {
    guard contents.findingCount > 0 else { return }
    let listed = contents.findings.prefix(3).map { "\($0.database) key \($0.key): \($0.problem)" }
    throw StoreError(
      .backupCorrupted,
      "backup \(path) holds \(contents.findingCount) damaged records (\(listed.joined(separator: "; "))); do not "
        + "restore it, take a new backup")
  }

  private static func copyFile(from source: String, to target: String) throws(StoreError) {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else { throw StoreError.system("cannot open backup", path: source) }
    defer { close(input) }
    let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
    guard output >= 0 else { throw StoreError.system("cannot create", path: target) }
    defer { close(output) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw StoreError.system("cannot read backup", path: source)
      }
      if count == 0 { break }
      try writeAll(output, buffer, count: count, path: target)
    }
    guard fsync(output) == 0 else { throw StoreError.system("cannot flush", path: target) }
  }
}

/// Writes the first `count` bytes of `buffer` to `fd`, retrying short writes.
func writeAll(_ fd: Int32, _ buffer: [UInt8], count: Int, path: String) throws(StoreError) {
  var written = 0
  while written < count {
    let result = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + written, count - written) }
    if result < 0 {
      if errno == EINTR { continue }
      throw StoreError.system("cannot write", path: path)
    }
    written += result
  }
}
