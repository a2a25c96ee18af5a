import Foundation
import SimpegTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A server the tests start as a child process (simpegd, simpeg-web): started with its output
/// in files, ready once it prints its JSON ready line, stopped with a signal.
protocol ServedProcess {
  /// The child.
  var process: ChildProcess { get }
  /// The program's name, for messages.
  static var programName: String { get }
}

/// A server started and ready: the child, its ready line's fields and its output files.
struct LaunchedServer {
  let process: ChildProcess
  let ready: [String: String]
  let stdoutFile: URL
  let stderrFile: URL

  /// The port of a `host:port` field of the ready line.
  func port(_ field: String) -> Int? {
    ready[field].flatMap { Int($0.split(separator: ":").last ?? "") }
  }

  /// Starts `executable` in `folder` with `arguments` and `environment` (no `SIMPEG_*` of the
  /// test's own) and waits (at most `timeout`) for its ready line.
  static func launch(
    _ executable: URL, name: String, arguments: [String], environment: [String: String], in folder: URL,
    timeout: Duration
  ) async throws -> LaunchedServer {
    let process = ChildProcess()
    process.executableURL = executable
    process.currentDirectoryURL = folder
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SIMPEG_") }
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let run = UUID().uuidString.prefix(8)
    let stdoutFile = folder.appendingPathComponent("\(name)-\(run).out")
    let stderrFile = folder.appendingPathComponent("\(name)-\(run).err")
    _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
    process.standardError = try FileHandle(forWritingTo: stderrFile)
    try process.run()
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if let line = try? String(contentsOf: stdoutFile, encoding: .utf8).split(separator: "\n").first,
        let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
        json["event"] == "ready"
      {
        return LaunchedServer(process: process, ready: json, stdoutFile: stdoutFile, stderrFile: stderrFile)
      }
      if !process.isRunning {
        let log = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        throw SimpegdProcess.Failure(
          "\(name) exited with \(process.terminationStatus) before it was ready:\n\(log)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    process.terminate()
    throw SimpegdProcess.Failure("\(name) was not ready within \(timeout)")
  }
}

extension ServedProcess {
  /// Sends `signal` (SIGTERM by default).
  func signal(_ signal: Int32 = SIGTERM) {
    kill(process.processIdentifier, signal)
  }

  /// Waits (at most `timeout`) for the process to exit and returns its status.
  func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32 {
    let deadline = ContinuousClock.now + timeout
    while process.isRunning {
      guard ContinuousClock.now < deadline else {
        kill(process.processIdentifier, SIGKILL)
        throw SimpegdProcess.Failure("\(Self.programName) did not exit within \(timeout)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    return process.terminationStatus
  }

  /// Stops it with SIGTERM and waits; kills it if it does not stop.
  func stop() async {
    guard process.isRunning else { return }
    signal(SIGTERM)
    _ = try? await waitForExit()
  }

  /// Kills it if a test left it running (every test defers a clean-up that does this).
  func killIfRunning() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    for _ in 0..<500 where process.isRunning { usleep(10_000) }  // at most 5 s
  }
}
