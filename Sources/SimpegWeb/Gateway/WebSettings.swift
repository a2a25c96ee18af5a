import SimpegSettings

/// The settings of simpeg-web, in the same four layers as simpegd's: built-in defaults, a
/// configuration file (`--config` or `SIMPEG_WEB_CONFIG`), the environment (`SIMPEG_WEB_<NAME>`)
/// and flags, each overriding the one before.
public struct WebSettings: Sendable {
  /// Every setting, in the order `--help` and the README list them.
  public static let all: [Setting] = [
    web("listen", "127.0.0.1:8080", "host:port of the HTTP server"),
    web("upstream", "127.0.0.1:7400", "host:port of simpegd"),
    web("upstream-tls", "off", "on: speak TLS to simpegd"),
    web("upstream-ca-file", nil, "PEM CA certificates trusted for simpegd (implies upstream-tls)"),
    web("upstream-server-name", nil, "the name in simpegd's certificate, when not its host"),
    web("upstream-connections", "4", "connections to simpegd; each carries up to its max-concurrent-calls"),
    web("metrics-listen", "127.0.0.1:9401", "host:port of the Prometheus endpoint (GET /metrics), or 'off'"),
    web("tls-cert", nil, "PEM certificate chain; serves HTTPS with tls-key"),
    web("tls-key", nil, "PEM private key of tls-cert"),
    web("web-root", nil, "the folder of the web app's files; unset for the web app built into simpeg-web"),
    web(
      "public-api-key-file", nil,
      "a file holding the API key of a service account (scopes services.read, services.write, org.read) "
        + "for the citizens' pages without login; unset: those pages are off"),
    web("cookie-secure", "auto", "when the session cookie is Secure: auto (HTTPS seen), always or never"),
    web(
      "cors-allow-origins", "",
      "comma-separated origins (https://host[:port]) whose pages may call; empty: none"),
    web("trusted-proxies", "", "comma-separated proxy addresses whose X-Forwarded-For/-Proto are believed"),
    web("max-message-size", "4MiB", "the largest request message (a unary body or a stream's message)"),
    web("max-stream-size", "64MiB", "the largest body of a client stream (an import) in all"),
    web("max-header-size", "16KiB", "the largest request head"),
    web("max-connections", "10000", "connections held at once; more wait"),
    web("idle-timeout", "60s", "close connections silent this long, between requests or inside a head"),
    web("body-timeout", "30s", "a request body must arrive within this of its head"),
    web("call-timeout", "60s", "the deadline of unary calls that send no Connect-Timeout-Ms"),
    web("event-heartbeat", "15s", "how often an idle event stream gets a keep-alive comment"),
    web("grace", "20s", "how long shutdown lets requests in flight finish"),
    web("log-level", "info", "trace, debug, info, notice, warning, error or critical"),
  ]

  private static func web(_ name: String, _ defaultValue: String?, _ help: String) -> Setting {
    Setting(name: name, defaultValue: defaultValue, help: help, environmentPrefix: "SIMPEG_WEB_")
  }

  private let layers: LayeredSettings

  /// Resolves settings from `flags` (by name), `environment` (by variable) and the file.
  public init(
    flags: [String: String], environment: [String: String], configurationFile: String?
  ) throws(SettingsError) {
    layers = try LayeredSettings(
      catalogue: Self.all, flags: flags, environment: environment, configurationFile: configurationFile)
  }

  /// The gateway configuration these settings describe.
  public func webConfiguration() throws(SettingsError) -> WebConfiguration {
    var configuration = WebConfiguration()
    (configuration.host, configuration.port) = try layers.address("listen")
    let upstream = try layers.address("upstream")
    let caFile = layers["upstream-ca-file"].flatMap { $0.isEmpty ? nil : $0 }
    let tls = try layers.choice("upstream-tls", of: ["on", "off"]) == "on" || caFile != nil
    configuration.setUpstream(
      host: upstream.host, port: upstream.port,
      connections: try layers.integer("upstream-connections", in: 1...256), tls: tls, caFile: caFile,
      serverName: layers["upstream-server-name"].flatMap { $0.isEmpty ? nil : $0 })
    configuration.tls = try layers.pair("tls-cert", "tls-key").map {
      (certificateChainFile: $0.0, privateKeyFile: $0.1)
    }
    configuration.webRoot = layers["web-root"].flatMap { $0.isEmpty ? nil : $0 }
    if let file = layers["public-api-key-file"], !file.isEmpty {
      configuration.publicAPIKey = try Self.apiKey(inFile: file)
    }
    guard
      let cookie = CookieSecurity(
        rawValue: try layers.choice("cookie-secure", of: ["auto", "always", "never"]))
    else { throw SettingsError("cookie-secure must be auto, always or never") }
    configuration.cookieSecurity = cookie
    for origin in layers.list("cors-allow-origins") {
      let authority = origin.split(separator: "://", maxSplits: 1)
      guard authority.count == 2, ["http", "https"].contains(authority[0].lowercased()),
        !authority[1].isEmpty, !authority[1].drop(while: { $0 != "/" }).contains(where: { $0 != "/" })
      else {
        throw SettingsError(
          "cors-allow-origins takes origins like https://app.salatiga.go.id, not '\(origin)'")
      }
      configuration.corsAllowedOrigins.append(origin)
    }
    configuration.trustedProxies = Set(layers.list("trusted-proxies"))
    configuration.maxMessageSize = try layers.size("max-message-size", in: 1024...(64 << 20))
    configuration.maxStreamSize = try layers.size("max-stream-size", in: 1024...(1 << 30))
    configuration.maxHeaderSize = try layers.size("max-header-size", in: 1024...(80 << 10))
    configuration.maxConnections = try layers.integer("max-connections", in: 1...1_000_000)
    configuration.idleTimeout = try layers.duration("idle-timeout")
    configuration.bodyTimeout = try layers.duration("body-timeout")
    configuration.defaultCallTimeout = try layers.duration("call-timeout")
    configuration.eventHeartbeat = try layers.duration("event-heartbeat")
    configuration.grace = try layers.duration("grace")
    for (name, value) in [
      ("idle-timeout", configuration.idleTimeout), ("body-timeout", configuration.bodyTimeout),
      ("call-timeout", configuration.defaultCallTimeout), ("event-heartbeat", configuration.eventHeartbeat),
    ] where value <= .zero {
      throw SettingsError("\(name) must be longer than 0")
    }
    return configuration
  }

  /// The API key in `file`: its first line, trimmed; refused when unreadable, empty or not a key.
  static func apiKey(inFile file: String) throws(SettingsError) -> String {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw SettingsError("public-api-key-file: cannot read \(file)")
    }
    let key =
      text.split(whereSeparator: \.isNewline).first.map {
        String($0).trimmingCharacters(in: .whitespaces)
      } ?? ""
    guard !key.isEmpty, key.count <= 256,
      key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
    else {
      throw SettingsError("public-api-key-file: \(file) must hold an API key (spk_...) on its first line")
    }
    return key
  }

  /// The metrics endpoint's address, nil when `off`.
  public func metricsAddress() throws(SettingsError) -> (host: String, port: Int)? {
    try layers.optionalAddress("metrics-listen")
  }

  /// The log level name.
  public func logLevel() throws(SettingsError) -> String { try layers.logLevel() }
}
