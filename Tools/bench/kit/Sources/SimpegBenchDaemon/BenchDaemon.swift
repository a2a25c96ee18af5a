import Foundation
import Logging
import SimpegServer

/// The server side of a benchmark that runs its daemon in a child process: simpegd's `Daemon`
/// on a free loopback port, with cheap password hashing (accounts are made for the run and
/// logins are not measured), quiet logs, serving until the parent closes the child's stdin.
public enum BenchDaemon {
  /// Opens and starts a daemon over `configuration` (whose RPC address is set to a free
  /// loopback port), prints "PORT BOOTSTRAP-CREDENTIALS-FILE" on stdout for the parent, serves
  /// until stdin closes, then shuts down and exits.
  public static func serveUntilStdinCloses(
    _ configuration: DaemonConfiguration, afterShutdown: () -> Void = {}
  ) async throws -> Never {
    var configuration = configuration
    configuration.rpc.host = "127.0.0.1"
    configuration.rpc.port = 0
    configuration.passwordParameters = .fastForTests
    var logger = Logger(label: "simpeg.bench")
    logger.logLevel = .error
    let daemon = try await Daemon.open(configuration: configuration, logger: logger)
    try await daemon.start()
    let line = "\(daemon.localAddress!.port) \(daemon.bootstrapCredentialsFile ?? "")\n"
    FileHandle.standardOutput.write(Data(line.utf8))
    while FileHandle.standardInput.availableData.count > 0 {}
    await daemon.shutdown(grace: .seconds(2))
    afterShutdown()
    exit(0)
  }
}
