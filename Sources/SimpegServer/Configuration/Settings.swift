import Foundation
import SimpegRPC
import SimpegSettings
import SimpegStore

/// The settings of simpegd, resolved from four layers, each overriding the one before:
/// built-in defaults, the configuration file, the environment, the command line.
///
/// The configuration file holds `name = value` lines; `#` starts a comment; blank lines are
/// ignored; names are those of ``all``. Durations take `ms`, `s`, `m`, `h` suffixes (`90s`,
/// `12h`; a bare number is seconds); sizes take `KiB`, `MiB`, `GiB` (a bare number is bytes).
public struct Settings: Sendable {
  /// Every setting, in the order `--help` and the README list them.
  public static let all: [Setting] = [
    Setting(name: "data", defaultValue: "simpeg-data", help: "the data folder (created if missing)"),
    Setting(name: "listen", defaultValue: "127.0.0.1:7400", help: "host:port of the RPC server"),
    Setting(
      name: "metrics-listen", defaultValue: "127.0.0.1:9400",
      help: "host:port of the Prometheus endpoint (GET /metrics), or 'off'"),
    Setting(name: "tls-cert", defaultValue: nil, help: "PEM certificate chain; enables TLS with tls-key"),
    Setting(name: "tls-key", defaultValue: nil, help: "PEM private key of tls-cert"),
    Setting(
      name: "trusted-forwarders", defaultValue: "",
      help: "comma-separated addresses of gateways (simpeg-web) whose calls name their client's host"),
    Setting(
      name: "grace", defaultValue: "20s",
      help: "how long shutdown lets calls in flight finish before ending them"),
    Setting(
      name: "log-level", defaultValue: "info",
      help: "trace, debug, info, notice, warning, error or critical"),
    Setting(name: "session-lifetime", defaultValue: "12h", help: "how long a login session lasts"),
    Setting(name: "max-connections", defaultValue: "10000", help: "connections held at once"),
    Setting(
      name: "max-concurrent-calls", defaultValue: "100", help: "calls in flight per connection"),
    Setting(name: "max-frame-size", defaultValue: "4MiB", help: "the largest frame (message) accepted"),
    Setting(name: "idle-timeout", defaultValue: "5m", help: "close connections without calls after this"),
    Setting(
      name: "map-size", defaultValue: "64GiB",
      help:
        "address space the store's map reserves up front (the file grows only as data is written); the map "
        + "doubles by itself when more than half used"),
    Setting(
      name: "backup-stall-timeout", defaultValue: "60s",
      help: "a backup whose client takes no data for this long is abandoned, releasing what it holds"),
    Setting(
      name: "verify-on-open", defaultValue: "full",
      help:
        "'full' reads every page of the data file at start and refuses a damaged one; 'header' checks its header only"
    ),
    Setting(
      name: "max-evidence-size", defaultValue: "1MiB",
      help: "the largest evidence file kept with an activity; larger ones are sent as references"),
    Setting(
      name: "keberatan-window", defaultValue: "14d",
      help: "how long after an evaluation is finalised its employee may file a keberatan (PP 30/2019 art. 59)"
    ),
    Setting(
      name: "sample-seed", defaultValue: nil,
      help: "fill an empty store with the sample Kota Salatiga generated from this seed"),
    Setting(
      name: "sample-year", defaultValue: "2025",
      help: "the year of the sample's performance cycle (its service requests stay in 2025)"),
    Setting(
      name: "sample-service-requests", defaultValue: "6000",
      help: "how many public-service requests the sample holds"),
  ]

  private let layers: LayeredSettings

  /// Resolves settings. `flags` and `environment` map names (flags) and variable names
  /// (environment) to values; `configurationFile` is read when given. Unknown names in the file
  /// are errors that name the line.
  public init(
    flags: [String: String], environment: [String: String], configurationFile: String?
  ) throws(SettingsError) {
    layers = try LayeredSettings(
      catalogue: Self.all, flags: flags, environment: environment,
      configurationFile: configurationFile)
  }

  /// The resolved text of `name`.
  public subscript(name: String) -> String? { layers[name] }

  // MARK: Typed values

  /// The daemon configuration these settings describe.
  public func daemonConfiguration() throws(SettingsError) -> DaemonConfiguration {
    var configuration = DaemonConfiguration()
    configuration.dataFolder = try text("data")
    let (host, port) = try address("listen")
    configuration.rpc.host = host
    configuration.rpc.port = port
    if let (cert, key) = try layers.pair("tls-cert", "tls-key") {
      configuration.rpc.tls = ServerTLSConfiguration(certificateChainFile: cert, privateKeyFile: key)
    }
    configuration.rpc.trustedForwarders = Set(layers.list("trusted-forwarders"))
    configuration.sessionLifetime = try duration("session-lifetime")
    configuration.rpc.maxConnections = try integer("max-connections", in: 1...1_000_000)
    configuration.rpc.maxConcurrentCallsPerConnection = UInt32(
      try integer("max-concurrent-calls", in: 1...100_000))
    configuration.rpc.maxFrameSize = UInt32(try size("max-frame-size", in: 16_384...(64 << 20)))
    configuration.rpc.idleTimeout = try duration("idle-timeout")
    configuration.store.mapSize = try size("map-size", in: (1 << 20)...(1 << 44))
    configuration.store.backupStallTimeout = try duration("backup-stall-timeout")
    guard configuration.store.backupStallTimeout > .zero else {
      throw SettingsError("backup-stall-timeout must be longer than 0s")
    }
    switch try text("verify-on-open").lowercased() {
    case "full": configuration.store.openCheck = .full
    case "header": configuration.store.openCheck = .header
    case let other: throw SettingsError("verify-on-open must be 'full' or 'header', not '\(other)'")
    }
    configuration.maxEvidenceBytes = try size("max-evidence-size", in: 0...(64 << 20))
    configuration.keberatanWindow = try duration("keberatan-window")
    if let seed = layers["sample-seed"] {
      guard let parsed = UInt64(seed) else {
        throw SettingsError("sample-seed must be a whole number, not '\(seed)'")
      }
      configuration.sampleSeed = parsed
    }
    configuration.sampleYear = try integer("sample-year", in: 2000...2100)
    configuration.sampleServiceRequests = try integer("sample-service-requests", in: 0...10_000_000)
    return configuration
  }

  /// The metrics endpoint's address, nil when `off`.
  public func metricsAddress() throws(SettingsError) -> (host: String, port: Int)? {
    try layers.optionalAddress("metrics-listen")
  }

  /// How long shutdown waits for calls in flight.
  public func grace() throws(SettingsError) -> Duration { try duration("grace") }

  /// The log level name.
  public func logLevel() throws(SettingsError) -> String { try layers.logLevel() }

  private func text(_ name: String) throws(SettingsError) -> String { try layers.text(name) }

  private func address(_ name: String) throws(SettingsError) -> (String, Int) {
    try layers.address(name)
  }

  private func integer(_ name: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int {
    try layers.integer(name, in: range)
  }

  private func duration(_ name: String) throws(SettingsError) -> Duration {
    try layers.duration(name)
  }

  private func size(_ name: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int {
    try layers.size(name, in: range)
  }
}

/// A setting that cannot be used, with what to change.
public typealias SettingsError = SimpegSettings.SettingsError

/// One setting of simpegd (see ``Settings/all``).
public typealias Setting = SimpegSettings.Setting
