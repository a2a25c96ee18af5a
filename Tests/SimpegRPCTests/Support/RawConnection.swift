import NIOCore
import NIOPosix
import SwiftProtobuf
import Synchronization

@testable import SimpegRPC

/// A hand-driven connection to a server: sends arbitrary bytes and frames, and reads back the
/// server's preface and frames, so tests can break every rule of PROTOCOL.md on purpose.
final class RawConnection {
  enum Event: Sendable {
    case preface(UInt16)
    case frame(Frame)
    case closed
  }

  private let channel: any Channel
  private var iterator: AsyncStream<Event>.Iterator

  private final class Collector: ChannelInboundHandler, Sendable {
    typealias InboundIn = FrameDecoder.Event
    let continuation: AsyncStream<Event>.Continuation

    init(continuation: AsyncStream<Event>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      switch unwrapInboundIn(data) {
      case .preface(let version): continuation.yield(.preface(version))
      case .frame(let frame): continuation.yield(.frame(frame))
      }
    }

    func channelInactive(context: ChannelHandlerContext) {
      continuation.yield(.closed)
      continuation.finish()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
      context.close(promise: nil)
    }
  }

  private init(channel: any Channel, events: AsyncStream<Event>) {
    self.channel = channel
    self.iterator = events.makeAsyncIterator()
  }

  /// Connects to `server` over its transport without sending anything.
  static func connect(to server: TestServer) async throws -> RawConnection {
    switch server.transport {
    case .tcp: return try await connect(port: server.port)
    case .inProcess: return try await connect(inProcess: server.server)
    }
  }

  /// Connects to `server` in process, without sending anything.
  static func connect(inProcess server: RPCServer) async throws -> RawConnection {
    let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
    let channel = try await server.connectInProcess(
      clientEventLoop: MultiThreadedEventLoopGroup.singleton.next()
    ) { channel in
      try channel.pipeline.syncOperations.addHandler(
        ByteToMessageHandler(FrameDecoder(maxFrameSize: 64 * 1024 * 1024)))
      try channel.pipeline.syncOperations.addHandler(Collector(continuation: continuation))
      return channel
    }
    return RawConnection(channel: channel, events: stream)
  }

  /// Connects and completes the handshake with `server` over its transport.
  static func handshake(to server: TestServer, settings: Simpeg_Rpc_V1_Settings = .init()) async throws
    -> RawConnection
  {
    try await handshake(connection: try await connect(to: server), settings: settings)
  }

  /// Connects without sending anything.
  static func connect(port: Int) async throws -> RawConnection {
    let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(
            ByteToMessageHandler(FrameDecoder(maxFrameSize: 64 * 1024 * 1024)))
          try channel.pipeline.syncOperations.addHandler(Collector(continuation: continuation))
        }
      }
      .connect(host: "127.0.0.1", port: port).get()
    return RawConnection(channel: channel, events: stream)
  }

  /// Connects and completes the handshake: preface and SETTINGS both ways.
  static func handshake(port: Int, settings: Simpeg_Rpc_V1_Settings = .init()) async throws
    -> RawConnection
  {
    try await handshake(connection: try await connect(port: port), settings: settings)
  }

  private static func handshake(connection: RawConnection, settings: Simpeg_Rpc_V1_Settings) async throws
    -> RawConnection
  {
    var buffer = ByteBuffer()
    buffer.writePreface()
    buffer.writeFrame(Frame(type: .settings, callID: 0, payload: try settings.serializedBuffer()))
    try await connection.send(buffer)
    guard case .preface = try await connection.next() else { throw RawError("no preface") }
    guard case .frame(let frame) = try await connection.next(), frame.type == .settings else {
      throw RawError("no settings")
    }
    return connection
  }

  struct RawError: Error {
    let message: String
    init(_ message: String) { self.message = message }
  }

  func send(_ buffer: ByteBuffer) async throws {
    try await channel.writeAndFlush(buffer)
  }

  func send(_ bytes: [UInt8]) async throws {
    try await send(ByteBuffer(bytes: bytes))
  }

  func sendFrame(
    _ type: FrameType, flags: FrameFlags = [], callID: UInt32, payload: ByteBuffer = ByteBuffer()
  ) async throws {
    var buffer = ByteBuffer()
    buffer.writeFrame(Frame(type: type, flags: flags, callID: callID, payload: payload))
    try await send(buffer)
  }

  func sendCall(
    _ id: UInt32, method: String, request: (any SwiftProtobuf.Message)? = nil,
    timeoutMicros: UInt64 = 0
  ) async throws {
    var header = Simpeg_Rpc_V1_CallHeader()
    header.method = method
    header.timeoutMicros = timeoutMicros
    try await sendFrame(.call, callID: id, payload: try header.serializedBuffer())
    if let request {
      let bytes: [UInt8] = try request.serializedBytes()
      try await sendFrame(.message, flags: .endStream, callID: id, payload: ByteBuffer(bytes: bytes))
    }
  }

  /// The next event; `.closed` once the server closed the connection. If nothing arrives within
  /// `timeout` the connection is closed from this side and `.closed` returned, which fails
  /// whatever the test expected.
  func next(timeout: Duration = .seconds(30)) async throws -> Event {
    let channel = self.channel
    let timer = channel.eventLoop.scheduleTask(in: .init(timeout)) {
      channel.close(promise: nil)
    }
    defer { timer.cancel() }
    return await iterator.next() ?? .closed
  }

  /// The next frame of `type`, skipping others (e.g. PINGs); nil if the connection closed.
  func nextFrame(_ type: FrameType, timeout: Duration = .seconds(30)) async throws -> Frame? {
    while true {
      switch try await next(timeout: timeout) {
      case .closed: return nil
      case .preface: continue
      case .frame(let frame):
        if frame.type == type { return frame }
      }
    }
  }

  /// The GOAWAY the server sent before closing, and whether it then closed.
  func expectGoAway() async throws -> (Simpeg_Rpc_V1_GoAway, closed: Bool) {
    guard let frame = try await nextFrame(.goAway) else { throw RawError("closed without GOAWAY") }
    let goAway = try Simpeg_Rpc_V1_GoAway(buffer: frame.payload)
    return (goAway, try await waitForClose())
  }

  /// Whether the server closes the connection within `timeout`.
  func waitForClose(timeout: Duration = .seconds(30)) async throws -> Bool {
    while true {
      if case .closed = try await next(timeout: timeout) { return true }
    }
  }

  func trailer(_ frame: Frame) throws -> Simpeg_Rpc_V1_Trailer {
    try Simpeg_Rpc_V1_Trailer(buffer: frame.payload)
  }

  func close() {
    channel.close(promise: nil)
  }
}
