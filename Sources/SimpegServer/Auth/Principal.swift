import SimpegAPI
import SimpegRPC

/// Who is calling: the account behind the call's credential, with what it may do.
public struct Principal: Sendable, Hashable {
  /// How the caller proved who they are.
  public enum Credential: Sendable, Hashable {
    /// A session token from Login; the SHA-256 of the token.
    case session(tokenSHA256: [UInt8])
    /// An API key of a service account.
    case apiKey(id: UInt64)
  }

  /// The account id.
  public let accountID: UInt64
  /// The account's username (a NIP, "admin", or a service name).
  public let username: String
  /// User or service.
  public let kind: Simpeg_V1_AccountKind
  /// ADMIN, AUDITOR.
  public let roles: Set<Simpeg_V1_Role>
  /// A service account's scopes, e.g. `employees.read`.
  public let scopes: Set<String>
  /// The employee a user account belongs to; 0 for none.
  public let employeeID: UInt64
  /// The positions the caller holds or acts in (Plt): what makes them a supervisor.
  public let positionIDs: [UInt64]
  /// The credential of this call.
  public let credential: Credential

  /// Whether the account has the ADMIN role.
  public var isAdmin: Bool { roles.contains(.admin) }
  /// Whether the account has the AUDITOR role.
  public var isAuditor: Bool { roles.contains(.auditor) }
  /// Whether the account is a service account.
  public var isService: Bool { kind == .service }

  /// Whether a service account holds `scope`.
  public func hasScope(_ scope: String) -> Bool { isService && scopes.contains(scope) }
}

/// The key under which the authentication interceptor stores the caller in the context.
enum PrincipalKey: ContextKey {
  typealias Value = Principal
}

extension ServerContext {
  /// The authenticated caller; `UNAUTHENTICATED` when the call carries no valid credential.
  func principal() throws -> Principal {
    guard let principal = self[PrincipalKey.self] else {
      throw RPCError(
        .unauthenticated,
        "this call needs a credential: log in (AuthService/Login) and send "
          + "'authorization: Bearer <token>', or send a service's 'authorization: ApiKey <key>'")
    }
    return principal
  }
}
