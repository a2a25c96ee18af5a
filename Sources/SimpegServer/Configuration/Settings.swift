import Foundation
import SimpegRPC
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
      name: "map-size", defaultValue: "256MiB", help: "the store's initial map size; it grows by itself"),
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

  private var values: [String: String]

  /// Resolves settings. `flags` and `environment` map names (flags) and variable names
  /// (environment) to values; `configurationFile` is read when given. Unknown names in the file
  /// are errors that name the line.
  public init(
    flags: [String: String], environment: [String: String], configurationFile: String?
  ) throws(SettingsError) {
    var values: [String: String] = [:]
    for setting in Self.all {
      if let value = setting.defaultValue { values[setting.name] = value }
    }
    if let path = configurationFile {
      for (name, value) in try Self.parseFile(at: path) { values[name] = value }
    }
    for setting in Self.all {
      if let value = environment[setting.environmentVariable] { values[setting.name] = value }
    }
    for (name, value) in flags {
      guard Self.all.contains(where: { $0.name == name }) else {
        throw SettingsError("unknown setting '\(name)'")
      }
      values[name] = value
    }
    self.values = values
  }

  /// The resolved text of `name`.
  public subscript(name: String) -> String? { values[name] }

  /// Parses a configuration file into names and values.
  static func parseFile(at path: String) throws(SettingsError) -> [(String, String)] {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw SettingsError("cannot read the configuration file \(path): \(error.localizedDescription)")
    }
    var pairs: [(String, String)] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line =
        rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
        .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      guard !line.isEmpty else { continue }
      let parts = line.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, !parts[0].isEmpty else {
        throw SettingsError("\(path):\(index + 1): expected 'name = value', got '\(line)'")
      }
      guard all.contains(where: { $0.name == parts[0] }) else {
        throw SettingsError(
          "\(path):\(index + 1): unknown setting '\(parts[0])'; known: "
            + all.map(\.name).joined(separator: ", "))
      }
      pairs.append((parts[0], parts[1]))
    }
    return pairs
  }

  // MARK: Typed values

  /// The daemon configuration these settings describe.
  public func daemonConfiguration() throws(SettingsError) -> DaemonConfiguration {
    var configuration = DaemonConfiguration()
    configuration.dataFolder = try text("data")
    let (host, port) = try address("listen")
    configuration.rpc.host = host
    configuration.rpc.port = port
    switch (values["tls-cert"], values["tls-key"]) {
    case (let cert?, let key?):
      configuration.rpc.tls = ServerTLSConfiguration(certificateChainFile: cert, privateKeyFile: key)
    case (nil, nil):
      break
    default:
      throw SettingsError("tls-cert and tls-key go together: set both or neither")
    }
    configuration.sessionLifetime = try duration("session-lifetime")
    configuration.rpc.maxConnections = try integer("max-connections", in: 1...1_000_000)
    configuration.rpc.maxConcurrentCallsPerConnection = UInt32(
      try integer("max-concurrent-calls", in: 1...100_000))
    configuration.rpc.maxFrameSize = UInt32(try size("max-frame-size", in: 16_384...(64 << 20)))
    configuration.rpc.idleTimeout = try duration("idle-timeout")
    configuration.store.mapSize = try size("map-size", in: (1 << 20)...(1 << 44))
    configuration.maxEvidenceBytes = try size("max-evidence-size", in: 0...(64 << 20))
    configuration.keberatanWindow = try duration("keberatan-window")
    if let seed = values["sample-seed"] {
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
    if values["metrics-listen"]?.lowercased() == "off" { return nil }
    return try address("metrics-listen")
  }

  /// How long shutdown waits for calls in flight.
  public func grace() throws(SettingsError) -> Duration { try duration("grace") }

  /// The log level name.
  public func logLevel() throws(SettingsError) -> String {
    let level = try text("log-level").lowercased()
    let known = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
    guard known.contains(level) else {
      throw SettingsError("log-level must be one of \(known.joined(separator: ", ")), not '\(level)'")
    }
    return level
  }

  private func text(_ name: String) throws(SettingsError) -> String {
    guard let value = values[name], !value.isEmpty else { throw SettingsError("\(name) is not set") }
    return value
  }

  private func address(_ name: String) throws(SettingsError) -> (String, Int) {
    let value = try text(name)
    guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]),
      (0...65_535).contains(port)
    else { throw SettingsError("\(name) must be host:port, e.g. 127.0.0.1:7400, not '\(value)'") }
    var host = String(value[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    return (host.isEmpty ? "0.0.0.0" : host, port)
  }

  private func integer(_ name: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int {
    let value = try text(name)
    guard let number = Int(value), range.contains(number) else {
      throw SettingsError(
        "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value)'")
    }
    return number
  }

  private func duration(_ name: String) throws(SettingsError) -> Duration {
    let value = try text(name)
    guard let parsed = Self.parseDuration(value) else {
      throw SettingsError("\(name) must be a duration like 30s, 5m, 12h or 14d, not '\(value)'")
    }
    return parsed
  }

  private func size(_ name: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int {
    let value = try text(name)
    guard let parsed = Self.parseSize(value), range.contains(parsed) else {
      throw SettingsError(
        "\(name) must be a size like 4MiB from \(range.lowerBound) to \(range.upperBound) bytes, not '\(value)'"
      )
    }
    return parsed
  }

  /// Parses `250ms`, `30s`, `5m`, `12h`, `14d` or a bare number of seconds.
  static func parseDuration(_ text: String) -> Duration? {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      guard let number = Double(text.dropLast(suffix.count)), number >= 0 else { return nil }
      return .milliseconds(Int64(number * factor * 1000))
    }
    guard let seconds = Double(text), seconds >= 0 else { return nil }
    return .milliseconds(Int64(seconds * 1000))
  }

  /// Parses `4MiB`, `512KiB`, `1GiB` or a bare number of bytes.
  static func parseSize(_ text: String) -> Int? {
    let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30)]
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      guard let number = Int(text.dropLast(suffix.count)), number >= 0 else { return nil }
      return number * factor
    }
    return Int(text)
  }
}

/// A setting that cannot be used, with what to change.
public struct SettingsError: Error, CustomStringConvertible, Sendable {
  /// What is wrong.
  public let description: String

  init(_ description: String) { self.description = description }
}
