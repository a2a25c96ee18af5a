import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import SimpegServer
import SimpegStore
import UnixSignals

/// simpegd: the simpeg daemon. Only configuration and wiring live here; everything else is
/// in SimpegServer.
@main
struct SimpegdCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simpegd",
    abstract: "The simpeg daemon: the personnel system of Kota Salatiga over its RPC protocol.",
    usage: "simpegd [--config FILE] [--SETTING VALUE ...] [--sample-organisation] [--new-store]",
    discussion: """
      Settings come from four layers, each overriding the one before: built-in defaults, the
      configuration file (--config or SIMPEG_CONFIG; lines of 'name = value'), the environment
      (SIMPEG_<NAME>, e.g. SIMPEG_LISTEN), and flags (--NAME VALUE or --NAME=VALUE, e.g.
      --listen 0.0.0.0:7400). With no configuration at all it serves 127.0.0.1:7400 from
      ./simpeg-data. Durations take ms, s, m, h; sizes KiB, MiB, GiB, TiB.

      On the first start of a data folder it creates the 'admin' account and writes its
      one-time credentials to bootstrap-admin.txt there (mode 0600). SIGTERM or SIGINT drains:
      new calls are refused, calls in flight get the grace period, the store closes cleanly; a
      second signal ends the calls at once. If the shutdown has not ended 10 s after the grace
      period, simpegd logs what was still running and exits with status 70. Once serving it
      prints one JSON line to stdout:
      {"event":"ready","rpc":"HOST:PORT","metrics":"HOST:PORT","data":"FOLDER"}.

      Settings:
      \(Settings.all.map { "  --\($0.name) (\($0.environmentVariable)): \($0.help); default \($0.defaultValue ?? "unset")" }.joined(separator: "\n"))
      """)

  /// How long past the grace period a shutdown may take before the process ends without it.
  static let shutdownMargin = Duration.seconds(10)
  /// The exit status when the shutdown watchdog ends the process (EX_SOFTWARE).
  static let stuckShutdownStatus: Int32 = 70

  @Option(help: "A configuration file of 'name = value' lines.")
  var config: String?

  @Flag(help: "Fill an empty store with the sample Kota Salatiga (seed 2026 unless --sample-seed).")
  var sampleOrganisation = false

  @Flag(
    help: """
      Start a new, empty store in a data folder whose store identity says it held one but whose \
      data file is missing or empty. Without it such a folder is refused. Give it for one start only.
      """)
  var newStore = false

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("Settings as --NAME VALUE or --NAME=VALUE (listed below).", valueName: "setting"))
  var settingFlags: [String] = []

  func run() async throws {
    var flags = try Self.parseSettingFlags(settingFlags)
    if sampleOrganisation, flags["sample-seed"] == nil { flags["sample-seed"] = "2026" }
    let environment = ProcessInfo.processInfo.environment
    let settings: Settings
    var daemonConfiguration: DaemonConfiguration
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
    daemonConfiguration.store.createOverMissingData = newStore

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

    let daemon: Daemon
    do {
      daemon = try await Daemon.open(configuration: daemonConfiguration, logger: logger)
    } catch let error as StoreError where Self.refusedData.contains(error.kind) {
      // Data that cannot be served (damaged, truncated, missing, replaced) is the operator's to
      // mend: say what and how, and exit with a status of its own.
      logger.critical("the store's data was refused", metadata: ["error": "\(error)"])
      StandardError.write("simpegd: \(error.message)\n")
      Foundation.exit(Self.storeRefusedStatus)
    }
    var endpoint: MetricsEndpoint?
    if let metricsAddress {
      endpoint = try await MetricsEndpoint.start(
        host: metricsAddress.host, port: metricsAddress.port, registry: registry)
    }
    let metricsText =
      endpoint.flatMap { endpoint in endpoint.port.map { "\(metricsAddress?.host ?? "?"):\($0)" } } ?? "off"
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [
          .init(service: StoreService(daemon: daemon)),
          .init(service: MetricsService(daemon: daemon, endpoint: endpoint)),
          .init(
            service: RPCService(
              daemon: daemon, grace: graceDuration, metricsText: metricsText,
              dataFolder: daemonConfiguration.dataFolder, logger: logger)),
        ],
        logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask {
        // First SIGTERM or SIGINT: drain, and arm the watchdog. Second: end the calls now.
        var received = 0
        for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
          received += 1
          if received == 1 {
            logger.notice("shutting down: draining calls in flight", metadata: ["signal": "\(signal)"])
            ShutdownWatchdog.arm(
              after: graceDuration + Self.shutdownMargin, logger: logger,
              describe: { daemon.describeUnfinishedWork() },
              expire: { Foundation.exit(Self.stuckShutdownStatus) })
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

  /// The exit status when the store's data is refused at open (EX_DATAERR): damaged, truncated,
  /// missing or replaced, which `simpeg-admin restore` or `check` deals with.
  static let storeRefusedStatus: Int32 = 65

  /// The store errors that mean the data itself was refused.
  static let refusedData: Set<StoreError.Kind> = [
    .corrupted, .checksumMismatch, .dataFileTruncated, .storeMissing, .storeReplaced, .valueUndecodable,
    .keyUndecodable, .versionTooNew,
  ]

  /// Reads `--NAME VALUE` and `--NAME=VALUE` pairs for the settings of ``Settings/all``.
  static func parseSettingFlags(_ arguments: [String]) throws -> [String: String] {
    var flags: [String: String] = [:]
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      guard argument.hasPrefix("--") else {
        throw ValidationError("unexpected argument '\(argument)'; settings are given as --NAME VALUE")
      }
      var name = String(argument.dropFirst(2))
      var value: String?
      if let equals = name.firstIndex(of: "=") {
        value = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      guard Settings.all.contains(where: { $0.name == name }) else {
        throw ValidationError(
          "unknown option '--\(name)'; the settings are: \(Settings.all.map { "--" + $0.name }.joined(separator: ", "))"
        )
      }
      if value == nil {
        index += 1
        guard index < arguments.count else { throw ValidationError("--\(name) needs a value") }
        value = arguments[index]
      }
      flags[name] = value
      index += 1
    }
    return flags
  }
}

/// Writes to standard error without buffering.
enum StandardError {
  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
