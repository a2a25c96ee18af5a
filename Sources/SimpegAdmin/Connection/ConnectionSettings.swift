import Foundation
import SimpegAPI
import SimpegRPC

/// What the connection flags of a command say, before the context file and the environment
/// fill in the rest. Nil means "not given".
public struct ConnectionFlags: Sendable, Hashable {
  /// `--address`.
  public var address: String?
  /// `--tls` / `--no-tls`.
  public var tls: Bool?
  /// `--ca-file`.
  public var caFile: String?
  /// `--server-name`.
  public var serverName: String?
  /// `--token-file`.
  public var tokenFile: String?
  /// `--context`: the context to use instead of the current one.
  public var context: String?
  /// `--timeout` in seconds, for unary calls.
  public var timeoutSeconds: Double?

  /// No flags.
  public init(
    address: String? = nil, tls: Bool? = nil, caFile: String? = nil, serverName: String? = nil,
    tokenFile: String? = nil, context: String? = nil, timeoutSeconds: Double? = nil
  ) {
    self.address = address
    self.tls = tls
    self.caFile = caFile
    self.serverName = serverName
    self.tokenFile = tokenFile
    self.context = context
    self.timeoutSeconds = timeoutSeconds
  }
}

/// Where a command connects and with which credential, decided in this order: flags, then the
/// environment (`SIMPEG_TOKEN`), then the context (the one named by `--context`, else the
/// current one), then the defaults (`127.0.0.1:7400`, plain TCP, no credential).
public struct ConnectionSettings: Sendable, Hashable {
  /// Where a credential came from, for `context show` and error hints.
  public enum TokenSource: Sendable, Hashable, CustomStringConvertible {
    /// `--token-file`.
    case tokenFile(String)
    /// `SIMPEG_TOKEN`.
    case environment
    /// The context of this name.
    case context(String)

    /// Where, in words.
    public var description: String {
      switch self {
      case .tokenFile(let path): return "token file \(path)"
      case .environment: return "SIMPEG_TOKEN"
      case .context(let name): return "context \(name)"
      }
    }
  }

  /// The daemon's address.
  public var address: DaemonAddress
  /// Whether to use TLS.
  public var tls: Bool
  /// A CA file to trust.
  public var caFile: String?
  /// The name expected in the certificate.
  public var serverName: String?
  /// The session token, if any.
  public var token: String?
  /// Where the token came from.
  public var tokenSource: TokenSource?
  /// The context used, if any: the one `login` writes to.
  public var contextName: String?
  /// The timeout of unary calls.
  public var timeout: Duration

  /// The default timeout of unary calls.
  public static let defaultTimeout = Duration.seconds(60)

  /// Resolves `flags` against `environment` and `file`. Reads the token file when given.
  public static func resolve(
    flags: ConnectionFlags, environment: [String: String], file: ContextFile
  ) throws -> ConnectionSettings {
    let chosen: (name: String, context: AdminContext)?
    if let name = flags.context {
      guard let context = file.contexts[name] else {
        throw AdminFailure(
          .notFound, "there is no context named '\(name)'",
          hint: "`simpeg-admin context list` shows them; `context set NAME --address HOST:PORT` adds one")
      }
      chosen = (name, context)
    } else {
      chosen = file.context(named: nil)
    }
    let context = chosen?.context
    let address = try DaemonAddress(parsing: flags.address ?? context?.address ?? "\(DaemonAddress.standard)")
    let impliesTLS = flags.caFile != nil || flags.serverName != nil
    var settings = ConnectionSettings(
      address: address, tls: flags.tls ?? (impliesTLS ? true : context?.tls ?? false),
      caFile: flags.caFile ?? context?.caFile, serverName: flags.serverName ?? context?.serverName,
      token: nil, tokenSource: nil, contextName: chosen?.name ?? flags.context,
      timeout: flags.timeoutSeconds.map { .milliseconds(Int64($0 * 1000)) } ?? defaultTimeout)
    if let path = flags.tokenFile {
      settings.token = try readToken(path)
      settings.tokenSource = .tokenFile(path)
    } else if let token = environment["SIMPEG_TOKEN"], !token.isEmpty {
      settings.token = token.trimmingCharacters(in: .whitespacesAndNewlines)
      settings.tokenSource = .environment
    } else if let chosen, let token = chosen.context.token {
      // A token belongs to the daemon it came from: not sent to another address.
      if flags.address == nil || address == (try? DaemonAddress(parsing: chosen.context.address)) {
        settings.token = token
        settings.tokenSource = .context(chosen.name)
      }
    }
    return settings
  }

  /// The first line of a token file, trimmed.
  static func readToken(_ path: String) throws -> String {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw AdminFailure(.usage, "cannot read the token file \(path): \(error.localizedDescription)")
    }
    let token =
      text.split(whereSeparator: \.isNewline).first.map(String.init)?
      .trimmingCharacters(in: .whitespaces) ?? ""
    guard !token.isEmpty else { throw AdminFailure(.usage, "the token file \(path) is empty") }
    return token
  }

  /// The client configuration these settings describe.
  public func clientConfiguration() -> ClientConfiguration {
    var configuration = ClientConfiguration()
    configuration.connectTimeout = .seconds(10)
    if tls {
      configuration.tls = ClientTLSConfiguration(trustRootsFile: caFile, serverHostname: serverName)
    }
    if let token { configuration.defaultMetadata.add("authorization", "Bearer \(token)") }
    return configuration
  }
}
