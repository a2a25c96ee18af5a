import Crypto
import Foundation

/// An opaque cursor that resumes a scan after the last row of a page.
///
/// It carries the last key returned, a fingerprint of the scan it came from (the database, the
/// range bounds and the direction) and a checksum over both, in URL-safe base64. Handing it to a
/// different scan, or altering it, fails with ``StoreError/Kind/invalidPageToken``. Tokens stay
/// valid across writes: the next page starts after the last key seen, whatever changed since.
/// The checksum detects accidents and tampering by clients that do not know the layout; it is not
/// a secret signature, so authorisation must never depend on a token.
public struct PageToken: Sendable, Hashable, CustomStringConvertible {
  /// The token's text, safe to put in a URL or a protobuf string field.
  public let string: String

  /// Wraps a token's text as received from a client; checked when a scan uses it.
  public init(_ string: String) {
    self.string = string
  }

  /// The token's text.
  public var description: String { string }

  private static let version: UInt8 = 1

  /// The fingerprint of a scan: which database, which bounds, which direction.
  static func scope(database: String, lower: [UInt8]?, upper: [UInt8]?, direction: ScanDirection) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: Array(database.utf8) + [0])
    hasher.update(
      data: lower.map { [1, UInt8(truncatingIfNeeded: $0.count >> 8), UInt8($0.count & 0xFF)] + $0 } ?? [0])
    hasher.update(
      data: upper.map { [1, UInt8(truncatingIfNeeded: $0.count >> 8), UInt8($0.count & 0xFF)] + $0 } ?? [0])
    hasher.update(data: [direction == .forward ? 0 : 1])
    return Array(hasher.finalize().prefix(8))
  }

  /// Makes a token that resumes after `key` within the scan of `scope`.
  static func make(scope: [UInt8], resumeAfter key: [UInt8]) -> PageToken {
    var raw: [UInt8] = [version]
    raw.append(contentsOf: scope)
    raw.append(contentsOf: key)
    raw.append(contentsOf: SHA256.hash(data: raw).prefix(8))
    let text = Data(raw).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
    return PageToken(text)
  }

  /// The key to resume after, if this token belongs to the scan of `scope` and is intact.
  func resumeKey(scope: [UInt8], database: String) throws(StoreError) -> [UInt8] {
    func invalid(_ why: String) -> StoreError {
      StoreError(
        .invalidPageToken,
        "the page token is not valid for this scan of \(database) (\(why)); start again without a token",
        table: database)
    }
    var text = string.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while text.count % 4 != 0 { text.append("=") }
    guard let data = Data(base64Encoded: text) else { throw invalid("not base64") }
    let raw = [UInt8](data)
    guard raw.count >= 1 + 8 + 1 + 8, raw[0] == Self.version else { throw invalid("malformed") }
    let body = Array(raw[..<(raw.count - 8)])
    guard Array(SHA256.hash(data: body).prefix(8)) == Array(raw[(raw.count - 8)...]) else {
      throw invalid("checksum mismatch")
    }
    guard Array(body[1..<9]) == scope else { throw invalid("it was issued for another scan") }
    return Array(body[9...])
  }
}
