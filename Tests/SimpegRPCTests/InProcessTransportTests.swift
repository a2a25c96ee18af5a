import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SimpegEcho
import Testing

@testable import SimpegRPC

/// What the in-process transport adds to the protocol's tests (which run over both transports):
/// a server that listens nowhere, refusal once it shuts down, and the in-memory channel's own
/// promises: bytes in order across event loops, and a close seen at both ends.
@Suite struct InProcessTransportTests {
  @Test func serverInProcessOnlyListensNowhereAndStillAnswers() async throws {
    try await withTestServer(transport: .inProcess) { server in
      #expect(server.server.localAddress == nil)
      let echo = try server.echo()
      #expect(try await echo.get(echoRequest("tanpa soket")).text == "tanpa soket")
      #expect(server.server.openConnections == 1)
    }
  }

  @Test func clientOfAServerThatShutDownIsRefusedAsUnavailable() async throws {
    let server = try await TestServer.start(transport: .inProcess)
    await server.stop()
    let error = await #expect(throws: RPCError.self) {
      _ = try await server.echo().get(echoRequest("terlambat"))
    }
    #expect(error?.code == .unavailable)
    #expect(server.server.openConnections == 0)
  }

  @Test func clientClosingItsEndClosesTheServersEnd() async throws {
    try await withTestServer(transport: .inProcess) { server in
      let client = try server.client()
      let echo = Simpeg_Echo_V1_EchoService.Client(wrapping: client)
      _ = try await echo.get(echoRequest("a"))
      #expect(server.server.openConnections == 1)
      await client.close()
      #expect(await eventually { server.server.openConnections == 0 })
    }
  }

  @Test func bytesArriveInTheOrderFlushedAcrossEventLoops() async throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    let loops = Array(group.makeIterator())
    let (left, right) = InProcessChannel.makePair(clientEventLoop: loops[0], serverEventLoop: loops[1])
    let received = Received()
    try await right.eventLoop.submit {
      try right.pipeline.syncOperations.addHandler(Collect(received: received))
      right.activate()
    }.get()
    try await left.eventLoop.submit { left.activate() }.get()
    for batch in 0..<100 {
      try await left.eventLoop.submit {
        for index in 0..<10 { left.write(ByteBuffer(integer: UInt32(batch * 10 + index)), promise: nil) }
        left.flush()
      }.get()
    }
    #expect(await eventually { received.values.count == 1000 })
    #expect(received.values == (0..<1000).map { UInt32($0) })
    try await left.close().get()
    try await right.closeFuture.get()
    #expect(!right.isActive)
    try await group.shutdownGracefully()
  }

  @Test func writesToAClosedEndFailAndNothingArrives() async throws {
    let loop = MultiThreadedEventLoopGroup.singleton.next()
    let (left, right) = InProcessChannel.makePair(clientEventLoop: loop, serverEventLoop: loop)
    let received = Received()
    try await loop.submit {
      try right.pipeline.syncOperations.addHandler(Collect(received: received))
      right.activate()
      left.activate()
    }.get()
    try await right.close().get()
    try await left.closeFuture.get()
    await #expect(throws: ChannelError.self) {
      try await left.writeAndFlush(ByteBuffer(integer: UInt32(1))).get()
    }
    #expect(received.values.isEmpty)
  }
}

/// The integers a ``Collect`` handler read.
private final class Received: Sendable {
  private let state = NIOLockedValueBox<[UInt32]>([])
  func append(_ value: UInt32) { state.withLockedValue { $0.append(value) } }
  var values: [UInt32] { state.withLockedValue { $0 } }
}

/// Reads 4-byte integers, however the bytes are split.
private final class Collect: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  let received: Received
  private var pending = ByteBuffer()

  init(received: Received) { self.received = received }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var buffer = unwrapInboundIn(data)
    pending.writeBuffer(&buffer)
    while let value = pending.readInteger(as: UInt32.self) { received.append(value) }
  }
}
