import HTTPTypes
import SimpegRPC

/// The Connect protocol's names and HTTP statuses for the gRPC status codes simpegd ends calls
/// with (connectrpc.com/docs/protocol, "Error Codes").
enum ConnectCode {
  /// The code's name on the wire: gRPC's name in lower snake case, `CANCELLED` spelt `canceled`.
  static func name(_ code: StatusCode) -> String {
    code == .cancelled ? "canceled" : code.name.lowercased()
  }

  /// The HTTP status of a unary error with `code`.
  static func httpStatus(_ code: StatusCode) -> HTTPResponse.Status {
    switch code {
    case .cancelled: HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")
    case .invalidArgument, .failedPrecondition, .outOfRange: .badRequest
    case .deadlineExceeded: .gatewayTimeout
    case .notFound: .notFound
    case .alreadyExists, .aborted: .conflict
    case .permissionDenied: .forbidden
    case .resourceExhausted: .tooManyRequests
    case .unimplemented: .notImplemented
    case .unavailable: .serviceUnavailable
    case .unauthenticated: .unauthorized
    default: .internalServerError  // unknown, internal, data_loss
    }
  }
}
