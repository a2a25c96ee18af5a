import NIOCore

/// Reads one direction of a connection's bytes (a preface, then frames) with the same checks
/// and decoders the server applies to what a client sends: the frame decoder, the SETTINGS
/// rules, the call-header decoder. For tools that inspect captured traffic, for fuzzing the
/// parsing of untrusted bytes, and for tests that look at what a server wrote.
///
/// It holds no connection state beyond the decoder's: call ids, credit and call lifecycles
/// are not checked here.
public struct WireReader: Sendable {
  /// One thing read from the wire.
  public enum Item: Sendable, Hashable {
    /// The preface with the protocol version the sender speaks.
    case preface(version: UInt16)
    /// A SETTINGS frame that decodes and keeps the protocol's limits.
    case settings
    /// A CALL frame whose header decodes: the method, the timeout (0 for none) and metadata.
    case call(callID: UInt32, method: String, timeoutMicros: UInt64, metadata: Metadata)
    /// A CALL frame that a server refuses with `error` (a header too large or that does not
    /// decode); the connection goes on.
    case refusedCall(callID: UInt32, error: RPCError)
    /// A TRAILER frame: the call's status (`nil` when the payload does not decode).
    case trailer(callID: UInt32, status: StatusCode?, message: String)
    /// A GOAWAY frame: the last call id accepted and the reason (`nil` when it does not decode).
    case goAway(lastCallID: UInt32, errorCode: Int?, message: String)
    /// Any other frame (MESSAGE, PING, CREDIT, HALF_CLOSE, CANCEL): type byte, flags, call id, payload.
    case frame(type: UInt8, flags: UInt8, callID: UInt32, payload: ByteBuffer)
  }

  /// Bytes that break the protocol: a server answers them with GOAWAY carrying `code` (the
  /// `ConnectionError` number of PROTOCOL.md) and `message`, then closes the connection.
  public struct Violation: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `ConnectionError` number.
    public let code: Int
    /// What was wrong.
    public let message: String

    /// "code: message".
    public var description: String { "\(code): \(message)" }
  }

  private var decoder: FrameDecoder
  private let maxCallHeaderSize: UInt32

  /// A reader with the limits of a server configured with these values.
  public init(
    maxFrameSize: UInt32 = WireProtocol.defaultMaxFrameSize,
    maxCallHeaderSize: UInt32 = WireProtocol.defaultMaxCallHeaderSize
  ) {
    decoder = FrameDecoder(maxFrameSize: maxFrameSize)
    self.maxCallHeaderSize = maxCallHeaderSize
  }

  /// Reads the next whole item at the front of `buffer`, consuming its bytes, or returns `nil`
  /// when the bytes left are the start of an item not yet complete. Throws at a violation, where
  /// a server would end the connection; read nothing more after one.
  public mutating func next(_ buffer: inout ByteBuffer) throws(Violation) -> Item? {
    do {
      switch try decoder.decode(buffer: &buffer) {
      case nil: return nil
      case .preface(let version): return .preface(version: version)
      case .frame(let frame): return try item(of: frame)
      }
    } catch let violation as ProtocolViolation {
      throw Violation(code: violation.code.rawValue, message: violation.message)
    } catch {
      throw Violation(code: Simpeg_Rpc_V1_ConnectionError.internalError.rawValue, message: "\(error)")
    }
  }

  private func item(of frame: Frame) throws -> Item {
    switch frame.type {
    case .settings:
      _ = try PeerSettings(decoding: frame.payload)
      return .settings
    case .call:
      switch CallHeader.decode(frame.payload, maxSize: maxCallHeaderSize) {
      case .success(let header):
        return .call(
          callID: frame.callID, method: header.method, timeoutMicros: header.timeoutMicros,
          metadata: header.metadata)
      case .failure(let error):
        return .refusedCall(callID: frame.callID, error: error)
      }
    case .trailer:
      guard let trailer = try? Simpeg_Rpc_V1_Trailer(buffer: frame.payload) else {
        return .trailer(callID: frame.callID, status: nil, message: "")
      }
      return .trailer(
        callID: frame.callID,
        status: StatusCode(rawValue: UInt8(clamping: trailer.code.rawValue)),
        message: trailer.message)
    case .goAway:
      guard let goAway = try? Simpeg_Rpc_V1_GoAway(buffer: frame.payload) else {
        return .goAway(lastCallID: 0, errorCode: nil, message: "")
      }
      return .goAway(
        lastCallID: goAway.lastCallID, errorCode: goAway.error.rawValue, message: goAway.message)
    case .ping, .message, .halfClose, .cancel, .credit:
      return .frame(
        type: frame.type.rawValue, flags: frame.flags.rawValue, callID: frame.callID,
        payload: frame.payload)
    }
  }
}

/// A CALL frame's header as the server reads it.
struct CallHeader {
  /// The full method name.
  var method: String
  /// The caller's timeout in microseconds; 0 for none.
  var timeoutMicros: UInt64
  /// The call's metadata.
  var metadata: Metadata

  /// Decodes a CALL payload, or the error the call is refused with.
  static func decode(_ payload: ByteBuffer, maxSize: UInt32) -> Result<CallHeader, RPCError> {
    guard payload.readableBytes <= maxSize else {
      return .failure(
        RPCError(
          .resourceExhausted,
          "the call header of \(payload.readableBytes) bytes exceeds the limit of "
            + "\(maxSize) bytes; send less metadata"))
    }
    guard let header = try? Simpeg_Rpc_V1_CallHeader(buffer: payload) else {
      return .failure(
        RPCError(.invalidArgument, "the call header does not decode (PROTOCOL.md, CallHeader)"))
    }
    return .success(
      CallHeader(
        method: header.method, timeoutMicros: header.timeoutMicros,
        metadata: Metadata(wire: header.metadata)))
  }
}

/// The limits of a client's SETTINGS the server keeps: `nil` where the client keeps the default.
struct PeerSettings {
  /// The largest frame payload the peer accepts.
  var maxFrameSize: UInt32?
  /// The credit the peer grants on each new call.
  var initialCallWindow: UInt32?

  /// Decodes and checks a SETTINGS payload (PROTOCOL.md, "Settings").
  init(decoding payload: ByteBuffer) throws(ProtocolViolation) {
    let settings: Simpeg_Rpc_V1_Settings
    do {
      settings = try Simpeg_Rpc_V1_Settings(buffer: payload)
    } catch {
      throw ProtocolViolation(.protocolError, "the SETTINGS payload does not decode")
    }
    if settings.maxFrameSize != 0 {
      guard settings.maxFrameSize >= WireProtocol.minimumMaxFrameSize else {
        throw ProtocolViolation(
          .protocolError,
          "max_frame_size \(settings.maxFrameSize) is below the minimum "
            + "\(WireProtocol.minimumMaxFrameSize)")
      }
      maxFrameSize = settings.maxFrameSize
    }
    if settings.initialCallWindow != 0 {
      guard Int64(settings.initialCallWindow) <= WireProtocol.maximumCredit else {
        throw ProtocolViolation(.flowControlError, "initial_call_window exceeds 2^31-1 bytes")
      }
      initialCallWindow = settings.initialCallWindow
    }
  }
}
