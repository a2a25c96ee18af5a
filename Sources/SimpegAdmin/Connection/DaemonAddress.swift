import Foundation

/// Where simpegd listens: `host:port`, with IPv6 hosts in brackets (`[::1]:7400`).
public struct DaemonAddress: Sendable, Hashable, CustomStringConvertible {
  /// The address used when none is given: the daemon's own default.
  public static let standard = DaemonAddress(host: "127.0.0.1", port: 7400)

  /// The host name or IP address, without brackets.
  public var host: String
  /// The TCP port.
  public var port: Int

  /// Creates an address.
  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// Reads `host:port` or `[v6]:port`; a bare host gets port 7400.
  public init(parsing text: String) throws {
    let text = text.trimmingCharacters(in: .whitespaces)
    var host = text
    var portText: Substring?
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else {
        throw AdminFailure.usage("address '\(text)': an IPv6 host needs its closing bracket, e.g. [::1]:7400")
      }
      host = String(text[text.index(after: text.startIndex)..<close])
      let rest = text[text.index(after: close)...]
      if !rest.isEmpty {
        guard rest.hasPrefix(":") else {
          throw AdminFailure.usage("address '\(text)': expected :PORT after the bracketed host")
        }
        portText = rest.dropFirst()
      }
    } else if let colon = text.lastIndex(of: ":") {
      guard text.firstIndex(of: ":") == colon else {
        throw AdminFailure.usage("address '\(text)': put an IPv6 host in brackets, e.g. [::1]:7400")
      }
      host = String(text[..<colon])
      portText = text[text.index(after: colon)...]
    }
    guard !host.isEmpty else { throw AdminFailure.usage("address '\(text)' has no host; use HOST:PORT") }
    var port = Self.standard.port
    if let portText {
      guard let number = Int(portText), (1...65_535).contains(number) else {
        throw AdminFailure.usage("address '\(text)': the port must be a number from 1 to 65535")
      }
      port = number
    }
    self.init(host: host, port: port)
  }

  /// `host:port`, the host in brackets when it holds a colon.
  public var description: String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }
}
