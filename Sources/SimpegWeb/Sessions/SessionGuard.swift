import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC

/// Lets an account that must change its password (`must_change_password`: new, or reset by an
/// administrator) do nothing through the gateway but change it, look itself up or log out.
///
/// simpegd itself lets such a session call anything, so the gateway asks it once per session
/// (AuthService/WhoAmI) and remembers the answer for `lifetime`; the login endpoint and a
/// password change through the gateway record it at once. Only sessions are checked: API keys
/// belong to service accounts, which have no password.
final class SessionGuard: Sendable {
  /// What a session with a pending password change may still call.
  static let allowedWhileChangePending: Set<String> = [
    Simpeg_V1_AuthService.Method.ChangePassword.descriptor.fullName,
    Simpeg_V1_AuthService.Method.WhoAmI.descriptor.fullName,
    Simpeg_V1_AuthService.Method.Logout.descriptor.fullName,
  ]

  private struct Entry {
    var mustChangePassword: Bool
    var until: ContinuousClock.Instant
  }

  private let upstream: Upstream
  private let lifetime: Duration
  private let capacity: Int
  private let entries = NIOLockedValueBox<[String: Entry]>([:])

  /// A guard asking `upstream`, remembering answers for `lifetime`, at most `capacity` of them.
  init(upstream: Upstream, lifetime: Duration = .seconds(60), capacity: Int = 100_000) {
    self.upstream = upstream
    self.lifetime = lifetime
    self.capacity = capacity
  }

  /// Refuses `method` (a full method name) for `credential` when it is a session whose account
  /// must change its password first; passes the session's own refusal (expired, revoked) on.
  func check(_ credential: Credential, method: String, requestID: String) async throws(RPCError) {
    guard let token = credential.sessionToken,
      !Self.allowedWhileChangePending.contains(method)
    else { return }
    if try await mustChangePassword(token: token, credential: credential, requestID: requestID) {
      throw Self.refusal
    }
  }

  /// The refusal of a call while a password change is pending.
  static let refusal = RPCError(
    .failedPrecondition,
    "this account must change its password before anything else: call "
      + "simpeg.v1.AuthService/ChangePassword with the old and a new password")

  /// Records what the login endpoint or a password change learned of a session.
  func remember(token: String, mustChangePassword: Bool) {
    let until = ContinuousClock.now + lifetime
    entries.withLockedValue { entries in
      if entries.count >= capacity {
        let now = ContinuousClock.now
        entries = entries.filter { $0.value.until > now }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
      }
      entries[token] = Entry(mustChangePassword: mustChangePassword, until: until)
    }
  }

  /// Forgets a session (logged out).
  func forget(token: String) {
    _ = entries.withLockedValue { $0.removeValue(forKey: token) }
  }

  private func mustChangePassword(token: String, credential: Credential, requestID: String)
    async throws(RPCError) -> Bool
  {
    let now = ContinuousClock.now
    if let known = entries.withLockedValue({ $0[token] }), known.until > now {
      return known.mustChangePassword
    }
    var metadata = Metadata()
    if let authorization = credential.authorization { metadata.add("authorization", authorization) }
    metadata.add("request-id", requestID)
    let whoAmI: Simpeg_V1_WhoAmIResponse = try await upstream.unary(
      Simpeg_V1_AuthService.Method.WhoAmI.descriptor, request: Simpeg_V1_WhoAmIRequest(),
      options: CallOptions(timeout: .seconds(10), metadata: metadata))
    remember(token: token, mustChangePassword: whoAmI.account.mustChangePassword)
    return whoAmI.account.mustChangePassword
  }
}
