import SwiftProtobuf

/// An error a call ends with: a status code, a message a person can act on, and optional details.
///
/// Handlers throw it to choose the status their caller sees; any other error a handler throws
/// reaches the caller as `INTERNAL` with a generic message (the original is logged, not sent,
/// so no internal detail leaks). Clients receive it for every call that does not end `OK`.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The status code; never ``StatusCode/ok``.
  public var code: StatusCode
  /// What went wrong and what to do about it.
  public var message: String
  /// Machine-readable details, e.g. which field was wrong.
  public var details: [Google_Protobuf_Any]
  /// Trailing metadata sent with the error.
  public var metadata: Metadata

  /// Creates an error. A code of ``StatusCode/ok`` is turned into ``StatusCode/unknown``, since a
  /// call that failed cannot report success.
  public init(
    _ code: StatusCode,
    _ message: String,
    details: [Google_Protobuf_Any] = [],
    metadata: Metadata = Metadata()
  ) {
    self.code = code == .ok ? .unknown : code
    self.message = message
    self.details = details
    self.metadata = metadata
  }

  /// `CODE: message`, as printed by clients.
  public var description: String { message.isEmpty ? code.name : "\(code.name): \(message)" }
}
