/// The kinds of frame (Schema/PROTOCOL.md, "Frame types").
enum FrameType: UInt8, Sendable, CaseIterable {
  /// Connection settings; the first frame after each preface. Call id 0.
  case settings = 0x01
  /// Liveness check; answered with the ACK flag and the same 8 bytes. Call id 0.
  case ping = 0x02
  /// The sender stops taking calls, with the last call id it accepted. Call id 0.
  case goAway = 0x03
  /// Opens a call (client to server); payload `CallHeader`.
  case call = 0x04
  /// One protobuf message of a call, either way.
  case message = 0x05
  /// The client sends no more messages on this call. Empty payload.
  case halfClose = 0x06
  /// Ends a call with its status (server to client); payload `Trailer`.
  case trailer = 0x07
  /// The client abandons a call. Empty payload.
  case cancel = 0x08
  /// Grants the peer more bytes of MESSAGE payload on a call; payload a big-endian UInt32.
  case credit = 0x09

  /// Whether frames of this type belong to the connection (call id 0) rather than to a call.
  var isConnectionLevel: Bool { self == .settings || self == .ping || self == .goAway }
}

/// The flag bits of a frame header. Undefined bits are sent as zero and ignored on receipt.
struct FrameFlags: OptionSet, Sendable, Hashable {
  let rawValue: UInt8

  /// On CALL and MESSAGE: the client sends nothing more after this frame.
  static let endStream = FrameFlags(rawValue: 0x01)
  /// On PING: this is the answer to a ping.
  static let ack = FrameFlags(rawValue: 0x01)
}
