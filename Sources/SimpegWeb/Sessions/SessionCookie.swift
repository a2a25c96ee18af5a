import Foundation
import HTTPTypes

/// The cookie that holds a person's simpegd session token in the browser.
///
/// `HttpOnly` (page scripts never see it), `SameSite=Strict` (a browser sends it only on
/// requests from the gateway's own site), `Path=/`, `Secure` when the gateway is reached over
/// TLS (its own or a proxy's, see `cookie-secure`), and it expires with the session.
enum SessionCookie {
  /// The cookie's name.
  static let name = "simpeg_session"

  /// The `Set-Cookie` value that stores `token` until `expires`.
  static func setting(token: String, expires: Date, now: Date = Date(), secure: Bool) -> String {
    let maxAge = max(0, Int(expires.timeIntervalSince(now).rounded(.down)))
    var value = "\(name)=\(token); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict"
    if secure { value += "; Secure" }
    return value
  }

  /// The `Set-Cookie` value that removes the cookie.
  static func clearing(secure: Bool) -> String {
    var value = "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
    if secure { value += "; Secure" }
    return value
  }

  /// The value of the cookie `name` in the request's `Cookie` headers, if present and not empty.
  static func value(in headers: HTTPFields, name: String = name) -> String? {
    for header in headers[values: .cookie] {
      for pair in header.split(separator: ";") {
        let trimmed = pair.drop(while: { $0 == " " })
        guard let equals = trimmed.firstIndex(of: "=") else { continue }
        guard trimmed[..<equals] == name[...] else { continue }
        var value = trimmed[trimmed.index(after: equals)...]
        while value.last == " " { value = value.dropLast() }
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
          value = value.dropFirst().dropLast()
        }
        return value.isEmpty ? nil : String(value)
      }
    }
    return nil
  }
}
