import NIOCore

/// The server side of one connection (Schema/PROTOCOL.md) as a pure state machine: no I/O, no
/// clock, no event loop. ``ServerConnectionHandler`` feeds it what happens (bytes decoded into
/// frames, timers firing, handlers finishing, the server shutting down) and carries out the
/// ``Action``s it returns, in order.
///
/// The connection's life is here: the handshake and its timeout, GOAWAY both ways and
/// draining, idleness and keepalive. Calls are ``ServerCallTable``'s, to which the frames of
/// calls go once the handshake is done.
struct ServerConnectionStateMachine {
  /// Where the connection is in its life.
  enum Phase: Equatable, CaseIterable {
    /// Nothing read yet.
    case awaitingPreface
    /// The client's preface arrived and the server's went out; the client's SETTINGS are next.
    case awaitingSettings
    /// Calls are taken.
    case active
    /// GOAWAY was sent or received: calls in flight finish, new ones are refused, and the
    /// connection closes when the last one ends.
    case draining
    /// The connection is closing or closed; nothing more is done.
    case closed
  }

  /// What a call needs to run, decided when its CALL frame is accepted.
  struct CallOpening: Equatable {
    /// The call id.
    let id: UInt32
    /// The method's route.
    let route: RPCRouter.Route
    /// The call's metadata.
    let metadata: Metadata
    /// The client's timeout in microseconds; 0 for none.
    let timeoutMicros: UInt64
    /// The credit the server starts with for responses (the client's initial window).
    let responseWindow: UInt32
    /// The largest response the client accepts (its max frame size).
    let maxResponseSize: Int
    /// The credit the client starts with for requests (the server's initial window).
    let requestWindow: UInt32

    static func == (lhs: Self, rhs: Self) -> Bool {
      lhs.id == rhs.id && lhs.route.descriptor == rhs.route.descriptor && lhs.metadata == rhs.metadata
        && lhs.timeoutMicros == rhs.timeoutMicros && lhs.responseWindow == rhs.responseWindow
        && lhs.maxResponseSize == rhs.maxResponseSize && lhs.requestWindow == rhs.requestWindow
    }
  }

  /// What the handler does, in the order given.
  enum Action: Equatable {
    // The connection.
    /// Write the server's preface.
    case writePreface
    /// Write the server's SETTINGS.
    case writeSettings
    /// Write GOAWAY.
    case writeGoAway(Simpeg_Rpc_V1_ConnectionError, String, lastCallID: UInt32)
    /// Write a PING with this payload.
    case writePing(UInt64)
    /// Write the ACK of a PING with this payload.
    case writePingAck(ByteBuffer)
    /// Flush and close the connection.
    case close
    /// The handshake completed (for the server's counts).
    case established

    // Timers.
    /// Arm the handshake timer (the configured handshake timeout).
    case armHandshakeTimer
    /// Arm the idle timer (the configured idle timeout), replacing one armed.
    case armIdleTimer
    /// Disarm the idle timer.
    case disarmIdleTimer
    /// Arm the next keepalive tick (the configured interval).
    case armKeepaliveTimer
    /// Arm the timeout of the PING with this payload.
    case armPingTimeout(UInt64)

    // Calls.
    /// Create the call's request queue, response credit and context; arm its deadline.
    case openCall(CallOpening)
    /// Hand a request message to the call.
    case deliverRequest(UInt32, ByteBuffer)
    /// End the call's request stream successfully.
    case endRequests(UInt32)
    /// Start the call's handler.
    case startHandler(UInt32)
    /// Write a response message.
    case writeMessage(UInt32, ByteBuffer)
    /// Write the call's TRAILER.
    case writeTrailer(UInt32, Simpeg_Rpc_V1_Trailer)
    /// Write a CREDIT frame granting the client this many bytes for requests.
    case writeCredit(UInt32, UInt32)
    /// Add this many bytes to the call's response credit (the client granted them); when the
    /// sum passes the protocol's maximum, report ``ServerConnectionStateMachine/creditOverflowed(_:)``.
    case grantResponseCredit(UInt32, UInt32)
    /// Forget the call: cancel its handler and deadline, fail its readers and writers with the error.
    case releaseCall(UInt32, RPCError)
  }

  private(set) var phase = Phase.awaitingPreface
  private(set) var calls = ServerCallTable()
  private(set) var keepalive = Keepalive()
  /// The client's limits, from its SETTINGS; `nil` until they arrive.
  private(set) var peer: PeerSettings?
  private let configuration: ServerConfiguration
  private let router: RPCRouter
  private let rejection: ProtocolViolation?

  /// A connection of a server with `configuration` and `router`; `rejection` refuses it at
  /// once (e.g. too many connections).
  init(configuration: ServerConfiguration, router: RPCRouter, rejection: ProtocolViolation? = nil) {
    self.configuration = configuration
    self.router = router
    self.rejection = rejection
  }

  // MARK: The channel

  /// The connection is up.
  mutating func channelActive() -> [Action] {
    if let rejection { return connectionError(rejection) }
    guard phase == .awaitingPreface else { return [] }
    return [.armHandshakeTimer]
  }

  /// The connection is gone: every call ends.
  mutating func channelInactive() -> [Action] {
    phase = .closed
    let lost = RPCError(.unavailable, "the connection closed")
    return calls.ids.flatMap { calls.release($0, lost) }
  }

  /// The transport failed (not a protocol violation): close.
  mutating func transportFailed() -> [Action] {
    guard phase != .closed else { return [] }
    phase = .closed
    return [.close]
  }

  /// The peer broke the protocol in a way found outside this machine (the frame decoder): GOAWAY
  /// with the violation, then close.
  mutating func protocolViolation(_ violation: ProtocolViolation) -> [Action] {
    connectionError(violation)
  }

  /// The client's grant on call `id` took its response credit past the protocol's maximum.
  mutating func creditOverflowed(_ id: UInt32) -> [Action] {
    connectionError(ProtocolViolation(.flowControlError, "credit on call \(id) exceeds 2^31-1 bytes"))
  }

  // MARK: Reading

  /// The client's preface.
  mutating func receivePreface(version: UInt16) -> [Action] {
    keepalive.noteRead()
    guard phase == .awaitingPreface else { return [] }
    phase = .awaitingSettings
    guard version == WireProtocol.version else {
      return [.writePreface]
        + connectionError(
          ProtocolViolation(
            .unsupportedVersion,
            "the client speaks protocol version \(version); this server speaks version "
              + "\(WireProtocol.version)"))
    }
    return [.writePreface, .writeSettings]
  }

  /// A frame from the client. `serverIsShuttingDown` is asked only for a CALL: a call read after
  /// the server began to shut down is refused even before this connection heard of it.
  mutating func receive(_ frame: Frame, serverIsShuttingDown: @autoclosure () -> Bool = false)
    -> [Action]
  {
    keepalive.noteRead()
    switch phase {
    case .awaitingPreface, .closed:
      return []
    case .awaitingSettings:
      return receiveSettings(frame)
    case .active, .draining:
      break
    }
    do throws(ProtocolViolation) {
      switch frame.type {
      case .settings:
        throw ProtocolViolation(.protocolError, "SETTINGS may be sent only once")
      case .ping:
        return try receivePing(frame)
      case .goAway:
        // The client opens no more calls: those in flight finish, then the connection closes.
        phase = .draining
        return calls.isEmpty ? [.close] : []
      case .call:
        return try receiveCall(frame, serverIsShuttingDown: serverIsShuttingDown())
      case .message:
        try checkOpen(frame)
        let actions = calls.message(frame.callID, frame.payload, endStream: frame.flags.contains(.endStream))
        return afterRemovals(actions)
      case .halfClose:
        try checkOpen(frame)
        let actions = calls.requestsEnded(frame.callID)
        return afterRemovals(actions)
      case .cancel:
        try checkOpen(frame)
        let actions = calls.release(frame.callID, RPCError(.cancelled, "the client cancelled the call"))
        return afterRemovals(actions)
      case .credit:
        try checkOpen(frame)
        guard calls.isOpen(frame.callID) else { return [] }
        guard frame.payload.readableBytes == 4,
          let amount = frame.payload.getInteger(at: frame.payload.readerIndex, as: UInt32.self),
          amount > 0
        else {
          throw ProtocolViolation(.protocolError, "CREDIT payload must be a non-zero 4-byte integer")
        }
        return [.grantResponseCredit(frame.callID, amount)]
      case .trailer:
        throw ProtocolViolation(.protocolError, "TRAILER frames are sent by servers only")
      }
    } catch {
      return connectionError(error)
    }
  }

  private mutating func receiveSettings(_ frame: Frame) -> [Action] {
    guard frame.type == .settings else {
      return connectionError(
        ProtocolViolation(.protocolError, "the first frame must be SETTINGS, not \(frame.type)"))
    }
    do throws(ProtocolViolation) {
      peer = try PeerSettings(decoding: frame.payload)
    } catch {
      return connectionError(error)
    }
    phase = .active
    var actions: [Action] = [.established]
    if configuration.idleTimeout != nil { actions.append(.armIdleTimer) }
    if configuration.keepaliveInterval != nil { actions.append(.armKeepaliveTimer) }
    return actions
  }

  private mutating func receivePing(_ frame: Frame) throws(ProtocolViolation) -> [Action] {
    guard frame.payload.readableBytes == 8 else {
      throw ProtocolViolation(.protocolError, "PING payload must be 8 bytes")
    }
    if frame.flags.contains(.ack) {
      keepalive.ackReceived()
      return []
    }
    return [.writePingAck(frame.payload)]
  }

  private mutating func receiveCall(_ frame: Frame, serverIsShuttingDown: Bool) throws(ProtocolViolation)
    -> [Action]
  {
    let id = frame.callID
    try calls.admitCallID(id)
    if phase == .draining || serverIsShuttingDown {
      return [refusal(id, RPCError(.unavailable, "the server is shutting down; retry on a new connection"))]
    }
    guard calls.count < configuration.maxConcurrentCallsPerConnection else {
      return [
        refusal(
          id,
          RPCError(
            .resourceExhausted,
            "\(calls.count) calls are in flight on this connection, its limit; retry when one "
              + "finishes or open another connection"))
      ]
    }
    let header: CallHeader
    switch CallHeader.decode(frame.payload, maxSize: configuration.maxCallHeaderSize) {
    case .success(let decoded): header = decoded
    case .failure(let error): return [refusal(id, error)]
    }
    guard let route = router.routes[header.method] else {
      return [
        refusal(
          id,
          RPCError(
            .unimplemented,
            "method '\(header.method)' is not served here; names look like "
              + "'simpeg.v1.HealthService/Check'"))
      ]
    }
    let opening = CallOpening(
      id: id, route: route, metadata: header.metadata, timeoutMicros: header.timeoutMicros,
      responseWindow: peer?.initialCallWindow ?? WireProtocol.defaultInitialCallWindow,
      maxResponseSize: Int(peer?.maxFrameSize ?? WireProtocol.defaultMaxFrameSize),
      requestWindow: configuration.initialCallWindow)
    let wasIdle = calls.isEmpty
    let opened = calls.open(
      id, kind: route.descriptor.kind, timeoutMicros: header.timeoutMicros,
      requestWindow: configuration.initialCallWindow, endStream: frame.flags.contains(.endStream),
      opening: opening)
    return afterRemovals((wasIdle && configuration.idleTimeout != nil ? [.disarmIdleTimer] : []) + opened)
  }

  /// Frames for a call never opened break the protocol; those for a call that ended crossed
  /// its end on the wire and are ignored (by the table, which no longer knows the call).
  private func checkOpen(_ frame: Frame) throws(ProtocolViolation) {
    if !calls.isOpen(frame.callID), frame.callID > calls.highestCallID {
      throw ProtocolViolation(
        .protocolError, "\(frame.type) for call \(frame.callID), which was never opened")
    }
  }

  private func refusal(_ id: UInt32, _ error: RPCError) -> Action {
    .writeTrailer(id, Simpeg_Rpc_V1_Trailer(error: error))
  }

  // MARK: Handlers

  /// A handler sent a streamed response on call `id`: whether it goes out (the call is open).
  func mayRespond(_ id: UInt32) -> Bool {
    calls.isOpen(id)
  }

  /// The handler of call `id` finished with `response` (unary kinds) and `trailer`.
  mutating func handlerFinished(_ id: UInt32, response: ByteBuffer?, trailer: Simpeg_Rpc_V1_Trailer)
    -> [Action]
  {
    let actions = calls.finish(id, response: response, trailer: trailer)
    return afterRemovals(actions)
  }

  /// The handler of call `id` read requests worth `amount` bytes.
  mutating func requestCreditReturned(_ id: UInt32, amount: Int) -> [Action] {
    calls.requestCreditReturned(id, amount: amount)
  }

  // MARK: Timers

  /// The handshake timer fired: a client that has not sent its preface and SETTINGS is closed.
  mutating func handshakeTimerFired() -> [Action] {
    guard phase == .awaitingPreface || phase == .awaitingSettings else { return [] }
    return connectionError(ProtocolViolation(.protocolError, "no preface and settings in time"))
  }

  /// The deadline of call `id` passed.
  mutating func deadlineExpired(_ id: UInt32) -> [Action] {
    guard let call = calls.calls[id] else { return [] }
    let actions = calls.fail(
      id, RPCError(.deadlineExceeded, "the call's deadline of \(call.timeoutMicros / 1000) ms passed"))
    return afterRemovals(actions)
  }

  /// The idle timer fired: a connection still without calls is told GOAWAY and closed.
  mutating func idleTimerFired() -> [Action] {
    guard phase == .active, calls.isEmpty, let timeout = configuration.idleTimeout else { return [] }
    phase = .draining
    return [
      .writeGoAway(
        .noError, "idle for \(Self.millis(timeout) / 1000) s; reconnect when needed",
        lastCallID: calls.highestCallID),
      .close,
    ]
  }

  /// A keepalive tick: PING a connection from which nothing was read since the last tick, with
  /// `pingPayload`, unless a PING is outstanding; then arm the next tick.
  mutating func keepaliveTimerFired(pingPayload: UInt64) -> [Action] {
    guard phase == .active || phase == .draining else { return [] }
    var actions: [Action] = []
    if keepalive.tick(payload: pingPayload) {
      actions += [.writePing(pingPayload), .armPingTimeout(pingPayload)]
    }
    return actions + [.armKeepaliveTimer]
  }

  /// The timeout of the PING sent with `payload` fired.
  mutating func pingTimeoutFired(_ payload: UInt64) -> [Action] {
    guard keepalive.isUnanswered(payload) else { return [] }
    return connectionError(ProtocolViolation(.keepaliveTimeout, "a ping went unanswered"))
  }

  // MARK: The server

  /// The server begins a graceful shutdown: GOAWAY with the last call id, then close once the
  /// calls in flight end.
  mutating func beginGracefulShutdown() -> [Action] {
    switch phase {
    case .active, .awaitingSettings:
      phase = .draining
      return [.writeGoAway(.noError, "the server is shutting down", lastCallID: calls.highestCallID)]
        + (calls.isEmpty ? [.close] : [])
    case .awaitingPreface:
      phase = .closed
      return [.close]
    case .draining, .closed:
      return []
    }
  }

  /// The server stops now: every call ends `UNAVAILABLE` and the connection closes.
  mutating func forceClose() -> [Action] {
    guard phase != .closed else { return [] }
    phase = .closed
    let error = RPCError(.unavailable, "the server shut down before the call finished; retry")
    return calls.ids.flatMap { calls.fail($0, error) } + [.close]
  }

  // MARK: Helpers

  /// What follows when calls end: an idle connection arms its idle timer, a draining one closes.
  /// (Give it actions already computed: a non-mutating method call reads `self` before its
  /// arguments, so a call table changed while evaluating them would not be seen.)
  private func afterRemovals(_ actions: [Action]) -> [Action] {
    guard calls.isEmpty, actions.contains(where: { if case .releaseCall = $0 { true } else { false } })
    else { return actions }
    switch phase {
    case .active: return configuration.idleTimeout == nil ? actions : actions + [.armIdleTimer]
    case .draining: return actions + [.close]
    case .awaitingPreface, .awaitingSettings, .closed: return actions
    }
  }

  /// GOAWAY with `violation` (after the preface when the server has not sent it yet), then close.
  private mutating func connectionError(_ violation: ProtocolViolation) -> [Action] {
    guard phase != .closed else { return [] }
    var actions: [Action] = []
    // PROTOCOL.md, section 3: a refusal before the handshake follows the server's preface.
    if phase == .awaitingPreface { actions.append(.writePreface) }
    phase = .closed
    actions.append(.writeGoAway(violation.code, violation.message, lastCallID: calls.highestCallID))
    actions.append(.close)
    return actions
  }

  static func millis(_ duration: Duration) -> UInt32 {
    let (seconds, attoseconds) = duration.components
    return UInt32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
  }
}
