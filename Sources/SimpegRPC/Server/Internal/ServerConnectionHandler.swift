import Logging
import NIOCore

/// The server side of one connection: the protocol's state machine on the connection's event
/// loop. It answers the preface and settings, opens calls and starts their handlers, routes
/// frames to calls, enforces limits, deadlines and credit, and drains on graceful shutdown.
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
  }

  private enum Phase {
    case awaitingPreface
    case awaitingSettings
    case active
    case draining
    case closed
  }

  private struct CallEntry {
    let call: ServerCall
    let route: RPCRouter.Route
    var context: ServerContext
    var task: Task<Void, Never>?
    var receiveCredit: Int64
    var requestReceived = false
    var clientHalfClosed = false
    var deadlineTimer: Scheduled<Void>?
  }

  private let shared: Shared
  private let rejection: ProtocolViolation?
  private var phase = Phase.awaitingPreface
  private var calls: [UInt32: CallEntry] = [:]
  private var highestCallID: UInt32 = 0
  private var clientMaxFrameSize = Int(WireProtocol.defaultMaxFrameSize)
  private var clientInitialWindow = WireProtocol.defaultInitialCallWindow
  private var context: ChannelHandlerContext?
  private var executor: EventLoopTaskExecutor?
  private var peer = "unknown"
  private var peerIsTrustedForwarder = false
  private var logger: Logger

  private let frames = FrameWriter()
  // Timers are never cancelled: NIO finds a cancelled task by a linear search of the event loop's
  // scheduled tasks, so with thousands of connections, cancelling per call or at every close
  // (10,000 closing at once) held the event loops for seconds. Each timer checks, when it fires,
  // whether it still applies, and reschedules itself when it does not yet.
  /// When the connection last became idle (no calls); nil while calls are in flight.
  private var idleSince: NIODeadline?
  private var idleCheckPending = false
  /// The ping awaiting its ack, by number; nil when none is outstanding.
  private var pingOutstanding: UInt64?
  private var pingsSent: UInt64 = 0
  private var readSinceKeepaliveCheck = false

  /// Creates the handler; `rejection` refuses the connection at once (e.g. too many).
  init(shared: Shared, rejection: ProtocolViolation?) {
    self.shared = shared
    self.rejection = rejection
    self.logger = shared.logger
  }

  // MARK: Channel events

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    frames.attach(context)
    if case .connectionEventLoop = shared.configuration.handlerExecution {
      executor = shared.registry.executor(for: context.eventLoop)
    }
    if let address = context.channel.remoteAddress {
      peer = "\(address.ipAddress ?? "unknown"):\(address.port ?? 0)"
      peerIsTrustedForwarder = shared.configuration.trustedForwarders.contains(address.ipAddress ?? "")
    }
    logger[metadataKey: "peer"] = "\(peer)"
  }

  func channelActive(context: ChannelHandlerContext) {
    if let rejection {
      goAway(rejection)
      return
    }
    context.eventLoop.assumeIsolated().scheduleTask(in: .init(shared.configuration.handshakeTimeout)) {
      [weak self] in
      guard let self, self.phase == .awaitingPreface else { return }
      self.goAway(ProtocolViolation(.protocolError, "no preface and settings in time"))
    }
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    phase = .closed
    let lost = RPCError(.unavailable, "the connection closed")
    for id in Array(calls.keys) { tearDown(id, error: lost) }
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    frames.readStarted()
    readSinceKeepaliveCheck = true
    do {
      switch unwrapInboundIn(data) {
      case .preface(let version): try handlePreface(version: version)
      case .frame(let frame): try handleFrame(frame)
      }
    } catch let violation as ProtocolViolation {
      goAway(violation)
    } catch {
      goAway(ProtocolViolation(.internalError, "\(error)"))
    }
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    frames.readFinished()
    context.fireChannelReadComplete()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    if let violation = error as? ProtocolViolation {
      logger.debug("protocol violation", metadata: ["error": "\(violation)"])
      goAway(violation)
    } else {
      logger.debug("connection error", metadata: ["error": "\(error)"])
      context.close(promise: nil)
    }
  }

  // MARK: Preface and connection frames

  private func handlePreface(version: UInt16) throws {
    guard let context, phase == .awaitingPreface else { return }
    var buffer = context.channel.allocator.buffer(capacity: 64)
    buffer.writePreface()
    guard version == WireProtocol.version else {
      context.write(wrapOutboundOut(buffer), promise: nil)
      phase = .awaitingSettings
      throw ProtocolViolation(
        .unsupportedVersion,
        "the client speaks protocol version \(version); this server speaks version "
          + "\(WireProtocol.version)")
    }
    var settings = Simpeg_Rpc_V1_Settings()
    let configuration = shared.configuration
    settings.maxFrameSize = configuration.maxFrameSize
    settings.maxConcurrentCalls = configuration.maxConcurrentCallsPerConnection
    settings.initialCallWindow = configuration.initialCallWindow
    settings.maxCallHeaderSize = configuration.maxCallHeaderSize
    settings.keepaliveIntervalMillis = configuration.keepaliveInterval.map(Self.millis) ?? 0
    settings.idleTimeoutMillis = configuration.idleTimeout.map(Self.millis) ?? 0
    settings.agent = "simpeg-rpc-swift"
    let payload = try settings.serializedBuffer()
    buffer.writeFrame(Frame(type: .settings, callID: 0, payload: payload))
    context.write(wrapOutboundOut(buffer), promise: nil)
    phase = .awaitingSettings
  }

  private func handleFrame(_ frame: Frame) throws {
    switch phase {
    case .awaitingPreface, .closed:
      return
    case .awaitingSettings:
      guard frame.type == .settings else {
        throw ProtocolViolation(.protocolError, "the first frame must be SETTINGS, not \(frame.type)")
      }
      try handleSettings(frame)
      return
    case .active, .draining:
      break
    }
    switch frame.type {
    case .settings:
      throw ProtocolViolation(.protocolError, "SETTINGS may be sent only once")
    case .ping:
      try handlePing(frame)
    case .goAway:
      // The client will open no more calls; finish the ones in flight, then close.
      phase = .draining
      closeIfDrained()
    case .call:
      try handleCall(frame)
    case .message:
      try withCall(frame) { id in handleMessage(id, frame) }
    case .halfClose:
      try withCall(frame) { id in handleHalfClose(id) }
    case .cancel:
      try withCall(frame) { id in tearDown(id, error: RPCError(.cancelled, "the client cancelled the call")) }
    case .credit:
      try withCall(frame) { id in try handleCredit(id, frame) }
    case .trailer:
      throw ProtocolViolation(.protocolError, "TRAILER frames are sent by servers only")
    }
  }

  private func handleSettings(_ frame: Frame) throws {
    let settings = try PeerSettings(decoding: frame.payload)
    if let size = settings.maxFrameSize { clientMaxFrameSize = Int(size) }
    if let window = settings.initialCallWindow { clientInitialWindow = window }
    phase = .active
    shared.registry.markEstablished()
    scheduleIdleTimerIfIdle()
    startKeepalive()
  }

  private func handlePing(_ frame: Frame) throws {
    guard frame.payload.readableBytes == 8 else {
      throw ProtocolViolation(.protocolError, "PING payload must be 8 bytes")
    }
    if frame.flags.contains(.ack) {
      pingOutstanding = nil
      return
    }
    frames.write(Frame(type: .ping, flags: .ack, callID: 0, payload: frame.payload))
  }

  // MARK: Calls

  private func handleCall(_ frame: Frame) throws {
    let id = frame.callID
    guard id > highestCallID else {
      throw ProtocolViolation(
        .protocolError,
        "call id \(id) is not greater than the previous call id \(highestCallID); "
          + "call ids must increase on a connection")
    }
    highestCallID = id
    let configuration = shared.configuration
    // The registry's flag covers a call that arrives after the shutdown began but before this
    // connection's GOAWAY, queued on its event loop, has gone out.
    if phase == .draining || shared.registry.isShuttingDown {
      return refuse(id, RPCError(.unavailable, "the server is shutting down; retry on a new connection"))
    }
    guard calls.count < configuration.maxConcurrentCallsPerConnection else {
      return refuse(
        id,
        RPCError(
          .resourceExhausted,
          "\(calls.count) calls are in flight on this connection, its limit; retry when one "
            + "finishes or open another connection"))
    }
    let header: CallHeader
    switch CallHeader.decode(frame.payload, maxSize: configuration.maxCallHeaderSize) {
    case .success(let decoded): header = decoded
    case .failure(let error): return refuse(id, error)
    }
    guard let route = shared.router.routes[header.method] else {
      return refuse(
        id,
        RPCError(
          .unimplemented,
          "method '\(header.method)' is not served here; names look like "
            + "'simpeg.v1.HealthService/Check'"))
    }
    let kind = route.descriptor.kind
    let deadline: ContinuousClock.Instant? =
      header.timeoutMicros > 0
      ? ContinuousClock.now.advanced(by: .microseconds(Int64(clamping: header.timeoutMicros))) : nil
    let loopBound = NIOLoopBound(self, eventLoop: context!.eventLoop)
    let eventLoop = context!.eventLoop
    var grant: (@Sendable (Int) -> Void)?
    if kind.clientStreams {
      grant = { amount in
        eventLoop.execute { loopBound.value.grantRequestCredit(id, amount: amount) }
      }
    }
    let call = ServerCall(
      id: id, kind: kind, credit: OutboundCredit(initial: clientInitialWindow),
      requests: InboundMessageQueue(
        initialWindow: Int(configuration.initialCallWindow), grantCredit: grant),
      maxResponseSize: clientMaxFrameSize,
      emit: { id, output in
        if eventLoop.inEventLoop {
          loopBound.value.handleOutput(id, output)
        } else {
          eventLoop.execute { loopBound.value.handleOutput(id, output) }
        }
      })
    var entry = CallEntry(
      call: call, route: route,
      context: ServerContext(
        method: route.descriptor, metadata: header.metadata, peer: peer,
        deadline: deadline, callID: id, peerIsTrustedForwarder: peerIsTrustedForwarder),
      receiveCredit: Int64(configuration.initialCallWindow))
    if header.timeoutMicros > 0 {
      let micros = header.timeoutMicros
      entry.deadlineTimer = eventLoop.assumeIsolated().scheduleTask(
        in: .microseconds(Int64(clamping: micros))
      ) {
        [weak self] in
        self?.fail(
          id,
          RPCError(.deadlineExceeded, "the call's deadline of \(micros / 1000) ms passed"))
      }
    }
    calls[id] = entry
    idleSince = nil
    if frame.flags.contains(.endStream) {
      handleHalfClose(id)
    }
    if kind.clientStreams, calls[id] != nil {
      startHandler(id)
    }
  }

  private func withCall(_ frame: Frame, _ body: (UInt32) throws -> Void) throws {
    if calls[frame.callID] != nil {
      try body(frame.callID)
    } else if frame.callID > highestCallID {
      throw ProtocolViolation(
        .protocolError, "\(frame.type) for call \(frame.callID), which was never opened")
    }
    // Otherwise the call has finished; frames that crossed its end are ignored.
  }

  private func handleMessage(_ id: UInt32, _ frame: Frame) {
    guard var entry = calls[id] else { return }
    guard entry.receiveCredit > 0 else {
      return fail(
        id,
        RPCError(
          .resourceExhausted,
          "the client sent past its credit on this call (PROTOCOL.md, flow control)"))
    }
    guard !entry.clientHalfClosed else {
      return fail(id, RPCError(.invalidArgument, "a MESSAGE arrived after the client ended its stream"))
    }
    entry.receiveCredit -= Int64(frame.payload.readableBytes)
    if !entry.call.kind.clientStreams {
      guard !entry.requestReceived else {
        return fail(
          id, RPCError(.invalidArgument, "a \(entry.call.kind) call carries exactly one request"))
      }
      entry.requestReceived = true
    }
    calls[id] = entry
    entry.call.requests.push(frame.payload)
    if frame.flags.contains(.endStream) {
      handleHalfClose(id)
    }
  }

  private func handleHalfClose(_ id: UInt32) {
    guard var entry = calls[id], !entry.clientHalfClosed else { return }
    entry.clientHalfClosed = true
    calls[id] = entry
    if entry.call.kind.clientStreams {
      entry.call.requests.finish(.success(Metadata()))
    } else if entry.requestReceived {
      startHandler(id)
    } else {
      fail(id, RPCError(.invalidArgument, "the client ended a \(entry.call.kind) call without its request"))
    }
  }

  private func handleCredit(_ id: UInt32, _ frame: Frame) throws {
    guard frame.payload.readableBytes == 4,
      let amount = frame.payload.getInteger(at: frame.payload.readerIndex, as: UInt32.self),
      amount > 0
    else {
      throw ProtocolViolation(.protocolError, "CREDIT payload must be a non-zero 4-byte integer")
    }
    guard let entry = calls[id] else { return }
    if !entry.call.credit.grant(amount) {
      throw ProtocolViolation(.flowControlError, "credit on call \(id) exceeds 2^31-1 bytes")
    }
  }

  private func grantRequestCredit(_ id: UInt32, amount: Int) {
    guard var entry = calls[id], !entry.clientHalfClosed else { return }
    entry.receiveCredit += Int64(amount)
    calls[id] = entry
    var payload = context!.channel.allocator.buffer(capacity: 4)
    payload.writeInteger(UInt32(amount))
    frames.write(Frame(type: .credit, callID: id, payload: payload))
    frames.flushSoon()
  }

  private func startHandler(_ id: UInt32) {
    guard var entry = calls[id], entry.task == nil else { return }
    let call = entry.call
    let route = entry.route
    let context = entry.context
    let interceptors = shared.interceptors
    let logger = self.logger
    entry.task = Task(executorPreference: executor) {
      await CallRunner.run(
        call: call, route: route, context: context, interceptors: interceptors, logger: logger)
    }
    calls[id] = entry
  }

  /// Sends what a call's task produced, if the call is still open.
  private func handleOutput(_ id: UInt32, _ output: ServerCall.Output) {
    guard let entry = calls[id] else { return }
    switch output {
    case .message(let buffer):
      frames.write(Frame(type: .message, callID: id, payload: buffer))
    case .finish(let response, let trailer):
      if let response {
        frames.write(Frame(type: .message, callID: id, payload: response))
      }
      writeTrailer(id, trailer)
      entry.deadlineTimer?.cancel()
      entry.call.credit.close(RPCError(.cancelled, "the call has ended"))
      calls[id] = nil
      callRemoved()
    }
    frames.flushSoon()
  }

  /// Answers a call that never started with `error`.
  private func refuse(_ id: UInt32, _ error: RPCError) {
    writeTrailer(id, Simpeg_Rpc_V1_Trailer(error: error))
    frames.flushSoon()
  }

  /// Ends an open call with `error`, sent to the client, and cancels its handler.
  private func fail(_ id: UInt32, _ error: RPCError) {
    guard calls[id] != nil else { return }
    writeTrailer(id, Simpeg_Rpc_V1_Trailer(error: error))
    tearDown(id, error: error)
    frames.flushSoon()
  }

  /// Forgets a call without telling the client: cancels its task and wakes its readers and
  /// writers with `error`.
  private func tearDown(_ id: UInt32, error: RPCError) {
    guard let entry = calls.removeValue(forKey: id) else { return }
    entry.deadlineTimer?.cancel()
    entry.task?.cancel()
    entry.call.requests.abort(error)
    entry.call.credit.close(error)
    entry.call.finish(error: error)  // marks it finished; its output is ignored now
    callRemoved()
  }

  private func callRemoved() {
    if calls.isEmpty {
      scheduleIdleTimerIfIdle()
      closeIfDrained()
    }
  }

  // MARK: Shutdown, idleness, keepalive

  /// Starts a graceful shutdown: GOAWAY with the last call id, then close once calls finish.
  func beginGracefulShutdown() {
    switch phase {
    case .active, .awaitingSettings:
      phase = .draining
      sendGoAway(.noError, "the server is shutting down")
      frames.flushSoon()
      closeIfDrained()
    case .awaitingPreface:
      context?.close(promise: nil)
    case .draining, .closed:
      return
    }
  }

  /// Ends every call with `UNAVAILABLE` and closes the connection now.
  func forceClose() {
    guard phase != .closed else { return }
    for id in Array(calls.keys) {
      fail(id, RPCError(.unavailable, "the server shut down before the call finished; retry"))
    }
    context?.flush()
    context?.close(promise: nil)
  }

  private func closeIfDrained() {
    if phase == .draining, calls.isEmpty {
      context?.flush()
      context?.close(promise: nil)
    }
  }

  /// Notes that the connection became idle and makes sure an idle check is pending.
  private func scheduleIdleTimerIfIdle() {
    guard phase == .active, calls.isEmpty, shared.configuration.idleTimeout != nil else { return }
    idleSince = .now()
    scheduleIdleCheck()
  }

  private func scheduleIdleCheck() {
    guard !idleCheckPending, let since = idleSince, let timeout = shared.configuration.idleTimeout,
      let context
    else { return }
    idleCheckPending = true
    context.eventLoop.assumeIsolated().scheduleTask(deadline: since + .init(timeout)) { [weak self] in
      guard let self else { return }
      self.idleCheckPending = false
      // Calls in flight: the check is scheduled again when the last one ends.
      guard self.phase == .active, self.calls.isEmpty, let since = self.idleSince else { return }
      guard NIODeadline.now() >= since + .init(timeout) else {
        self.scheduleIdleCheck()  // idle again since, but not for long enough yet
        return
      }
      self.phase = .draining
      self.sendGoAway(.noError, "idle for \(Self.millis(timeout) / 1000) s; reconnect when needed")
      self.closeIfDrained()
    }
  }

  private func startKeepalive() {
    guard let interval = shared.configuration.keepaliveInterval, let context else { return }
    context.eventLoop.assumeIsolated().scheduleTask(in: .init(interval)) { [weak self] in
      guard let self, self.phase == .active || self.phase == .draining else { return }
      self.keepaliveTick(timeout: self.shared.configuration.keepaliveTimeout)
      self.startKeepalive()
    }
  }

  private func keepaliveTick(timeout: Duration) {
    guard let context, phase == .active || phase == .draining else { return }
    defer { readSinceKeepaliveCheck = false }
    guard !readSinceKeepaliveCheck, pingOutstanding == nil else { return }
    var payload = context.channel.allocator.buffer(capacity: 8)
    payload.writeInteger(UInt64.random(in: 0...UInt64.max))
    frames.write(Frame(type: .ping, callID: 0, payload: payload))
    frames.flushSoon()
    pingsSent += 1
    let ping = pingsSent
    pingOutstanding = ping
    context.eventLoop.assumeIsolated().scheduleTask(in: .init(timeout)) { [weak self] in
      guard let self, self.pingOutstanding == ping else { return }
      self.goAway(ProtocolViolation(.keepaliveTimeout, "a ping went unanswered"))
    }
  }

  // MARK: Writing

  private func goAway(_ violation: ProtocolViolation) {
    guard let context, phase != .closed else { return }
    if phase == .awaitingPreface {
      // PROTOCOL.md, section 3: a refusal before the handshake follows the server's preface.
      var preface = context.channel.allocator.buffer(capacity: WireProtocol.prefaceLength)
      preface.writePreface()
      context.write(wrapOutboundOut(preface), promise: nil)
    }
    sendGoAway(violation.code, violation.message)
    phase = .closed
    context.flush()
    context.close(promise: nil)
  }

  private func sendGoAway(_ code: Simpeg_Rpc_V1_ConnectionError, _ message: String) {
    var goAway = Simpeg_Rpc_V1_GoAway()
    goAway.lastCallID = highestCallID
    goAway.error = code
    goAway.message = message
    guard let payload = try? goAway.serializedBuffer() else { return }
    frames.write(Frame(type: .goAway, callID: 0, payload: payload))
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

  private static func millis(_ duration: Duration) -> UInt32 {
    let (seconds, attoseconds) = duration.components
    return UInt32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
  }
}
