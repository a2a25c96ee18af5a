import Foundation
import SimpegAPI
import SimpegTestSupport

/// The real `simpegd` binary, started for one test in a temporary working folder on free
/// loopback ports (`--listen 127.0.0.1:0`), with stdout and stderr captured to files.
final class SimpegdProcess: @unchecked Sendable {
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
    let process = ChildProcess()
    process.executableURL = try binary
    process.currentDirectoryURL = folder
    var listen = ["--listen", address]
    listen += metrics ? ["--metrics-listen", "127.0.0.1:0"] : ["--metrics-listen", "off"]
    process.arguments = listen + arguments
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SIMPEG_") }
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let run = UUID().uuidString.prefix(8)
    let stdoutFile = folder.appendingPathComponent("simpegd-\(run).out")
    let stderrFile = folder.appendingPathComponent("simpegd-\(run).err")
    _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
    process.standardError = try FileHandle(forWritingTo: stderrFile)
    try process.run()
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if let line = try? String(contentsOf: stdoutFile, encoding: .utf8)
        .split(separator: "\n").first,
        let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
        json["event"] == "ready", let rpc = json["rpc"]
      {
        let port = Int(rpc.split(separator: ":").last ?? "") ?? 0
        let metricsPort = json["metrics"].flatMap { Int($0.split(separator: ":").last ?? "") }
        return SimpegdProcess(
          folder: folder, process: process, rpcPort: port, metricsPort: metricsPort,
          stdoutFile: stdoutFile, stderrFile: stderrFile)
      }
      if !process.isRunning {
        let log = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        throw Failure("simpegd exited with \(process.terminationStatus) before it was ready:\n\(log)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    process.terminate()
    throw Failure("simpegd was not ready within \(timeout)")
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
        throw Failure("simpegd did not exit within \(timeout)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    return process.terminationStatus
  }

  /// Stops the daemon with SIGTERM and waits for it; kills it if it does not stop.
  func stop() async {
    guard process.isRunning else { return }
    signal(SIGTERM)
    _ = try? await waitForExit()
  }

  /// Removes the working folder, killing the daemon first if a test left it running (every test
  /// defers this, so no daemon outlives its test even when the test fails or forgets to stop it).
  func removeFolder() {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      for _ in 0..<500 where process.isRunning { usleep(10_000) }  // at most 5 s
    }
    try? FileManager.default.removeItem(at: folder)
  }
}
