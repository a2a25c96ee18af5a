import SimpegAPI
import SimpegRPC

/// A connection to simpegd with the typed clients of every service a command uses.
///
/// Unary calls carry the settings' timeout; streams (backups, imports) carry none unless the
/// operator gave `--timeout`, since their length depends on the data.
public struct AdminConnection: Sendable {
  /// The settings it was made from.
  public let settings: ConnectionSettings
  /// The client carrying every call.
  public let client: RPCClient
  /// Options of unary calls.
  public let unary: CallOptions
  /// Options of streaming calls.
  public let streaming: CallOptions

  /// Opens a client (connecting happens on the first call).
  public init(settings: ConnectionSettings, streamTimeout: Duration? = nil) throws {
    self.settings = settings
    do {
      client = try RPCClient(
        host: settings.address.host, port: settings.address.port,
        configuration: settings.clientConfiguration())
    } catch {
      throw AdminFailure(
        .usage, "cannot set up TLS: \(error)",
        hint: "check --ca-file (a PEM file of CA certificates) and --server-name")
    }
    unary = CallOptions(timeout: settings.timeout)
    streaming = CallOptions(timeout: streamTimeout)
  }

  /// Closes the client.
  public func close() async { await client.close() }

  /// `simpeg.v1.AuthService`.
  public var auth: Simpeg_V1_AuthService.Client { .init(wrapping: client) }
  /// `simpeg.v1.AccountService`.
  public var accounts: Simpeg_V1_AccountService.Client { .init(wrapping: client) }
  /// `simpeg.v1.AdminService`.
  public var admin: Simpeg_V1_AdminService.Client { .init(wrapping: client) }
  /// `simpeg.v1.OrgService`.
  public var org: Simpeg_V1_OrgService.Client { .init(wrapping: client) }
  /// `simpeg.v1.EmployeeService`.
  public var employees: Simpeg_V1_EmployeeService.Client { .init(wrapping: client) }
  /// `simpeg.v1.HealthService`.
  public var health: Simpeg_V1_HealthService.Client { .init(wrapping: client) }
  /// `simpeg.v1.ImportService`.
  public var imports: Simpeg_V1_ImportService.Client { .init(wrapping: client) }
}
