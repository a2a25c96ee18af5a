import NIOCore
import Synchronization

/// One end of a connection held in memory: a NIO `Channel` whose flushed writes arrive as reads
/// at the other end, on that end's event loop, in order. Closing either end closes both, as a
/// TCP connection does. No socket, no port, no system call.
///
/// Its pipeline is the protocol's own (frame decoder, connection handler), so everything above
/// the bytes (frames, credit, deadlines, cancellation, GOAWAY) runs as it does over TCP. There
/// is no transport-level backpressure: the protocol's flow control bounds what a peer buffers.
///
/// Mutable state is touched only on ``eventLoop`` (every `ChannelCore` method runs there, as NIO
/// requires), except `peer` and the pipeline, which are set before the channel is handed to
/// any other thread; `isOpen` and `isActive`, read from anywhere, are atomics. Hence the
/// unchecked `Sendable`, as for NIO's own channels.
final class InProcessChannel: Channel, ChannelCore, @unchecked Sendable {
  let eventLoop: any EventLoop
  let allocator = ByteBufferAllocator()
  private let closePromise: EventLoopPromise<Void>
  private var storedPipeline: ChannelPipeline?
  private var peer: InProcessChannel?
  private var pendingWrites: [(ByteBuffer, EventLoopPromise<Void>?)] = []
  /// What arrived before this end became active, delivered when it does.
  private var earlyReads: [ByteBuffer] = []
  /// Whether the other end closed before this one became active.
  private var peerClosedEarly = false
  private let open = Atomic<Bool>(true)
  private let active = Atomic<Bool>(false)

  private init(eventLoop: any EventLoop) {
    self.eventLoop = eventLoop
    closePromise = eventLoop.makePromise()
    storedPipeline = ChannelPipeline(channel: self)
  }

  /// Two ends connected to each other, each on its event loop (which may be the same loop).
  /// Neither is registered or active yet: add the handlers, then ``activate()`` each on its loop.
  static func makePair(
    clientEventLoop: any EventLoop, serverEventLoop: any EventLoop
  ) -> (client: InProcessChannel, server: InProcessChannel) {
    let client = InProcessChannel(eventLoop: clientEventLoop)
    let server = InProcessChannel(eventLoop: serverEventLoop)
    client.peer = server
    server.peer = client
    return (client, server)
  }

  /// Registers the channel and makes it active (`channelActive` runs); call on its loop, once
  /// its handlers are in place. What the other end sent (or its close) before then follows.
  func activate() {
    eventLoop.preconditionInEventLoop()
    guard open.load(ordering: .relaxed), !active.load(ordering: .relaxed) else { return }
    pipeline.syncOperations.fireChannelRegistered()
    active.store(true, ordering: .releasing)
    pipeline.syncOperations.fireChannelActive()
    if !earlyReads.isEmpty {
      let reads = earlyReads
      earlyReads = []
      receive(reads)
    }
    if peerClosedEarly { peerClosed() }
  }

  // MARK: Channel

  var pipeline: ChannelPipeline {
    guard let storedPipeline else {
      preconditionFailure("an InProcessChannel's pipeline is made in its initialiser")
    }
    return storedPipeline
  }

  var closeFuture: EventLoopFuture<Void> { closePromise.futureResult }
  var localAddress: SocketAddress? { nil }
  var remoteAddress: SocketAddress? { nil }
  var parent: (any Channel)? { nil }
  var isWritable: Bool { true }
  var isActive: Bool { active.load(ordering: .acquiring) }
  var _channelCore: any ChannelCore { self }

  func setOption<Option: ChannelOption>(_ option: Option, value: Option.Value) -> EventLoopFuture<Void> {
    eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
  }

  func getOption<Option: ChannelOption>(_ option: Option) -> EventLoopFuture<Option.Value> {
    if option is ChannelOptions.Types.AutoReadOption, let value = true as? Option.Value {
      return eventLoop.makeSucceededFuture(value)
    }
    if option is ChannelOptions.Types.AllowRemoteHalfClosureOption, let value = false as? Option.Value {
      return eventLoop.makeSucceededFuture(value)
    }
    return eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
  }

  // MARK: ChannelCore

  func localAddress0() throws -> SocketAddress { throw ChannelError.operationUnsupported }

  func remoteAddress0() throws -> SocketAddress { throw ChannelError.operationUnsupported }

  func register0(promise: EventLoopPromise<Void>?) {
    promise?.succeed(())
  }

  func registerAlreadyConfigured0(promise: EventLoopPromise<Void>?) {
    promise?.succeed(())
  }

  func bind0(to: SocketAddress, promise: EventLoopPromise<Void>?) {
    promise?.fail(ChannelError.operationUnsupported)
  }

  func connect0(to: SocketAddress, promise: EventLoopPromise<Void>?) {
    promise?.fail(ChannelError.operationUnsupported)
  }

  func write0(_ data: NIOAny, promise: EventLoopPromise<Void>?) {
    eventLoop.preconditionInEventLoop()
    guard open.load(ordering: .relaxed) else {
      promise?.fail(ChannelError.ioOnClosedChannel)
      return
    }
    guard let buffer = tryUnwrapData(data, as: ByteBuffer.self) else {
      promise?.fail(ChannelError.operationUnsupported)
      return
    }
    pendingWrites.append((buffer, promise))
  }

  func flush0() {
    eventLoop.preconditionInEventLoop()
    guard open.load(ordering: .relaxed), !pendingWrites.isEmpty, let peer else { return }
    let writes = pendingWrites
    pendingWrites.removeAll(keepingCapacity: true)
    let buffers = writes.map(\.0)
    peer.eventLoop.execute { peer.receive(buffers) }
    for (_, promise) in writes { promise?.succeed(()) }
  }

  func read0() {
    // Everything written is delivered as it arrives, as with autoRead.
  }

  func close0(error: any Error, mode: CloseMode, promise: EventLoopPromise<Void>?) {
    eventLoop.preconditionInEventLoop()
    guard mode != .input else {
      promise?.fail(ChannelError.operationUnsupported)
      return
    }
    guard open.exchange(false, ordering: .acquiringAndReleasing) else {
      promise?.fail(ChannelError.alreadyClosed)
      return
    }
    let wasActive = active.exchange(false, ordering: .acquiringAndReleasing)
    let unwritten = pendingWrites
    pendingWrites = []
    for (_, promise) in unwritten { promise?.fail(error) }
    if let peer {
      self.peer = nil  // breaks the cycle between the two ends
      peer.eventLoop.execute { peer.peerClosed() }
    }
    promise?.succeed(())
    if wasActive { pipeline.syncOperations.fireChannelInactive() }
    pipeline.syncOperations.fireChannelUnregistered()
    // Later, as NIO's channels do: handlers may still be walking the pipeline.
    eventLoop.assumeIsolated().execute { [self] in
      removeHandlers(pipeline: pipeline)
      closePromise.succeed(())
    }
  }

  func triggerUserOutboundEvent0(_ event: Any, promise: EventLoopPromise<Void>?) {
    promise?.fail(ChannelError.operationUnsupported)
  }

  func channelRead0(_ data: NIOAny) {
    // Data no handler consumed; dropped, as at the end of any pipeline.
  }

  func errorCaught0(error: any Error) {
    // Errors no handler consumed.
  }

  // MARK: From the other end

  /// Bytes the other end flushed.
  private func receive(_ buffers: [ByteBuffer]) {
    guard open.load(ordering: .relaxed) else { return }
    guard active.load(ordering: .relaxed) else {
      earlyReads += buffers
      return
    }
    let pipeline = self.pipeline
    for buffer in buffers {
      pipeline.syncOperations.fireChannelRead(NIOAny(buffer))
    }
    pipeline.syncOperations.fireChannelReadComplete()
  }

  /// The other end closed: so does this one, as after a TCP FIN (once active, so that what
  /// came before the close is read first).
  private func peerClosed() {
    guard open.load(ordering: .relaxed) else { return }
    guard active.load(ordering: .relaxed) else {
      peerClosedEarly = true
      return
    }
    close0(error: ChannelError.eof, mode: .all, promise: nil)
  }
}
