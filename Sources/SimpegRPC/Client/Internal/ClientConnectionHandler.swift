import NIOCore

/// The client side of one connection on its event loop: a thin shell around
/// ``ClientConnectionStateMachine``. It turns channel events, timers and the calls' requests
/// into the machine's events and carries out what the machine returns: frames written, calls
/// given their responses and outcomes, timers armed on the loop's ``EventLoopTimerWheel``.
final class ClientConnectionHandler: ChannelInboundHandler {
  typealias InboundIn = FrameDecoder.Event
  typealias OutboundOut = ByteBuffer

  private let configuration: ClientConfiguration
  private let readyPromise: EventLoopPromise<ServerSettings>
  private let onUnusable: @Sendable () -> Void
  private let timers: EventLoopTimerWheel
  private var machine: ClientConnectionStateMachine<ClientCall>
  private var deadlines: [UInt32: TimerHandle] = [:]
  private var handshakeTimer: TimerHandle?
  private var context: ChannelHandlerContext?
  private let frames = FrameWriter()

  /// Creates the handler, whose timers run on `timers` (its event loop's wheel).
  /// `readyPromise` completes once the server's settings arrive; `onUnusable` is called once
  /// when the connection takes no more calls (GOAWAY or close).
  init(
    configuration: ClientConfiguration, target: String, timers: EventLoopTimerWheel,
    readyPromise: EventLoopPromise<ServerSettings>, onUnusable: @escaping @Sendable () -> Void
  ) {
    self.configuration = configuration
    self.readyPromise = readyPromise
    self.onUnusable = onUnusable
    self.timers = timers
    self.machine = ClientConnectionStateMachine(
      target: target, responseWindow: configuration.initialCallWindow)
  }

  // MARK: Channel events

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    frames.attach(context)
    if context.channel.isActive { perform(machine.channelActive()) }
  }

  func channelActive(context: ChannelHandlerContext) {
    perform(machine.channelActive())
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    perform(machine.channelInactive())
    if let handle = handshakeTimer { timers.cancel(handle) }
    handshakeTimer = nil
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    frames.readStarted()
    switch unwrapInboundIn(data) {
    case .preface(let version): perform(machine.receivePreface(version: version))
    case .frame(let frame): perform(machine.receive(frame))
    }
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    frames.readFinished()
    context.fireChannelReadComplete()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    if let violation = error as? ProtocolViolation {
      perform(machine.protocolViolation(violation))
    } else {
      perform(machine.transportFailed("\(error)"))
    }
  }

  // MARK: Calls from tasks

  /// Opens `call` with its header and first request.
  func start(
    _ call: ClientCall, header: ByteBuffer, firstMessage: ByteBuffer?, endStream: Bool,
    timeout: Duration?
  ) {
    perform(
      machine.startCall(
        call, header: header, firstMessage: firstMessage, endStream: endStream, timeout: timeout))
  }

  /// Sends a request of `call`.
  func sendMessage(_ call: ClientCall, _ buffer: ByteBuffer) {
    guard let id = call.id else { return }
    perform(machine.sendMessage(id, buffer))
  }

  /// Ends the requests of `call`.
  func sendHalfClose(_ call: ClientCall) {
    guard let id = call.id else { return }
    perform(machine.halfClose(id))
  }

  /// Abandons `call`, telling the server when the call is open.
  func cancel(_ call: ClientCall, error: RPCError) {
    guard let id = call.id else {
      call.failLocally(error)
      return
    }
    let actions = machine.cancel(id, error)
    if actions.isEmpty { call.failLocally(error) }
    perform(actions)
  }

  /// Returns `amount` bytes of response credit on call `id`.
  func grantResponseCredit(_ id: UInt32, amount: Int) {
    perform(machine.responseCreditReturned(id, amount: amount))
  }

  /// Closes the connection now; calls in flight fail `UNAVAILABLE`.
  func close() {
    perform(machine.close())
  }

  // MARK: Carrying out the machine's actions

  private func perform(_ actions: [ClientConnectionStateMachine<ClientCall>.Action]) {
    guard !actions.isEmpty else { return }
    for action in actions {
      switch action {
      case .writePrefaceAndSettings:
        var buffer = frames.allocator.buffer(capacity: 64)
        buffer.writePreface()
        var settings = Simpeg_Rpc_V1_Settings()
        settings.maxFrameSize = configuration.maxFrameSize
        settings.initialCallWindow = configuration.initialCallWindow
        settings.agent = "simpeg-rpc-swift"
        if let payload = try? settings.serializedBuffer() {
          buffer.writeFrame(Frame(type: .settings, callID: 0, payload: payload))
        }
        frames.write(bytes: buffer)
        frames.flushNow()
      case .armHandshakeTimer:
        handshakeTimer = timers.schedule(in: TimeAmount(configuration.connectTimeout)) { [weak self] in
          guard let self else { return }
          self.handshakeTimer = nil
          self.perform(self.machine.handshakeTimerFired())
        }
      case .ready(let settings):
        disarmHandshakeTimer()
        readyPromise.succeed(settings)
      case .refused(let error):
        disarmHandshakeTimer()
        readyPromise.fail(error)
      case .unusable:
        onUnusable()
      case .writeGoAway(let code, let message):
        var goAway = Simpeg_Rpc_V1_GoAway()
        goAway.error = code
        goAway.message = message
        if let payload = try? goAway.serializedBuffer() {
          frames.write(Frame(type: .goAway, callID: 0, payload: payload))
        }
      case .writePingAck(let payload):
        frames.write(Frame(type: .ping, flags: .ack, callID: 0, payload: payload))
      case .close:
        frames.flushNow()
        context?.close(promise: nil)
      case .assign(let call, let id):
        call.assign(id: id)
      case .writeCall(let id, let header, let firstMessage, let endStream):
        frames.write(
          Frame(
            type: .call, flags: firstMessage == nil && endStream ? .endStream : [], callID: id,
            payload: header))
        if let firstMessage {
          frames.write(
            Frame(type: .message, flags: endStream ? .endStream : [], callID: id, payload: firstMessage))
        }
      case .armDeadline(let id, let timeout):
        deadlines[id] = timers.schedule(in: TimeAmount(timeout)) { [weak self] in
          guard let self else { return }
          self.deadlines[id] = nil
          self.perform(self.machine.deadlineExpired(id, timeout))
        }
      case .disarmDeadline(let id):
        if let handle = deadlines.removeValue(forKey: id) { timers.cancel(handle) }
      case .writeMessage(let id, let buffer):
        frames.write(Frame(type: .message, callID: id, payload: buffer))
      case .writeHalfClose(let id):
        frames.write(Frame(type: .halfClose, callID: id, payload: frames.allocator.buffer(capacity: 0)))
      case .writeCancel(let id):
        frames.write(Frame(type: .cancel, callID: id, payload: frames.allocator.buffer(capacity: 0)))
      case .writeCredit(let id, let amount):
        var payload = frames.allocator.buffer(capacity: 4)
        payload.writeInteger(amount)
        frames.write(Frame(type: .credit, callID: id, payload: payload))
      case .deliverResponse(let call, let buffer):
        call.responses.push(buffer)
      case .finishCall(let call, let outcome):
        call.receiveTrailer(outcome)
      case .failCall(let call, let error, let unprocessed):
        call.failLocally(error, unprocessed: unprocessed)
      case .grantRequestCredit(let call, let amount):
        if !call.credit.grant(amount), let id = call.id {
          perform(machine.creditOverflowed(id))
        }
      }
    }
    frames.flushSoon()
  }

  private func disarmHandshakeTimer() {
    if let handle = handshakeTimer { timers.cancel(handle) }
    handshakeTimer = nil
  }
}
