import SimpegAPI

/// Who may call a method, as declared in ``AccessPolicy``.
///
/// The interceptor enforces everything that depends on the caller alone. Rules marked
/// "subject" also depend on whom the call is about (an employee's own record, people below a
/// supervisor's position); their handlers finish the check with ``Authorizer``.
public enum Access: Sendable, Hashable, CustomStringConvertible {
  /// Anyone, even without a credential (health checks, logging in).
  case anyone
  /// Any authenticated account.
  case signedIn
  /// A user account (a person), not a service.
  case user
  /// The ADMIN role (BKPSDM).
  case admin
  /// ADMIN or AUDITOR: read-only operations on everything.
  case adminOrAuditor
  /// Any user account, and service accounts holding `scope`: information every employee may
  /// see (the organisation's structure).
  case read(scope: String)
  /// Subject rule: ADMIN, AUDITOR and services with `scope` see everyone; users only
  /// themselves and the people below their positions (checked by the handler).
  case readSubject(scope: String)
  /// ADMIN, or services holding `scope` (internal apps that write, e.g. the counter app).
  case adminOrScope(scope: String)
  /// Subject rule: a user acting on themselves or on people below their positions, or a
  /// service holding `scope`; ADMIN too. The handler checks the subject.
  case actSubject(scope: String)

  /// A short form for listings, e.g. `readSubject(employees.read)`.
  public var description: String {
    switch self {
    case .anyone: return "anyone"
    case .signedIn: return "signedIn"
    case .user: return "user"
    case .admin: return "admin"
    case .adminOrAuditor: return "adminOrAuditor"
    case .read(let scope): return "read(\(scope))"
    case .readSubject(let scope): return "readSubject(\(scope))"
    case .adminOrScope(let scope): return "adminOrScope(\(scope))"
    case .actSubject(let scope): return "actSubject(\(scope))"
    }
  }

  /// Whether this rule needs a credential at all.
  var needsCredential: Bool { self != .anyone }

  /// Whether `principal` passes the caller-only part of the rule.
  func admits(_ principal: Principal) -> Bool {
    switch self {
    case .anyone, .signedIn:
      return true
    case .user:
      return !principal.isService
    case .admin:
      return principal.isAdmin
    case .adminOrAuditor:
      return principal.isAdmin || principal.isAuditor
    case .read(let scope):
      return !principal.isService || principal.hasScope(scope)
    case .readSubject(let scope):
      return !principal.isService || principal.hasScope(scope)
    case .adminOrScope(let scope):
      return principal.isAdmin || principal.hasScope(scope)
    case .actSubject(let scope):
      return !principal.isService || principal.hasScope(scope)
    }
  }
}
