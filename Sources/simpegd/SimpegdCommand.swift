import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import SimpegServer
import UnixSignals

/// simpegd: the simpeg daemon. Only configuration and wiring live here; everything else is
/// in SimpegServer.
@main
struct SimpegdCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simpegd",
    abstract: "The simpeg daemon: the personnel system of Kota Salatiga over its RPC protocol.",
    discussion: """
      Settings come from four layers, each overriding the one before: built-in defaults, the
      configuration file (--config or SIMPEG_CONFIG; lines of 'name = value'), the environment
      (SIMPEG_<NAME>, e.g. SIMPEG_LISTEN), and these flags. With no configuration at all it
      serves 127.0.0.1:7400 from ./simpeg-data. Durations take ms, s, m, h; sizes KiB, MiB, GiB.

      On the first start of a data folder it creates the 'admin' account and writes its
      one-time credentials to bootstrap-admin.txt there (mode 0600). SIGTERM or SIGINT drains:
      new calls are refused, calls in flight get the grace period, the store closes cleanly; a
      second signal ends the calls at once. Once serving it prints one JSON line to stdout:
      {"event":"ready","rpc":"HOST:PORT","metrics":"HOST:PORT","data":"FOLDER"}.

      Settings:
      \(Settings.all.map { "  \($0.name) (\($0.environmentVariable)): \($0.help); default \($0.defaultValue ?? "unset")" }.joined(separator: "\n"))
      """)

  @Option(help: "A configuration file of 'name = value' lines.")
  var config: String?

  @Option(help: "The data folder.") var data: String?
  @Option(help: "host:port of the RPC server.") var listen: String?
  @Option(help: "host:port of the Prometheus endpoint, or 'off'.") var metricsListen: String?
  @Option(help: "PEM certificate chain (TLS).") var tlsCert: String?
  @Option(help: "PEM private key (TLS).") var tlsKey: String?
  @Option(help: "Addresses of gateways whose calls name their client's host.") var trustedForwarders: String?
  @Option(help: "How long shutdown lets calls in flight finish.") var grace: String?
  @Option(help: "Log level.") var logLevel: String?
  @Option(help: "How long a login session lasts.") var sessionLifetime: String?
  @Option(help: "Connections held at once.") var maxConnections: String?
  @Option(help: "Calls in flight per connection.") var maxConcurrentCalls: String?
  @Option(help: "The largest frame (message) accepted.") var maxFrameSize: String?
  @Option(help: "Close connections without calls after this.") var idleTimeout: String?
  @Option(help: "The store's initial map size.") var mapSize: String?
  @Option(help: "The largest evidence file kept with an activity.") var maxEvidenceSize: String?
  @Option(help: "Fill an empty store with the sample Kota Salatiga of this seed.")
  var sampleSeed: String?
  @Option(help: "The year of the sample's performance cycle (its service requests stay in 2025).")
  var sampleYear: String?
  @Option(help: "How many public-service requests the sample holds.")
  var sampleServiceRequests: String?
  @Flag(help: "Fill an empty store with the sample Kota Salatiga (seed 2026 unless --sample-seed).")
  var sampleOrganisation = false

  func run() async throws {
    var flags: [String: String] = [:]
    let given: [(String, String?)] = [
      ("data", data), ("listen", listen), ("metrics-listen", metricsListen),
      ("tls-cert", tlsCert), ("tls-key", tlsKey), ("trusted-forwarders", trustedForwarders),
      ("grace", grace), ("log-level", logLevel),
      ("session-lifetime", sessionLifetime), ("max-connections", maxConnections),
      ("max-concurrent-calls", maxConcurrentCalls), ("max-frame-size", maxFrameSize),
      ("idle-timeout", idleTimeout), ("map-size", mapSize), ("max-evidence-size", maxEvidenceSize),
      ("sample-seed", sampleSeed), ("sample-year", sampleYear),
      ("sample-service-requests", sampleServiceRequests),
    ]
    for case (let name, let value?) in given { flags[name] = value }
    if sampleOrganisation, flags["sample-seed"] == nil { flags["sample-seed"] = "2026" }
    let environment = ProcessInfo.processInfo.environment
    let settings: Settings
    let daemonConfiguration: DaemonConfiguration
    let metricsAddress: (host: String, port: Int)?
    let graceDuration: Duration
    let level: String
    do {
      settings = try Settings(
        flags: flags, environment: environment,
        configurationFile: config ?? environment["SIMPEG_CONFIG"])
      daemonConfiguration = try settings.daemonConfiguration()
      metricsAddress = try settings.metricsAddress()
      graceDuration = try settings.grace()
      level = try settings.logLevel()
    } catch {
      throw ValidationError("\(error)")
    }

    LoggingSystem.bootstrap { label in
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = Logger.Level(rawValue: level) ?? .info
      return handler
    }
    let registry = PrometheusCollectorRegistry()
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.defaultDurationHistogramBuckets = [
      .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
      .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
      .milliseconds(2500), .seconds(5),
    ]
    MetricsSystem.bootstrap(factory)
    let logger = Logger(label: "simpegd")

    let daemon = try await Daemon.open(configuration: daemonConfiguration, logger: logger)
    let daemonService = DaemonService(
      daemon: daemon, grace: graceDuration, metricsAddress: metricsAddress, registry: registry,
      dataFolder: daemonConfiguration.dataFolder, logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [.init(service: daemonService)], logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask {
        // First SIGTERM or SIGINT: drain. Second: end the calls now.
        var received = 0
        for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
          received += 1
          if received == 1 {
            logger.notice("shutting down: draining calls in flight", metadata: ["signal": "\(signal)"])
            await group.triggerGracefulShutdown()
          } else {
            logger.notice("second signal: ending calls in flight now", metadata: ["signal": "\(signal)"])
            daemon.endCallsNow()
          }
        }
      }
      try await group.run()
      tasks.cancelAll()
    }
    logger.notice("stopped")
  }
}
