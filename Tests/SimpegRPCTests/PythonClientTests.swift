import Foundation
import SimpegAPI
import SimpegEcho
import SimpegRPC
import SimpegTestSupport
import Testing

/// The Swift server driven by the reference Python client (`Tools/python`), which is written
/// from Schema/PROTOCOL.md alone: each test runs its command line against a server on a free
/// port and checks what it prints and its exit status (64 + the status code on error).
@Suite struct PythonClientTests {
  @Test func unaryCallEchoesTheText() async throws {
    try await withTestServer(services: services) { server in
      let run = try await PythonClient.run(port: server.port, ["echo", "--text", "selamat pagi"])
      #expect(run.status == 0, "\(run)")
      #expect(run.stdout == "selamat pagi\n")
    }
  }

  @Test func serverStreamingDeliversEveryResponseInOrderWithCredit() async throws {
    // 60 responses of 10 KiB: far past the 64 KiB window the client announces, so the server
    // stalls unless the client returns credit as PROTOCOL.md says.
    try await withTestServer(services: services) { server in
      let run = try await PythonClient.run(
        port: server.port,
        ["--timeout", "30", "expand", "--text", "kata", "--count", "60", "--payload-size", "10240"])
      #expect(run.status == 0, "\(run)")
      #expect(run.lines == (0..<60).map { "\($0)\tkata\t10240 bytes" })
    }
  }

  @Test func clientStreamingWaitsForTheServersCredit() async throws {
    // 12 requests of 20 KiB: more than the server's 64 KiB window, so it must grant credit.
    let words = (0..<12).map { "w\($0)" }
    try await withTestServer(services: services) { server in
      let run = try await PythonClient.run(
        port: server.port, ["--timeout", "30", "collect", "--payload-size", "20480"] + words)
      #expect(run.status == 0, "\(run)")
      #expect(run.stdout == words.joined(separator: " ") + "\n")
    }
  }

  @Test func unknownMethodSurfacesUnimplemented() async throws {
    try await withTestServer(services: services) { server in
      let run = try await PythonClient.run(
        port: server.port, ["call", "simpeg.echo.v1.EchoService/Missing"])
      #expect(run.status == 64 + 12, "\(run)")
      #expect(run.stderr.contains("UNIMPLEMENTED"), "\(run)")
      #expect(run.stderr.contains("simpeg.echo.v1.EchoService/Missing"), "\(run)")
      #expect(run.stdout.isEmpty)
    }
  }

  @Test func deadlineShorterThanTheHandlerIsExceeded() async throws {
    try await withTestServer(services: services) { server in
      let run = try await PythonClient.run(
        port: server.port,
        ["--timeout", "0.3", "echo", "--text", "terlambat", "--delay-millis", "10000"])
      #expect(run.status == 64 + 4, "\(run)")
      #expect(run.stderr.contains("DEADLINE_EXCEEDED"), "\(run)")
      #expect(run.stdout.isEmpty)
    }
  }

  @Test func healthCheckReportsServingAndUnknownServices() async throws {
    try await withTestServer(services: services) { server in
      let serving = try await PythonClient.run(port: server.port, ["health"])
      #expect(serving.status == 0, "\(serving)")
      #expect(serving.stdout == "SERVING\n")
      let unknown = try await PythonClient.run(
        port: server.port, ["health", "--service", "simpeg.v1.NoSuchService"])
      #expect(unknown.status == 64 + 5, "\(unknown)")
      #expect(unknown.stderr.contains("NOT_FOUND"), "\(unknown)")
    }
  }

  @Test func genericCallPrintsJSONResponses() async throws {
    try await withTestServer(services: services) { server in
      let run = try await PythonClient.run(
        port: server.port,
        ["call", "simpeg.echo.v1.EchoService/Expand", "--data", #"{"text": "ok", "count": 2}"#])
      #expect(run.status == 0, "\(run)")
      #expect(run.lines == [#"{"text": "ok"}"#, #"{"index": 1, "text": "ok"}"#])
    }
  }

  @Test func tlsWithTheTestCertificateAuthority() async throws {
    let tls = PythonClient.repositoryRoot.appendingPathComponent("Tests/SimpegRPCTests/Fixtures/tls")
    let serveTLS: (inout ServerConfiguration) -> Void = { configuration in
      configuration.tls = ServerTLSConfiguration(
        certificateChainFile: tls.appendingPathComponent("server.pem").path,
        privateKeyFile: tls.appendingPathComponent("server.key").path)
    }
    try await withTestServer(services: services, configure: serveTLS) { server in
      let secured = try await PythonClient.run(
        port: server.port,
        [
          "--ca-file", tls.appendingPathComponent("ca.pem").path, "--server-hostname", "localhost",
          "echo", "--text", "aman",
        ])
      #expect(secured.status == 0, "\(secured)")
      #expect(secured.stdout == "aman\n")
      let plain = try await PythonClient.run(port: server.port, ["echo", "--text", "terbuka"])
      #expect(plain.status == 64 + 14, "\(plain)")
      #expect(plain.stderr.contains("TLS"), "\(plain)")
    }
  }

  @Test func pythonUnitTestsPass() async throws {
    // The client's own tests against scripted servers: pings, GOAWAY, refusals, frames too
    // large and credit rules, which a well-behaved server never provokes.
    let run = try await PythonClient.run(["-m", "unittest", "discover", "-s", "tests"])
    #expect(run.status == 0, "\(run)")
  }

  private var services: [any RPCService] { [EchoHandler(), ServingHealth()] }
}

/// Health that reports the server and its echo service as serving, and nothing else.
private struct ServingHealth: Simpeg_V1_HealthService.Handler {
  func check(request: Simpeg_V1_HealthCheckRequest, context: ServerContext) async throws
    -> Simpeg_V1_HealthCheckResponse
  {
    guard request.service.isEmpty || request.service == Simpeg_Echo_V1_EchoService.name else {
      throw RPCError(.notFound, "service '\(request.service)' is not served here")
    }
    var response = Simpeg_V1_HealthCheckResponse()
    response.status = .serving
    return response
  }

  func watch(
    request: Simpeg_V1_HealthCheckRequest, response: ResponseWriter<Simpeg_V1_HealthCheckResponse>,
    context: ServerContext
  ) async throws {
    var status = Simpeg_V1_HealthCheckResponse()
    status.status = .serving
    try await response.write(status)
  }
}

/// What a run of `python3` left behind.
private struct PythonRun: CustomStringConvertible {
  let status: Int32
  let stdout: String
  let stderr: String

  var lines: [String] {
    stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }

  var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Why the Python client could not run, or did not finish.
private struct PythonClientFailure: Error, CustomStringConvertible {
  let description: String
}

/// Runs `python3` in `Tools/python`, where the `simpeg_client` package lives.
private enum PythonClient {
  /// The repository's root, found from this file's path.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let toolsDirectory = repositoryRoot.appendingPathComponent("Tools/python")

  /// Runs the client's command line against `127.0.0.1:port` with `arguments`.
  static func run(port: Int, _ arguments: [String]) async throws -> PythonRun {
    try await run(["-m", "simpeg_client", "--host", "127.0.0.1", "--port", "\(port)"] + arguments)
  }

  /// Runs `python3 arguments`, after checking that it can run the client at all.
  static func run(_ arguments: [String]) async throws -> PythonRun {
    try await requireInterpreter()
    return try await launch(arguments)
  }

  /// Fails with a message saying what to install when `python3` or its protobuf package is
  /// missing: a test of the reference client must not pass by not running it.
  static func requireInterpreter() async throws {
    let probe = try await launch(["-c", "import google.protobuf"])
    guard probe.status != 0 else { return }
    let problem: String
    if probe.status == 127 {
      problem = "python3 is not installed"
    } else {
      problem = "python3 cannot import the protobuf package (\(probe.stderr.lastLine))"
    }
    throw PythonClientFailure(
      description: "\(problem); the reference client needs python3 with protobuf 4.25 or later: "
        + "run Tools/test, which installs them")
  }

  /// Runs `python3 arguments`, killing it if it takes longer than `timeout`.
  private static func launch(_ arguments: [String], timeout: Duration = .seconds(60)) async throws
    -> PythonRun
  {
    let process = ChildProcess()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    process.currentDirectoryURL = toolsDirectory
    var environment = ProcessInfo.processInfo.environment
    environment["PYTHONPATH"] = toolsDirectory.path
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Both pipes are drained on their own threads so a chatty child never blocks on a full pipe.
    async let stdout = readToEnd(output.fileHandleForReading)
    async let stderr = readToEnd(errors.fileHandleForReading)
    let status = await withTaskGroup(of: Int32?.self) { group in
      group.addTask {
        await process.exited()
        return process.terminationStatus
      }
      group.addTask {
        try? await Task.sleep(for: timeout)
        return nil
      }
      let first = await group.next() ?? nil
      group.cancelAll()
      return first
    }
    guard let status else {
      // SIGKILL, which cannot be blocked or ignored: a child may inherit SIGTERM blocked.
      kill(process.processIdentifier, SIGKILL)
      _ = await (stdout, stderr)
      throw PythonClientFailure(
        description: "python3 \(arguments.joined(separator: " ")) did not finish within \(timeout)")
    }
    return PythonRun(status: status, stdout: await stdout, stderr: await stderr)
  }

  private static func readToEnd(_ handle: FileHandle) async -> String {
    await withCheckedContinuation { continuation in
      Thread {
        let data = handle.readDataToEndOfFile()
        continuation.resume(returning: String(decoding: data, as: UTF8.self))
      }.start()
    }
  }
}

extension String {
  /// The last non-empty line, e.g. the error of a Python traceback.
  fileprivate var lastLine: String {
    split(separator: "\n").last.map(String.init) ?? ""
  }
}
