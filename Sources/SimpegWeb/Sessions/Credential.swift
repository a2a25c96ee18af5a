import HTTPTypes
import SimpegRPC

/// The credential a request carries, as simpegd's `authorization` metadata wants it.
///
/// - `Authorization: Bearer <token>`: a session token from Login, or an API key (its `spk_`
///   prefix tells them apart; simpegd's own form `ApiKey <key>` is accepted too).
/// - The session cookie (``SessionCookie``), set by the login endpoint for people in browsers.
///
/// The header wins when both are present. A request with neither is anonymous: simpegd decides
/// what such a caller may do (the public-service lookup, Login).
enum Credential: Sendable, Equatable {
  /// No credential.
  case anonymous
  /// A session token; `fromCookie` when it came in the session cookie, which makes the
  /// cross-site checks apply.
  case session(token: String, fromCookie: Bool)
  /// A service account's API key.
  case apiKey(String)

  /// The prefix of simpegd's API keys.
  static let apiKeyPrefix = "spk_"
  /// The longest credential accepted, as simpegd accepts.
  static let maxLength = 256

  /// The value of simpegd's `authorization` metadata; nil for anonymous.
  var authorization: String? {
    switch self {
    case .anonymous: nil
    case .session(let token, _): "Bearer " + token
    case .apiKey(let key): "ApiKey " + key
    }
  }

  /// Whether the credential came in the cookie.
  var isFromCookie: Bool {
    if case .session(_, true) = self { return true }
    return false
  }

  /// The session token, when the credential is a session.
  var sessionToken: String? {
    if case .session(let token, _) = self { return token }
    return nil
  }

  /// Reads the credential of a request: the `Authorization` header, else the session cookie.
  /// Throws `UNAUTHENTICATED` for an `Authorization` header that is not one of the forms above.
  static func of(_ headers: HTTPFields, cookieName: String = SessionCookie.name) throws(RPCError)
    -> Credential
  {
    if let header = headers[.authorization] {
      let parts = header.split(separator: " ", maxSplits: 1)
      guard parts.count == 2, !parts[1].isEmpty, isVisibleASCII(parts[1]) else { throw malformed }
      let secret = String(parts[1])
      switch parts[0].lowercased() {
      case "bearer":
        return secret.hasPrefix(apiKeyPrefix) ? .apiKey(secret) : .session(token: secret, fromCookie: false)
      case "apikey":
        return .apiKey(secret)
      default:
        throw malformed
      }
    }
    if let token = SessionCookie.value(in: headers, name: cookieName) {
      guard isVisibleASCII(token[...]) else {
        throw RPCError(.unauthenticated, "the session cookie is malformed; log in again")
      }
      return .session(token: token, fromCookie: true)
    }
    return .anonymous
  }

  /// Whether `text` is 1 to ``maxLength`` bytes of visible ASCII (no spaces or controls).
  private static func isVisibleASCII(_ text: Substring) -> Bool {
    let bytes = text.utf8
    return !bytes.isEmpty && bytes.count <= maxLength && bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F }
  }

  private static var malformed: RPCError {
    RPCError(
      .unauthenticated,
      "the Authorization header must be 'Bearer <session token or API key>' or 'ApiKey <key>'")
  }
}
