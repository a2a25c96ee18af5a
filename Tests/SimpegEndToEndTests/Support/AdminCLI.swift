import Foundation
import SimpegAPI
import SimpegTestSupport

/// The real `simpeg-admin` binary (or another of the package's tools, such as `simpeg-load`),
/// run to completion with its own contexts file (in a private folder, through
/// `SIMPEG_ADMIN_CONFIG`) and no `SIMPEG_*` settings from the test's environment.
struct AdminCLI: Sendable {
  /// The folder holding the contexts file and the runs' output.
  let folder: URL
  /// The tool run, a product built next to `simpegd`.
  let tool: String

  /// What one run printed and how it ended.
  struct Run: Sendable {
    let tool: String
    let arguments: [String]
    let status: Int32
    let stdout: String
    let stderr: String

    /// Standard output as a JSON object; fails naming the run when it is not one.
    func object() throws -> [String: Any] {
      guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
        throw SimpegdProcess.Failure(
          "`\(tool) \(arguments.joined(separator: " "))` printed no JSON object:\n\(self)")
      }
      return object
    }

    /// Standard output as JSON lines.
    func lines() throws -> [[String: Any]] {
      try stdout.split(separator: "\n").map {
        guard let object = try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] else {
          throw SimpegdProcess.Failure("a line is not a JSON object: \($0)")
        }
        return object
      }
    }
  }

  /// The tool `name` in the build products folder holding `simpegd`.
  static func binary(_ name: String) throws -> URL {
    let daemon = try SimpegdProcess.binary
    let tool = daemon.deletingLastPathComponent().appendingPathComponent(name)
    guard FileManager.default.isExecutableFile(atPath: tool.path) else {
      throw SimpegdProcess.Failure("\(name) is not built next to simpegd; run `swift build --build-tests`")
    }
    return tool
  }

  /// A client of `tool` with a fresh folder.
  init(tool: String = "simpeg-admin") throws {
    folder = try SimpegdProcess.makeFolder()
    self.tool = tool
  }

  /// The contexts file.
  var contextsFile: URL { folder.appendingPathComponent("contexts.json") }

  /// Runs `tool arguments`, feeding `input` to its standard input, and waits (at most
  /// `timeout`) for it to end.
  @discardableResult
  func run(
    _ arguments: [String], input: String? = nil, environment: [String: String] = [:],
    timeout: Duration = .seconds(120)
  ) async throws -> Run {
    let process = ChildProcess()
    process.executableURL = try Self.binary(tool)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SIMPEG_") }
    env["SIMPEG_ADMIN_CONFIG"] = contextsFile.path
    env["HOME"] = folder.path
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let id = UUID().uuidString.prefix(8)
    let out = folder.appendingPathComponent("run-\(id).out")
    let err = folder.appendingPathComponent("run-\(id).err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let deadline = ContinuousClock.now + timeout
    while process.isRunning {
      guard ContinuousClock.now < deadline else {
        process.terminate()
        throw SimpegdProcess.Failure(
          "`\(tool) \(arguments.joined(separator: " "))` did not end within \(timeout)")
      }
      try await Task.sleep(for: .milliseconds(10))
    }
    return Run(
      tool: tool, arguments: arguments, status: process.terminationStatus,
      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
  }

  /// Logs in as the bootstrap administrator of `daemon` (context `name`) and returns the session
  /// token stored in the contexts file.
  @discardableResult
  func loginAsAdmin(
    to daemon: SimpegdProcess, context name: String = "default", password: String? = nil
  ) async throws -> String {
    let password = try password ?? Self.bootstrapPassword(of: daemon)
    let run = try await run(
      ["login", "admin", "--address", "127.0.0.1:\(daemon.rpcPort)", "--context", name, "--password-stdin"],
      input: password + "\n")
    guard run.status == 0 else { throw SimpegdProcess.Failure("login failed:\n\(run)") }
    return try token(of: name)
  }

  /// The bootstrap administrator's password from the daemon's credentials file.
  static func bootstrapPassword(of daemon: SimpegdProcess) throws -> String {
    let text = try String(
      contentsOf: daemon.dataFolder.appendingPathComponent("bootstrap-admin.txt"), encoding: .utf8)
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("password=") }) else {
      throw SimpegdProcess.Failure("no bootstrap password")
    }
    return String(line.dropFirst("password=".count))
  }

  /// The session token of context `name`.
  func token(of name: String) throws -> String {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: contextsFile)) as? [String: Any]
    let contexts = object?["contexts"] as? [String: [String: Any]]
    guard let token = contexts?[name]?["token"] as? String else {
      throw SimpegdProcess.Failure("context \(name) holds no token")
    }
    return token
  }

  /// Removes the folder.
  func removeFolder() {
    try? FileManager.default.removeItem(at: folder)
  }
}

extension AdminCLI.Run: CustomStringConvertible {
  var description: String {
    "\(tool) \(arguments.joined(separator: " ")) -> \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)"
  }
}

/// Reading JSON values the way protobuf's JSON mapping writes them: 64-bit integers as strings,
/// default values left out.
extension Dictionary where Key == String, Value == Any {
  /// A number written as a number or a string; 0 when absent.
  func integer(_ key: String) -> Int {
    if let number = self[key] as? Int { return number }
    if let text = self[key] as? String, let number = Int(text) { return number }
    return 0
  }

  /// A string; empty when absent.
  func string(_ key: String) -> String { self[key] as? String ?? "" }

  /// A truth value; false when absent.
  func bool(_ key: String) -> Bool { self[key] as? Bool ?? false }

  /// A nested object; empty when absent.
  func object(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }

  /// A list of objects; empty when absent.
  func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}
