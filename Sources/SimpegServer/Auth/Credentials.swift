import Crypto
import Foundation

/// Random secrets (session tokens, API keys, generated passwords) and their digests.
enum Credentials {
  /// A fresh session token: 256 random bits, URL-safe base64 with a `spg_` prefix.
  static func newToken() -> String { "spg_" + randomText(bytes: 32) }

  /// A fresh API key secret: 256 random bits with a `spk_` prefix.
  static func newAPIKey() -> String { "spk_" + randomText(bytes: 32) }

  /// A fresh password of 16 characters from an alphabet without look-alikes.
  static func newPassword() -> String {
    let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
    var generator = SystemRandomNumberGenerator()
    return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
  }

  /// The SHA-256 of a secret, as stored.
  static func digest(_ secret: String) -> [UInt8] {
    Array(SHA256.hash(data: Data(secret.utf8)))
  }

  /// `count` random bytes.
  static func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }

  private static func randomText(bytes: Int) -> String {
    Data(randomBytes(bytes)).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }
}
