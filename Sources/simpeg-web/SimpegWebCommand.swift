import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import SimpegSettings
import SimpegWeb
import UnixSignals

/// simpeg-web: the city's web tier. Only configuration and wiring live here; everything else is
/// in SimpegWeb.
@main
struct SimpegWebCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simpeg-web",
    abstract:
      "The web tier of simpeg: every RPC of simpegd over HTTP with JSON (Connect), event streams, sessions, the web app.",
    discussion: """
      Settings come from four layers, each overriding the one before: built-in defaults, the
      configuration file (--config or SIMPEG_WEB_CONFIG; lines of 'name = value'), the
      environment (SIMPEG_WEB_<NAME>, e.g. SIMPEG_WEB_LISTEN), and these flags. With no
      configuration at all it serves http://127.0.0.1:8080 in front of simpegd at 127.0.0.1:7400.
      Durations take ms, s, m, h; sizes KiB, MiB, GiB.

      SIGTERM or SIGINT drains: health turns DRAINING, streams end, requests in flight get the
      grace period; a second signal stops at once. Once serving it prints one JSON line to stdout:
      {"event":"ready","http":"HOST:PORT","metrics":"HOST:PORT","upstream":"HOST:PORT"}.

      Settings:
      \(WebSettings.all.map { "  \($0.name) (\($0.environmentVariable)): \($0.help); default \($0.defaultValue.map { $0.isEmpty ? "empty" : $0 } ?? "unset")" }.joined(separator: "\n"))
      """)

  @Option(help: "A configuration file of 'name = value' lines.")
  var config: String?

  @Option(help: "host:port of the HTTP server.") var listen: String?
  @Option(help: "host:port of simpegd.") var upstream: String?
  @Option(help: "on: speak TLS to simpegd.") var upstreamTls: String?
  @Option(help: "PEM CA certificates trusted for simpegd.") var upstreamCaFile: String?
  @Option(help: "The name in simpegd's certificate.") var upstreamServerName: String?
  @Option(help: "Connections to simpegd.") var upstreamConnections: String?
  @Option(help: "host:port of the Prometheus endpoint, or 'off'.") var metricsListen: String?
  @Option(help: "PEM certificate chain (HTTPS).") var tlsCert: String?
  @Option(help: "PEM private key (HTTPS).") var tlsKey: String?
  @Option(help: "The folder of the web app's files.") var webRoot: String?
  @Option(help: "A file holding the API key of the citizens' pages.") var publicApiKeyFile: String?
  @Option(help: "When the session cookie is Secure: auto, always, never.") var cookieSecure: String?
  @Option(help: "Origins whose pages may call (comma-separated).") var corsAllowOrigins: String?
  @Option(help: "Proxies whose X-Forwarded-For/-Proto are believed.") var trustedProxies: String?
  @Option(help: "The largest request message.") var maxMessageSize: String?
  @Option(help: "The largest body of a client stream.") var maxStreamSize: String?
  @Option(help: "The largest request head.") var maxHeaderSize: String?
  @Option(help: "Connections held at once.") var maxConnections: String?
  @Option(help: "Close connections silent this long.") var idleTimeout: String?
  @Option(help: "A request body must arrive within this.") var bodyTimeout: String?
  @Option(help: "The deadline of unary calls without Connect-Timeout-Ms.") var callTimeout: String?
  @Option(help: "How often an idle event stream gets a comment.") var eventHeartbeat: String?
  @Option(help: "How long shutdown lets requests in flight finish.") var grace: String?
  @Option(help: "Log level.") var logLevel: String?

  func run() async throws {
    var flags: [String: String] = [:]
    let given: [(String, String?)] = [
      ("listen", listen), ("upstream", upstream), ("upstream-tls", upstreamTls),
      ("upstream-ca-file", upstreamCaFile), ("upstream-server-name", upstreamServerName),
      ("upstream-connections", upstreamConnections), ("metrics-listen", metricsListen),
      ("tls-cert", tlsCert), ("tls-key", tlsKey), ("web-root", webRoot),
      ("public-api-key-file", publicApiKeyFile), ("cookie-secure", cookieSecure),
      ("cors-allow-origins", corsAllowOrigins), ("trusted-proxies", trustedProxies),
      ("max-message-size", maxMessageSize), ("max-stream-size", maxStreamSize),
      ("max-header-size", maxHeaderSize), ("max-connections", maxConnections),
      ("idle-timeout", idleTimeout), ("body-timeout", bodyTimeout), ("call-timeout", callTimeout),
      ("event-heartbeat", eventHeartbeat), ("grace", grace), ("log-level", logLevel),
    ]
    for case (let name, let value?) in given { flags[name] = value }
    let environment = ProcessInfo.processInfo.environment
    let configuration: WebConfiguration
    let metricsAddress: (host: String, port: Int)?
    let level: String
    do {
      let settings = try WebSettings(
        flags: flags, environment: environment,
        configurationFile: config ?? environment["SIMPEG_WEB_CONFIG"])
      configuration = try settings.webConfiguration()
      metricsAddress = try settings.metricsAddress()
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
      .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
      .milliseconds(2500), .seconds(5), .seconds(10),
    ]
    MetricsSystem.bootstrap(factory)
    let logger = Logger(label: "simpeg-web")

    let upstream = configuration.upstreamAddress
    let gateway = try WebGateway(
      configuration: configuration, logger: logger,
      metrics: metricsAddress.map { address in
        (
          address.host, address.port,
          {
            var text: [UInt8] = []
            registry.emit(into: &text)
            return String(decoding: text, as: UTF8.self)
          }
        )
      },
      onReady: { addresses in
        logger.notice(
          "serving",
          metadata: [
            "http": "\(addresses.http)", "metrics": "\(addresses.metrics ?? "off")",
            "upstream": "\(upstream)",
          ])
        let ready = [
          "event": "ready", "http": addresses.http, "metrics": addresses.metrics ?? "off",
          "upstream": upstream,
        ]
        if let line = try? JSONSerialization.data(withJSONObject: ready, options: [.sortedKeys]) {
          FileHandle.standardOutput.write(line + Data("\n".utf8))
        }
      })
    var groupConfiguration = ServiceGroupConfiguration(
      services: [.init(service: gateway)], logger: logger)
    groupConfiguration.maximumGracefulShutdownDuration = configuration.grace
    let group = ServiceGroup(configuration: groupConfiguration)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask {
        // First SIGTERM or SIGINT: drain. Second: stop now.
        var received = 0
        for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
          received += 1
          if received == 1 {
            logger.notice("shutting down: draining requests in flight", metadata: ["signal": "\(signal)"])
            await group.triggerGracefulShutdown()
          } else {
            logger.notice("second signal: stopping now", metadata: ["signal": "\(signal)"])
            Foundation.exit(1)
          }
        }
      }
      try await group.run()
      tasks.cancelAll()
    }
    logger.notice("stopped")
  }
}
