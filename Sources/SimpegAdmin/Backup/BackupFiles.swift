import Foundation
import SimpegStore

/// The files of a backup, `FILE` and its manifest `FILE.manifest.json`, and the offline
/// operations on them: inspect, verify, restore. None of them needs the daemon.
public enum BackupFiles {
  /// The manifest's path for the backup at `file`.
  public static func manifestPath(for file: String) -> String { file + ".manifest.json" }

  /// The path a backup is written to until it is complete.
  public static func partialPath(for file: String) -> String { file + ".partial" }

  /// The manifest stored beside `file`, nil when there is none.
  public static func storedManifest(for file: String) throws -> BackupManifest? {
    let path = manifestPath(for: file)
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    do {
      return try BackupManifest.decode(json: Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw AdminFailure(
        .verificationFailed, "the manifest \(path) cannot be read: \(error)",
        hint: "it is damaged; do not trust this backup, take a new one")
    }
  }

  /// The manifest of `file`: the stored one, or (when `computeIfMissing`) one computed from the
  /// file alone. The flag says whether it was stored.
  public static func manifest(for file: String, computeIfMissing: Bool) throws -> (
    manifest: BackupManifest, stored: Bool
  ) {
    try requireFile(file)
    if let manifest = try storedManifest(for: file) { return (manifest, true) }
    guard computeIfMissing else {
      throw AdminFailure(
        .verificationFailed, "\(manifestPath(for: file)) is missing: a backup cannot be verified without it",
        hint: "`simpeg-admin backup` writes both; a file without its manifest may be incomplete")
    }
    do {
      return (try StoreBackup.manifest(ofFile: file), false)
    } catch let error as StoreError {
      throw AdminFailure(.verificationFailed, "\(file) is not a whole backup: \(error.message)")
    }
  }

  /// Checks `file` against its manifest in a child process started from `executable` (see
  /// ``StoreCheckProcess``), or in this process when `executable` is nil: size, SHA-256, then
  /// every page and record. Throws a failure with status 7 when it does not match, or when the
  /// check met damage that ended its process.
  @discardableResult
  public static func verify(
    _ file: String, executable: String? = StoreCheckProcess.currentExecutable,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) async throws -> BackupManifest {
    guard let executable else { return try verifyInProcess(file) }
    guard
      case .verified(let manifest) = try await StoreCheckProcess.run(
        .verifyBackup(file), executable: executable, progress: progress)
    else { throw AdminFailure(.failed, "the check process answered a verification with a report") }
    return manifest
  }

  /// Checks `file` against its manifest in this process: size, SHA-256, then every page and
  /// record. Throws a failure with status 7 when it does not match. (The commands call
  /// ``verify(_:executable:progress:)``, which runs this in a child process.)
  @discardableResult
  public static func verifyInProcess(_ file: String) throws -> BackupManifest {
    let manifest = try manifest(for: file, computeIfMissing: false).manifest
    do {
      try StoreBackup.verify(file: file, against: manifest)
    } catch let error as StoreError {
      throw AdminFailure(
        .verificationFailed, "backup verification failed: \(error.message)",
        hint: "do not restore this file; take a new backup with `simpeg-admin backup FILE`")
    }
    return manifest
  }

  /// Restores `file` into the folder `data`, which must be new or empty; verifies first, in a
  /// child process started from `executable` (in this process when it is nil).
  @discardableResult
  public static func restore(
    _ file: String, into data: String, executable: String? = StoreCheckProcess.currentExecutable
  ) async throws -> BackupManifest {
    let manifest = try await verify(file, executable: executable)
    do {
      try StoreBackup.restore(file: file, manifest: manifest, into: data, verify: false)
    } catch let error as StoreError where error.kind == .restoreTargetNotEmpty {
      throw AdminFailure(
        .refused, error.message,
        hint: "give a new or empty folder; restore never overwrites a daemon's data")
    } catch let error as StoreError {
      throw AdminFailure(.failed, "restore failed: \(error.message)")
    }
    return manifest
  }

  /// Refuses a path that is not a file.
  static func requireFile(_ file: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
      throw AdminFailure(.notFound, "\(file) does not exist")
    }
    guard !isDirectory.boolValue else { throw AdminFailure(.usage, "\(file) is a folder, not a backup file") }
  }
}
