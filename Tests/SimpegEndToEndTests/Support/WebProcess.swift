import Foundation
import SimpegTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The real `simpeg-web` binary, started for one test in front of a running simpegd, on free
/// loopback ports (`--listen 127.0.0.1:0`), with its output captured to files.
final class WebProcess: @unchecked Sendable {
  // @unchecked: `process` is only touched by the test that owns this value, one call at a time;
  // ChildProcess itself is thread-safe for terminate/isRunning.
  let folder: URL
  let process: ChildProcess
  let httpPort: Int
  let metricsPort: Int?
  let stderrFile: URL
  /// `http://127.0.0.1:PORT` (or `https://` when started with TLS).
  let baseURL: String

  /// Starts simpeg-web in `folder` in front of simpegd's `upstreamPort`, with `arguments`
  /// added, and waits (at most `timeout`) for its ready line.
  static func start(
    upstreamPort: Int, in folder: URL, arguments: [String] = [], environment: [String: String] = [:],
    tls: Bool = false, timeout: Duration = .seconds(120)
  ) async throws -> WebProcess {
    let process = ChildProcess()
    process.executableURL = try AdminCLI.binary("simpeg-web")
    process.currentDirectoryURL = folder
    process.arguments =
      [
        "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0", "--upstream",
        "127.0.0.1:\(upstreamPort)",
      ] + arguments
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SIMPEG_") }
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let run = UUID().uuidString.prefix(8)
    let stdoutFile = folder.appendingPathComponent("simpeg-web-\(run).out")
    let stderrFile = folder.appendingPathComponent("simpeg-web-\(run).err")
    _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
    process.standardError = try FileHandle(forWritingTo: stderrFile)
    try process.run()
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if let line = try? String(contentsOf: stdoutFile, encoding: .utf8).split(separator: "\n").first,
        let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
        json["event"] == "ready", let http = json["http"],
        let port = Int(http.split(separator: ":").last ?? "")
      {
        let metricsPort = json["metrics"].flatMap { Int($0.split(separator: ":").last ?? "") }
        return WebProcess(
          folder: folder, process: process, httpPort: port, metricsPort: metricsPort,
          stderrFile: stderrFile, baseURL: "\(tls ? "https" : "http")://127.0.0.1:\(port)")
      }
      if !process.isRunning {
        let log = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        throw SimpegdProcess.Failure(
          "simpeg-web exited with \(process.terminationStatus) before it was ready:\n\(log)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    process.terminate()
    throw SimpegdProcess.Failure("simpeg-web was not ready within \(timeout)")
  }

  private init(
    folder: URL, process: ChildProcess, httpPort: Int, metricsPort: Int?, stderrFile: URL, baseURL: String
  ) {
    self.folder = folder
    self.process = process
    self.httpPort = httpPort
    self.metricsPort = metricsPort
    self.stderrFile = stderrFile
    self.baseURL = baseURL
  }

  /// What simpeg-web logged so far.
  var log: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

  /// A curl client of this gateway (without cookies); `options` go to every request.
  func curl(options: [String] = []) -> Curl {
    Curl(baseURL: baseURL, folder: folder, options: options)
  }

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
        throw SimpegdProcess.Failure("simpeg-web did not exit within \(timeout)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    return process.terminationStatus
  }

  /// Stops the gateway with SIGTERM and waits for it; kills it if it does not stop.
  func stop() async {
    guard process.isRunning else { return }
    signal(SIGTERM)
    _ = try? await waitForExit()
  }

  /// Kills a gateway a test left running (every test defers this).
  func killIfRunning() {
    guard process.isRunning else { return }
    Glibc.kill(process.processIdentifier, SIGKILL)
    for _ in 0..<500 where process.isRunning { usleep(10_000) }
  }
}
