/// A breach of Schema/PROTOCOL.md that ends the connection: it is answered with GOAWAY carrying
/// `code` and `message`, then the connection closes.
struct ProtocolViolation: Error, Sendable, Hashable, CustomStringConvertible {
  /// The GOAWAY error code.
  var code: Simpeg_Rpc_V1_ConnectionError
  /// What the peer did wrong, for the peer's operator.
  var message: String

  init(_ code: Simpeg_Rpc_V1_ConnectionError, _ message: String) {
    self.code = code
    self.message = message
  }

  var description: String { "\(code): \(message)" }
}
