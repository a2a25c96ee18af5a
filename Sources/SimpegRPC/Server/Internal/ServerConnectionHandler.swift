import Logging
import NIOCore

/// The server side of one connection on its event loop: a thin shell around
/// ``ServerConnectionStateMachine``. It turns what happens (frames decoded, timers firing, the
/// calls' tasks sending, the server shutting down) into the machine's events and carries out
/// the actions it returns: frames written, timers armed on the loop's ``EventLoopTimerWheel``,
/// handlers started in tasks, calls released.
///
/// Everything here runs on the event loop; handlers run in tasks and reach it through
/// ``ServerCall``'s output, which hops to the event loop when needed.
final class ServerConnectionHandler: ChannelInboundHandler {
  typealias InboundIn = FrameDecoder.Event
  typealias OutboundOut = ByteBuffer

  /// What every connection of one server shares.
  struct Shared: Sendable {
    let router: RPCRouter
    let interceptors: [any ServerInterceptor]
    let configuration: ServerConfiguration
    let logger: Logger
    let registry: ConnectionRegistry
    /// The server's SETTINGS payload, the same for every connection.
    let settingsPayload: ByteBuffer

    init(
      router: RPCRouter, interceptors: [any ServerInterceptor], configuration: ServerConfiguration,
      logger: Logger, registry: ConnectionRegistry
    ) {
      self.router = router
      self.interceptors = interceptors
      self.configuration = configuration
      self.logger = logger
      self.registry = registry
      var settings = Simpeg_Rpc_V1_Settings()
      settings.maxFrameSize = configuration.maxFrameSize
      settings.maxConcurrentCalls = configuration.maxConcurrentCallsPerConnection
      settings.initialCallWindow = configuration.initialCallWindow
      settings.maxCallHeaderSize = configuration.maxCallHeaderSize
      settings.keepaliveIntervalMillis =
        configuration.keepaliveInterval.map(ServerConnectionStateMachine.millis) ?? 0
      settings.idleTimeoutMillis = configuration.idleTimeout.map(ServerConnectionStateMachine.millis) ?? 0
      settings.agent = "simpeg-rpc-swift"
      // Integers and a short string always encode; an empty payload would mean the defaults.
      settingsPayload = (try? settings.serializedBuffer()) ?? ByteBuffer()
    }
  }

  /// What the handler keeps of a call beside the machine's state.
  private struct CallResources {
    let call: ServerCall
    let route: RPCRouter.Route
    let context: ServerContext
    var task: Task<Void, Never>?
    var deadline: TimerHandle?
  }

  private let shared: Shared
  private let eventLoop: any EventLoop
  private let timers: EventLoopTimerWheel
  private let executor: EventLoopTaskExecutor?
  private let peer: String
  /// Whether the peer is a gateway trusted to say, in metadata, for whom it calls.
  private let peerIsTrustedForwarder: Bool
  private var logger: Logger
  private var machine: ServerConnectionStateMachine
  private var calls: [UInt32: CallResources] = [:]
  private var context: ChannelHandlerContext?
  private let frames = FrameWriter()
  private var handshakeTimer: TimerHandle?
  private var idleTimer: TimerHandle?
  private var keepaliveTimer: TimerHandle?
  private var pingTimer: TimerHandle?

  /// Creates the handler of a connection from `peer` on `eventLoop`; call on that loop.
  /// `rejection` refuses the connection at once (e.g. too many).
  init(
    shared: Shared, rejection: ProtocolViolation?, eventLoop: any EventLoop, peer: String,
    peerIsTrustedForwarder: Bool = false
  ) {
    self.shared = shared
    self.eventLoop = eventLoop
    self.peer = peer
    self.peerIsTrustedForwarder = peerIsTrustedForwarder
    self.timers = EventLoopTimerWheel.on(eventLoop)
    if case .connectionEventLoop = shared.configuration.handlerExecution {
      executor = shared.registry.executor(on: eventLoop)
    } else {
      executor = nil
    }
    self.machine = ServerConnectionStateMachine(
      configuration: shared.configuration, router: shared.router, rejection: rejection)
    var logger = shared.logger
    logger[metadataKey: "peer"] = "\(peer)"
    self.logger = logger
  }

  // MARK: Channel events

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    frames.attach(context)
  }

  func channelActive(context: ChannelHandlerContext) {
    perform(machine.channelActive())
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    perform(machine.channelInactive())
    cancelConnectionTimers()
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    frames.readStarted()
    switch unwrapInboundIn(data) {
    case .preface(let version):
      perform(machine.receivePreface(version: version))
    case .frame(let frame):
      let registry = shared.registry
      perform(machine.receive(frame, serverIsShuttingDown: registry.isShuttingDown))
    }
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    frames.readFinished()
    context.fireChannelReadComplete()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    if let violation = error as? ProtocolViolation {
      logger.debug("protocol violation", metadata: ["error": "\(violation)"])
      perform(machine.protocolViolation(violation))
    } else {
      logger.debug("connection error", metadata: ["error": "\(error)"])
      perform(machine.transportFailed())
    }
  }

  // MARK: From the server

  /// Starts a graceful shutdown: GOAWAY with the last call id, then close once calls finish.
  func beginGracefulShutdown() {
    perform(machine.beginGracefulShutdown())
  }

  /// Ends every call with `UNAVAILABLE` and closes the connection now.
  func forceClose() {
    perform(machine.forceClose())
  }

  // MARK: Carrying out the machine's actions

  private func perform(_ actions: [ServerConnectionStateMachine.Action]) {
    guard !actions.isEmpty else { return }
    for action in actions {
      switch action {
      case .writePreface:
        var preface = frames.allocator.buffer(capacity: WireProtocol.prefaceLength)
        preface.writePreface()
        frames.write(bytes: preface)
      case .writeSettings:
        frames.write(Frame(type: .settings, callID: 0, payload: shared.settingsPayload))
      case .writeGoAway(let code, let message, let lastCallID):
        var goAway = Simpeg_Rpc_V1_GoAway()
        goAway.lastCallID = lastCallID
        goAway.error = code
        goAway.message = message
        if let payload = try? goAway.serializedBuffer() {
          frames.write(Frame(type: .goAway, callID: 0, payload: payload))
        }
      case .writePing(let payload):
        var bytes = frames.allocator.buffer(capacity: 8)
        bytes.writeInteger(payload)
        frames.write(Frame(type: .ping, callID: 0, payload: bytes))
      case .writePingAck(let payload):
        frames.write(Frame(type: .ping, flags: .ack, callID: 0, payload: payload))
      case .close:
        cancelConnectionTimers()
        frames.flushNow()
        context?.close(promise: nil)
      case .established:
        shared.registry.markEstablished()
      case .armHandshakeTimer:
        handshakeTimer = arm(after: shared.configuration.handshakeTimeout) { $0.handshakeTimerFired() }
      case .armIdleTimer:
        disarm(&idleTimer)
        if let timeout = shared.configuration.idleTimeout {
          idleTimer = arm(after: timeout) { $0.idleTimerFired() }
        }
      case .disarmIdleTimer:
        disarm(&idleTimer)
      case .armKeepaliveTimer:
        if let interval = shared.configuration.keepaliveInterval {
          keepaliveTimer = arm(after: interval) {
            $0.keepaliveTimerFired(pingPayload: UInt64.random(in: .min ... .max))
          }
        }
      case .armPingTimeout(let payload):
        pingTimer = arm(after: shared.configuration.keepaliveTimeout) { $0.pingTimeoutFired(payload) }
      case .openCall(let opening):
        open(opening)
      case .deliverRequest(let id, let payload):
        calls[id]?.call.requests.push(payload)
      case .endRequests(let id):
        calls[id]?.call.requests.finish(.success(Metadata()))
      case .startHandler(let id):
        startHandler(id)
      case .writeMessage(let id, let payload):
        frames.write(Frame(type: .message, callID: id, payload: payload))
      case .writeTrailer(let id, let trailer):
        writeTrailer(id, trailer)
      case .writeCredit(let id, let amount):
        var payload = frames.allocator.buffer(capacity: 4)
        payload.writeInteger(amount)
        frames.write(Frame(type: .credit, callID: id, payload: payload))
      case .grantResponseCredit(let id, let amount):
        if let resources = calls[id], !resources.call.credit.grant(amount) {
          perform(machine.creditOverflowed(id))
        }
      case .releaseCall(let id, let error):
        release(id, error)
      }
    }
    frames.flushSoon()
  }

  /// Arms a connection timer whose firing is an event of the machine.
  private func arm(
    after delay: Duration,
    _ event: @escaping (inout ServerConnectionStateMachine) -> [ServerConnectionStateMachine.Action]
  ) -> TimerHandle {
    timers.schedule(in: TimeAmount(delay)) { [weak self] in
      guard let self else { return }
      self.perform(event(&self.machine))
    }
  }

  private func disarm(_ timer: inout TimerHandle?) {
    if let handle = timer { timers.cancel(handle) }
    timer = nil
  }

  private func cancelConnectionTimers() {
    disarm(&handshakeTimer)
    disarm(&idleTimer)
    disarm(&keepaliveTimer)
    disarm(&pingTimer)
  }

  // MARK: Calls

  private func open(_ opening: ServerConnectionStateMachine.CallOpening) {
    let id = opening.id
    let kind = opening.route.descriptor.kind
    let loopBound = NIOLoopBound(self, eventLoop: eventLoop)
    let eventLoop = self.eventLoop
    var grant: (@Sendable (Int) -> Void)?
    if kind.clientStreams {
      grant = { amount in
        eventLoop.execute { loopBound.value.requestCreditReturned(id, amount: amount) }
      }
    }
    let call = ServerCall(
      id: id, kind: kind, credit: OutboundCredit(initial: opening.responseWindow),
      requests: InboundMessageQueue(initialWindow: Int(opening.requestWindow), grantCredit: grant),
      maxResponseSize: opening.maxResponseSize,
      emit: { id, output in
        if eventLoop.inEventLoop {
          loopBound.value.handleOutput(id, output)
        } else {
          eventLoop.execute { loopBound.value.handleOutput(id, output) }
        }
      })
    let micros = Int64(clamping: opening.timeoutMicros)
    var resources = CallResources(
      call: call, route: opening.route,
      context: ServerContext(
        method: opening.route.descriptor, metadata: opening.metadata, peer: peer,
        deadline: micros > 0 ? ContinuousClock.now.advanced(by: .microseconds(micros)) : nil, callID: id,
        peerIsTrustedForwarder: peerIsTrustedForwarder, maxResponseSize: opening.maxResponseSize))
    if micros > 0 {
      resources.deadline = timers.schedule(in: .microseconds(micros)) { [weak self] in
        guard let self else { return }
        self.perform(self.machine.deadlineExpired(id))
      }
    }
    calls[id] = resources
  }

  private func startHandler(_ id: UInt32) {
    guard var resources = calls[id], resources.task == nil else { return }
    let call = resources.call
    let route = resources.route
    let context = resources.context
    let interceptors = shared.interceptors
    let logger = self.logger
    resources.task = Task(executorPreference: executor) {
      await CallRunner.run(
        call: call, route: route, context: context, interceptors: interceptors, logger: logger)
    }
    calls[id] = resources
  }

  /// What a call's task produced, sent if the call is still open.
  private func handleOutput(_ id: UInt32, _ output: ServerCall.Output) {
    switch output {
    case .message(let buffer):
      guard machine.mayRespond(id) else { return }
      frames.write(Frame(type: .message, callID: id, payload: buffer))
      frames.flushSoon()
    case .finish(let response, let trailer):
      perform(machine.handlerFinished(id, response: response, trailer: trailer))
    }
  }

  private func requestCreditReturned(_ id: UInt32, amount: Int) {
    perform(machine.requestCreditReturned(id, amount: amount))
  }

  /// Forgets a call: cancels its task and deadline and wakes its readers and writers with `error`.
  private func release(_ id: UInt32, _ error: RPCError) {
    guard let resources = calls.removeValue(forKey: id) else { return }
    if let deadline = resources.deadline { timers.cancel(deadline) }
    resources.task?.cancel()
    resources.call.requests.abort(error)
    resources.call.credit.close(error)
    resources.call.finish(error: error)  // marks it finished; its output is ignored now
  }

  private func writeTrailer(_ id: UInt32, _ trailer: Simpeg_Rpc_V1_Trailer) {
    let payload: ByteBuffer
    if let encoded = try? trailer.serializedBuffer() {
      payload = encoded
    } else {
      payload =
        (try? Simpeg_Rpc_V1_Trailer(error: RPCError(.internal, "trailer too large")).serializedBuffer())
        ?? ByteBuffer()
    }
    frames.write(Frame(type: .trailer, callID: id, payload: payload))
  }
}
