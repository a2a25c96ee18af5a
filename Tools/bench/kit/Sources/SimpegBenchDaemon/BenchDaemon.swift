import Foundation
import Logging
import SimpegBenchKit
import SimpegServer
import SimpegStore

/// The server side of a benchmark that runs its daemon in a child process: simpegd's `Daemon`
/// on a free loopback port, with cheap password hashing (accounts are made for the run and
/// logins are not measured), quiet logs, serving until the parent closes the child's stdin.
public enum BenchDaemon {
  /// Opens and starts a daemon over `configuration` (whose RPC address is set to a free
  /// loopback port), prints "PORT BOOTSTRAP-CREDENTIALS-FILE" on stdout for the parent, serves
  /// until stdin closes (waiting on a thread of its own, not the cooperative pool), prints how
  /// warming the store's tables went (``warmingLine(_:)``), then shuts down and exits.
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
    await OffPool.waitForStandardInputToClose()
    FileHandle.standardOutput.write(Data((warmingLine(daemon.store.warming) + "\n").utf8))
    await daemon.shutdown(grace: .seconds(2))
    afterShutdown()
    exit(0)
  }

  /// One line for people: where warming the store stood when the run ended.
  public static func warmingLine(_ state: StoreWarmingState) -> String {
    switch state {
    case .notStarted: return "warming: not started"
    case .running: return "warming: still running when the measurements ended"
    case .stopped(let reason): return "warming: stopped (\(reason))"
    case .finished(let report):
      return String(
        format:
          "warming: %.0f MB (%d entries, %d databases) in %.2f s after the start, %d transactions of at most %.1f ms",
        Double(report.bytes) / 1_048_576, report.entries, report.databases.count, seconds(report.duration),
        report.transactions, seconds(report.longestTransaction) * 1_000)
    }
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
