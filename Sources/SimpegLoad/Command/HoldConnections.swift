import ArgumentParser
import Foundation
import SimpegAPI
import SimpegRPC

/// `simpeg-load hold-connections`: opens connections, completes the handshake on each (one
/// `HealthService.Check`), then holds them idle, for measuring the daemon's memory per
/// connection.
public struct HoldConnections: AsyncParsableCommand {
  /// The command's help.
  public static let configuration = CommandConfiguration(
    commandName: "hold-connections",
    abstract: "Opens idle connections to simpegd and holds them.",
    discussion: """
      Each connection completes the protocol's preface and settings exchange and one \
      HealthService.Check, then stays open without calls. Prints `holding N connections` on \
      stdout once all are open, then holds them for --seconds (or until killed). Exit status 2 \
      when a connection cannot be made.
      """
  )

  /// `--address`.
  @Option(help: "The daemon, host:port.") public var address = "127.0.0.1:7400"
  /// `--count`.
  @Option(help: "Connections to open.") public var count = 1_000
  /// `--seconds`.
  @Option(help: "How long to hold them.") public var seconds = 60.0

  /// Defaults.
  public init() {}

  /// Checks the options.
  public func validate() throws {
    guard (1...100_000).contains(count) else { throw ValidationError("--count must be from 1 to 100000") }
    guard seconds >= 0 else { throw ValidationError("--seconds must not be negative") }
  }

  /// Opens, reports, holds, closes.
  public func run() async throws {
    var run = LoadRunCommand()
    run.address = address
    let (host, port) = try run.target()
    let clients = try (0..<count).map { _ in try RPCClient(host: host, port: port) }
    let opened = try await IdleConnections.open(clients)
    FileHandle.standardOutput.write(Data("holding \(opened) connections\n".utf8))
    try? await Task.sleep(for: LoadRunCommand.duration(seconds))
    for client in clients { await client.close() }
  }
}

/// Opening connections that then stay idle.
public enum IdleConnections {
  /// Makes one `HealthService.Check` on each client (opening its connection), 32 at a time;
  /// returns how many succeeded, throws `ExitCode(2)` naming the first failure.
  public static func open(_ clients: [RPCClient]) async throws -> Int {
    try await withThrowingTaskGroup(of: Void.self) { group in
      var opened = 0
      var iterator = clients.makeIterator()
      func add(_ client: RPCClient) {
        group.addTask {
          _ = try await Simpeg_V1_HealthService.Client(wrapping: client).check(
            Simpeg_V1_HealthCheckRequest(), options: CallOptions(timeout: .seconds(30)))
        }
      }
      for _ in 0..<32 { if let client = iterator.next() { add(client) } }
      do {
        while try await group.next() != nil {
          opened += 1
          if let client = iterator.next() { add(client) }
        }
      } catch {
        StandardError().line(
          "simpeg-load: connection \(opened + 1) failed: \(LoadRunCommand.describe(error))")
        throw ExitCode(2)
      }
      return opened
    }
  }
}
