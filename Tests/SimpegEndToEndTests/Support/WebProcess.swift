import Foundation
import SimpegTestSupport

/// The real `simpeg-web` binary, started for one test in front of a running simpegd, on free
/// loopback ports (`--listen 127.0.0.1:0`), with its output captured to files.
final class WebProcess: ServedProcess, @unchecked Sendable {
  static let programName = "simpeg-web"
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
    let server = try await LaunchedServer.launch(
      try AdminCLI.binary("simpeg-web"), name: "simpeg-web",
      arguments: [
        "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0", "--upstream",
        "127.0.0.1:\(upstreamPort)",
      ] + arguments, environment: environment, in: folder, timeout: timeout)
    let port = server.port("http") ?? 0
    return WebProcess(
      folder: folder, process: server.process, httpPort: port, metricsPort: server.port("metrics"),
      stderrFile: server.stderrFile, baseURL: "\(tls ? "https" : "http")://127.0.0.1:\(port)")
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
}
