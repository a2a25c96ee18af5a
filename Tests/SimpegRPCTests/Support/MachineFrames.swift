import NIOCore
import SimpegEcho
import SwiftProtobuf

@testable import SimpegRPC

/// Frames and routes for driving the connection state machines by hand.
enum MachineFrames {
  static let get = "simpeg.echo.v1.EchoService/Get"
  static let expand = "simpeg.echo.v1.EchoService/Expand"
  static let collect = "simpeg.echo.v1.EchoService/Collect"
  static let update = "simpeg.echo.v1.EchoService/Update"

  /// The echo service's four methods, one of each kind.
  static let router: RPCRouter = {
    var router = RPCRouter()
    router.register(EchoHandler())
    return router
  }()

  /// The method of each kind.
  static func method(of kind: CallKind) -> String {
    switch kind {
    case .unary: get
    case .serverStreaming: expand
    case .clientStreaming: collect
    case .bidirectionalStreaming: update
    }
  }

  static func settings(_ settings: Simpeg_Rpc_V1_Settings = .init()) -> Frame {
    Frame(type: .settings, callID: 0, payload: encoded(settings))
  }

  static func ping(_ value: UInt64 = 7, ack: Bool = false) -> Frame {
    var payload = ByteBuffer()
    payload.writeInteger(value)
    return Frame(type: .ping, flags: ack ? .ack : [], callID: 0, payload: payload)
  }

  static func goAway(
    lastCallID: UInt32 = 0, error: Simpeg_Rpc_V1_ConnectionError = .noError, message: String = ""
  )
    -> Frame
  {
    var goAway = Simpeg_Rpc_V1_GoAway()
    goAway.lastCallID = lastCallID
    goAway.error = error
    goAway.message = message
    return Frame(type: .goAway, callID: 0, payload: encoded(goAway))
  }

  static func call(_ id: UInt32, _ method: String = get, timeoutMicros: UInt64 = 0, endStream: Bool = false)
    -> Frame
  {
    var header = Simpeg_Rpc_V1_CallHeader()
    header.method = method
    header.timeoutMicros = timeoutMicros
    return Frame(type: .call, flags: endStream ? .endStream : [], callID: id, payload: encoded(header))
  }

  static func message(_ id: UInt32, bytes: Int = 3, endStream: Bool = false) -> Frame {
    Frame(
      type: .message, flags: endStream ? .endStream : [], callID: id,
      payload: ByteBuffer(repeating: 0x2A, count: bytes))
  }

  static func halfClose(_ id: UInt32) -> Frame { Frame(type: .halfClose, callID: id, payload: ByteBuffer()) }

  static func cancel(_ id: UInt32) -> Frame { Frame(type: .cancel, callID: id, payload: ByteBuffer()) }

  static func credit(_ id: UInt32, _ amount: UInt32) -> Frame {
    var payload = ByteBuffer()
    payload.writeInteger(amount)
    return Frame(type: .credit, callID: id, payload: payload)
  }

  static func trailer(_ id: UInt32, _ trailer: Simpeg_Rpc_V1_Trailer = Simpeg_Rpc_V1_Trailer(ok: Metadata()))
    -> Frame
  {
    Frame(type: .trailer, callID: id, payload: encoded(trailer))
  }

  /// A well-formed frame of `type`, for call `id` where the type belongs to a call.
  static func frame(of type: FrameType, id: UInt32 = 1) -> Frame {
    switch type {
    case .settings: settings()
    case .ping: ping()
    case .goAway: goAway()
    case .call: call(id)
    case .message: message(id)
    case .halfClose: halfClose(id)
    case .trailer: trailer(id)
    case .cancel: cancel(id)
    case .credit: credit(id, 10)
    }
  }

  static func encoded(_ message: some SwiftProtobuf.Message) -> ByteBuffer {
    (try? message.serializedBuffer()) ?? ByteBuffer()
  }
}
