import Foundation

/// Everything simpeg-web needs to run, resolved from its settings (``WebSettings``).
public struct WebConfiguration: Sendable {
  /// The HTTP listener's host.
  public var host = "127.0.0.1"
  /// The HTTP listener's port; 0 for one chosen by the system.
  public var port = 8080
  /// PEM certificate chain and key files when the gateway serves TLS itself.
  public var tls: (certificateChainFile: String, privateKeyFile: String)?
  /// simpegd and how to reach it.
  var upstream = UpstreamConfiguration()
  /// The folder of the web app's files; nil for the web app built into the gateway.
  public var webRoot: String?
  /// The API key the citizens' desk (`/publik/...`) calls simpegd with; nil turns the desk off.
  public var publicAPIKey: String?
  /// When the session cookie is marked `Secure`.
  public var cookieSecurity = CookieSecurity.automatic
  /// Other sites' origins whose pages may call the gateway (CORS); empty for none.
  public var corsAllowedOrigins: [String] = []
  /// Hosts (proxies such as nginx) whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
  public var trustedProxies: Set<String> = []
  /// The largest request message (a unary body, a stream's message) accepted.
  public var maxMessageSize = 4 << 20
  /// The largest body of a client stream (e.g. an import), all its messages together.
  public var maxStreamSize = 64 << 20
  /// The largest request head (request line and headers) accepted.
  public var maxHeaderSize = 16 << 10
  /// Connections held at once; more wait in the listen backlog.
  public var maxConnections = 10_000
  /// A connection that sends nothing for this long, between requests or inside a request head,
  /// is closed.
  public var idleTimeout: Duration = .seconds(60)
  /// A request body must have arrived this long after its head.
  public var bodyTimeout: Duration = .seconds(30)
  /// The deadline of a unary call whose request sets none (`Connect-Timeout-Ms`).
  public var defaultCallTimeout: Duration = .seconds(60)
  /// How long a drain lets requests in flight finish before the gateway stops.
  public var grace: Duration = .seconds(20)
  /// How often an idle event stream gets a comment, so proxies and browsers keep it open.
  public var eventHeartbeat: Duration = .seconds(15)
  /// How long the gateway trusts what it learned of a session (a pending password change).
  public var sessionCheckLifetime: Duration = .seconds(60)

  /// The defaults: 127.0.0.1:8080 in front of simpegd at 127.0.0.1:7400.
  public init() {}

  /// Where simpegd is.
  public mutating func setUpstream(
    host: String, port: Int, connections: Int = 4, tls: Bool = false, caFile: String? = nil,
    serverName: String? = nil
  ) {
    upstream.host = host
    upstream.port = port
    upstream.connections = connections
    upstream.tls = tls
    upstream.caFile = caFile
    upstream.serverName = serverName
  }

  /// simpegd's address, `host:port`.
  public var upstreamAddress: String { "\(upstream.host):\(upstream.port)" }
}

/// When the session cookie carries `Secure` (sent over HTTPS only).
public enum CookieSecurity: String, Sendable {
  /// When the gateway serves TLS itself, or a trusted proxy says the request came over HTTPS.
  case automatic = "auto"
  /// Always: the gateway sits behind a proxy that terminates TLS.
  case always
  /// Never: plain-HTTP development on one machine.
  case never
}
