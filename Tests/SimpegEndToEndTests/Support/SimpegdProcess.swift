import Foundation
import SimpegAPI
import SimpegRPC
import SimpegTestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real `simpegd` binary, started for one test in a temporary working folder on free
/// loopback ports (`--listen 127.0.0.1:0`), with stdout and stderr captured to files.
final class SimpegdProcess: ServedProcess, @unchecked Sendable {
  static let programName = "simpegd"
  // @unchecked: `process` is only touched by the test that owns this value, one call at a time;
  // ChildProcess itself is thread-safe for terminate/isRunning.
  let folder: URL
  let process: ChildProcess
  let rpcPort: Int
  let metricsPort: Int?
  let stdoutFile: URL
  let stderrFile: URL

  /// The build products folder holding `simpegd` (next to the test bundle).
  static var binary: URL {
    get throws {
      var folder = Bundle.main.bundleURL
      for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("simpegd")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
      }
      throw Failure("simpegd is not built next to the tests; run `swift build --build-tests` first")
    }
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }

  /// A fresh temporary folder for a daemon's working directory.
  static func makeFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("simpegd-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// Starts simpegd in `folder` (its data folder defaults to `folder/simpeg-data`) on `listen`
  /// (a free port by default) and waits (at most `timeout`) for its ready line.
  static func start(
    in folder: URL? = nil, arguments: [String] = [], environment: [String: String] = [:],
    metrics: Bool = true, listen address: String = "127.0.0.1:0", timeout: Duration = .seconds(120)
  ) async throws -> SimpegdProcess {
    let folder = try folder ?? makeFolder()
    var listen = ["--listen", address]
    listen += metrics ? ["--metrics-listen", "127.0.0.1:0"] : ["--metrics-listen", "off"]
    let server = try await LaunchedServer.launch(
      try binary, name: "simpegd", arguments: listen + arguments, environment: environment, in: folder,
      timeout: timeout)
    return SimpegdProcess(
      folder: folder, process: server.process, rpcPort: server.port("rpc") ?? 0,
      metricsPort: server.port("metrics"), stdoutFile: server.stdoutFile, stderrFile: server.stderrFile)
  }

  private init(
    folder: URL, process: ChildProcess, rpcPort: Int, metricsPort: Int?, stdoutFile: URL,
    stderrFile: URL
  ) {
    self.folder = folder
    self.process = process
    self.rpcPort = rpcPort
    self.metricsPort = metricsPort
    self.stdoutFile = stdoutFile
    self.stderrFile = stderrFile
  }

  /// The data folder.
  var dataFolder: URL { folder.appendingPathComponent("simpeg-data") }

  /// What simpegd logged so far.
  var log: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

  /// A client of this daemon, with `token` as its session if given.
  func client(token: String? = nil, apiKey: String? = nil) throws -> RPCClient {
    var configuration = ClientConfiguration()
    // Generous, since the tests share two cores with several daemons.
    configuration.connectTimeout = .seconds(60)
    if let token { configuration.defaultMetadata.add("authorization", "Bearer \(token)") }
    if let apiKey { configuration.defaultMetadata.add("authorization", "ApiKey \(apiKey)") }
    return try RPCClient(host: "127.0.0.1", port: rpcPort, configuration: configuration)
  }

  /// Removes the working folder, killing the daemon first if a test left it running (every test
  /// defers this, so no daemon outlives its test even when the test fails or forgets to stop it).
  func removeFolder() {
    killIfRunning()
    try? FileManager.default.removeItem(at: folder)
  }
}

extension SimpegdProcess {
  /// The Prometheus text of the metrics endpoint (the daemon must have been started with metrics).
  func metricsText() async throws -> String {
    guard let metricsPort else { throw Failure("this daemon was started without its metrics endpoint") }
    let url = URL(string: "http://127.0.0.1:\(metricsPort)/metrics")!
    let (data, _) = try await URLSession.shared.data(from: url)
    return String(decoding: data, as: UTF8.self)
  }
}
