import Foundation
import SimpegAPI
import SimpegRPC

/// The refusals of Login and ChangePassword. A wrong password and an unknown username get the
/// same status and message (and take the same time), so neither tells which usernames exist.
enum LoginRefusal {
  /// Wrong password, unknown username, or an account that cannot log in with a password.
  static let wrongCredentials = RPCError(.unauthenticated, "wrong username or password")

  /// The account is disabled (said only to someone who gave its correct password).
  static let disabled = RPCError(
    .unauthenticated, "this account is disabled; ask BKPSDM to enable it")

  /// Too many password checks in progress for the client's host at once.
  static let busy: RPCError = {
    var metadata = Metadata()
    metadata.add("retry-after", "1")
    return RPCError(
      .resourceExhausted,
      "too many logins in progress from this address at once; retry when one has finished",
      metadata: metadata)
  }()

  /// Too many failed attempts for the username or from the client's host; the message and the
  /// `retry-after` trailing metadata give the whole seconds to wait.
  static func throttled(retryAfter seconds: TimeInterval) -> RPCError {
    let wait = max(1, Int(seconds.rounded(.up)))
    var metadata = Metadata()
    metadata.add("retry-after", String(wait))
    return RPCError(
      .resourceExhausted,
      "too many failed logins for this username or from this address; try again in \(wait) "
        + "seconds", metadata: metadata)
  }
}
