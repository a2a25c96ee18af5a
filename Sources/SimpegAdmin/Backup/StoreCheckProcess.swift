import Foundation
import SimpegStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Checks of a data folder or a backup file, run in a child process so that damage the check
/// meets can end only that process.
///
/// The parent (`simpeg-admin check`, `backup verify`, `restore`) starts its own executable with
/// the hidden subcommand ``workerCommand``; the child runs the check and writes one JSON object a
/// line on standard output: `{"progress": NAME}` as it reaches each database, then one
/// `{"report": ...}`, `{"verified": MANIFEST}` or `{"failure": {...}}`. If the child dies of a
/// signal instead (a damaged tree it followed through LMDB), the parent reports that as damage,
/// naming the database it was reading.
public enum StoreCheckProcess {
  /// The hidden subcommand the child runs.
  public static let workerCommand = "check-worker"

  /// What to check.
  public enum Target: Sendable, Hashable {
    /// A store's data folder (its daemon may be running).
    case folder(String)
    /// A backup file, checked alone.
    case backupFile(String)
    /// A backup file verified against its manifest (size, SHA-256, every database and record).
    case verifyBackup(String)

    /// The worker's arguments for this target.
    var arguments: [String] {
      switch self {
      case .folder(let path): return ["folder", path]
      case .backupFile(let path): return ["backup", path]
      case .verifyBackup(let path): return ["verify", path]
      }
    }

    /// Reads the worker's arguments back.
    public init?(arguments: [String]) {
      guard arguments.count == 2 else { return nil }
      switch arguments[0] {
      case "folder": self = .folder(arguments[1])
      case "backup": self = .backupFile(arguments[1])
      case "verify": self = .verifyBackup(arguments[1])
      default: return nil
      }
    }
  }

  /// What the child found.
  public enum Outcome: Sendable {
    /// A check's report (of a folder or a backup file).
    case report(StoreCheckReport)
    /// A backup that matches its manifest.
    case verified(BackupManifest)
  }

  private struct Line: Codable {
    var progress: String?
    var report: StoreCheckReport?
    var verified: BackupManifest?
    var failure: Failure?
  }

  private struct Failure: Codable {
    var status: Int32
    var message: String
    var hint: String?
  }

  // MARK: The child

  /// Runs the check in this process (the child) and writes its lines to standard output;
  /// returns the exit status.
  public static func runWorker(_ target: Target) -> Int32 {
    func emit(_ line: Line) {
      let encoder = JSONEncoder()
      encoder.dateEncodingStrategy = .iso8601
      encoder.outputFormatting = [.sortedKeys]
      guard let data = try? encoder.encode(line) else { return }
      FileHandle.standardOutput.write(data + Data([0x0A]))
    }
    let progress: (String) -> Void = { emit(Line(progress: $0)) }
    do {
      switch target {
      case .folder(let path):
        emit(Line(report: try StoreCheck.run(folder: path, progress: progress)))
      case .backupFile(let path):
        emit(Line(report: try StoreCheck.run(backupFile: path, progress: progress)))
      case .verifyBackup(let path):
        progress("verify")
        emit(Line(verified: try BackupFiles.verifyInProcess(path)))
      }
      return 0
    } catch let failure as AdminFailure {
      emit(
        Line(failure: Failure(status: failure.status.rawValue, message: failure.message, hint: failure.hint)))
      return failure.status.rawValue
    } catch let error as StoreError {
      let status: ExitStatus =
        [.storeMissing, .io].contains(error.kind) ? .failed : .verificationFailed
      emit(Line(failure: Failure(status: status.rawValue, message: error.message, hint: nil)))
      return status.rawValue
    } catch {
      emit(Line(failure: Failure(status: ExitStatus.failed.rawValue, message: "\(error)", hint: nil)))
      return ExitStatus.failed.rawValue
    }
  }

  // MARK: The parent

  /// The running executable, which the child is started from.
  public static var currentExecutable: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// Starts `executable` as the worker for `target`, relays its progress and returns what it
  /// found; a child that died of a signal is reported as damage where it was reading.
  public static func run(
    _ target: Target, executable: String = currentExecutable,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) async throws -> Outcome {
    try await withCheckedThrowingContinuation { continuation in
      NamedThread.start("admin-check") {
        continuation.resume(
          with: Result { try runBlocking(target, executable: executable, progress: progress) })
      }
    }
  }

  private static func runBlocking(
    _ target: Target, executable: String, progress: (String) -> Void
  ) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = [workerCommand] + target.arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    do {
      try process.run()
    } catch {
      throw AdminFailure(.failed, "cannot start the check process \(executable): \(error)")
    }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    var outcome: Outcome?
    var failure: Failure?
    var reading = "the start"
    var pending = Data()
    let handle = output.fileHandleForReading
    while true {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      pending.append(chunk)
      while let newline = pending.firstIndex(of: 0x0A) {
        let lineData = pending[pending.startIndex..<newline]
        pending.removeSubrange(pending.startIndex...newline)
        guard let line = try? decoder.decode(Line.self, from: lineData) else { continue }
        if let name = line.progress {
          reading = name
          progress(name)
        }
        if let report = line.report { outcome = .report(report) }
        if let manifest = line.verified { outcome = .verified(manifest) }
        if let value = line.failure { failure = value }
      }
    }
    process.waitUntilExit()
    if process.terminationReason == .uncaughtSignal {
      let signal = process.terminationStatus
      let name = String(cString: strsignal(signal))
      throw AdminFailure(
        .verificationFailed,
        "the check process died of signal \(signal) (\(name)) while reading \(reading): the data there is "
          + "damaged in a way LMDB cannot read safely",
        hint: "restore the latest intact backup into a new folder (simpeg-admin restore FILE --data NEW)")
    }
    if let failure {
      throw AdminFailure(ExitStatus(rawValue: failure.status) ?? .failed, failure.message, hint: failure.hint)
    }
    guard let outcome else {
      throw AdminFailure(
        .failed, "the check process ended (status \(process.terminationStatus)) without a result")
    }
    return outcome
  }
}
