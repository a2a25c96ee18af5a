import NIOCore
import Testing

@testable import SimpegRPC

/// The server's connection state machine on its own, every phase against every event: what it
/// asks the handler to do, where it goes, and which transitions it refuses (PROTOCOL.md).
@Suite struct ServerConnectionStateMachineTests {
  typealias Machine = ServerConnectionStateMachine
  typealias Action = Machine.Action
  typealias F = MachineFrames

  static let allPhases = Machine.Phase.allCases

  static func machine(
    rejection: ProtocolViolation? = nil, _ configure: (inout ServerConfiguration) -> Void = { _ in }
  ) -> Machine {
    var configuration = ServerConfiguration()
    configure(&configuration)
    return Machine(configuration: configuration, router: F.router, rejection: rejection)
  }

  /// A machine brought to `phase` by legal events; in `.draining`, call 1 (client streaming)
  /// is still in flight, so the connection stays open.
  static func machine(in phase: Machine.Phase) -> Machine {
    var machine = machine()
    if phase == .awaitingPreface { return machine }
    _ = machine.receivePreface(version: 1)
    if phase == .awaitingSettings { return machine }
    _ = machine.receive(F.settings())
    switch phase {
    case .draining:
      _ = machine.receive(F.call(1, F.collect))
      _ = machine.beginGracefulShutdown()
    case .closed:
      _ = machine.protocolViolation(ProtocolViolation(.protocolError, "test"))
    case .awaitingPreface, .awaitingSettings, .active:
      break
    }
    #expect(machine.phase == phase)
    return machine
  }

  static func opening(
    _ id: UInt32, _ method: String = F.get, timeoutMicros: UInt64 = 0,
    configuration: ServerConfiguration = .init()
  ) throws -> Machine.CallOpening {
    Machine.CallOpening(
      id: id, route: try #require(F.router.routes[method]), metadata: Metadata(),
      timeoutMicros: timeoutMicros,
      responseWindow: WireProtocol.defaultInitialCallWindow,
      maxResponseSize: Int(WireProtocol.defaultMaxFrameSize),
      requestWindow: configuration.initialCallWindow)
  }

  static func goAway(_ code: Simpeg_Rpc_V1_ConnectionError, _ message: String, last: UInt32 = 0) -> Action {
    .writeGoAway(code, message, lastCallID: last)
  }

  static func trailer(_ id: UInt32, _ code: StatusCode, _ message: String) -> Action {
    .writeTrailer(id, Simpeg_Rpc_V1_Trailer(error: RPCError(code, message)))
  }

  // MARK: The channel

  @Test func activeConnectionArmsTheHandshakeTimer() {
    var machine = Self.machine()
    #expect(machine.channelActive() == [.armHandshakeTimer])
    #expect(machine.phase == .awaitingPreface)
  }

  @Test func rejectedConnectionGetsPrefaceAndGoAwayThenCloses() {
    var machine = Self.machine(rejection: ProtocolViolation(.tooManyConnections, "full"))
    #expect(machine.channelActive() == [.writePreface, Self.goAway(.tooManyConnections, "full"), .close])
    #expect(machine.phase == .closed)
  }

  @Test(arguments: allPhases)
  func connectionLostReleasesEveryCallInEveryPhase(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let expected: [Action] =
      phase == .draining ? [.releaseCall(1, RPCError(.unavailable, "the connection closed"))] : []
    #expect(machine.channelInactive() == expected)
    #expect(machine.phase == .closed)
  }

  @Test(arguments: allPhases)
  func transportFailureClosesUnlessClosed(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    #expect(machine.transportFailed() == (phase == .closed ? [] : [.close]))
    #expect(machine.phase == .closed)
  }

  @Test(arguments: allPhases)
  func decoderViolationIsAGoAwayUnlessClosed(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let violation = ProtocolViolation(.frameTooLarge, "too big")
    let actions = machine.protocolViolation(violation)
    switch phase {
    case .awaitingPreface:
      #expect(actions == [.writePreface, Self.goAway(.frameTooLarge, "too big"), .close])
    case .awaitingSettings, .active: #expect(actions == [Self.goAway(.frameTooLarge, "too big"), .close])
    case .draining: #expect(actions == [Self.goAway(.frameTooLarge, "too big", last: 1), .close])
    case .closed: #expect(actions == [])
    }
    #expect(machine.phase == .closed)
  }

  // MARK: The handshake

  @Test(arguments: allPhases)
  func prefaceIsAnsweredOnlyFirst(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let actions = machine.receivePreface(version: WireProtocol.version)
    if phase == .awaitingPreface {
      #expect(actions == [.writePreface, .writeSettings])
      #expect(machine.phase == .awaitingSettings)
    } else {
      #expect(actions == [])
      #expect(machine.phase == phase)
    }
  }

  @Test func prefaceOfAnotherVersionIsAnsweredWithOursThenUnsupportedVersion() {
    var machine = Self.machine()
    let actions = machine.receivePreface(version: 9)
    #expect(
      actions == [
        .writePreface,
        Self.goAway(
          .unsupportedVersion, "the client speaks protocol version 9; this server speaks version 1"),
        .close,
      ])
    #expect(machine.phase == .closed)
  }

  @Test(arguments: allPhases)
  func settingsEstablishOnlyAfterThePreface(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let actions = machine.receive(F.settings())
    switch phase {
    case .awaitingPreface, .closed:
      #expect(actions == [])
      #expect(machine.phase == phase)
    case .awaitingSettings:
      #expect(actions == [.established, .armIdleTimer, .armKeepaliveTimer])
      #expect(machine.phase == .active)
    case .active, .draining:
      #expect(
        actions == [
          Self.goAway(.protocolError, "SETTINGS may be sent only once", last: phase == .draining ? 1 : 0),
          .close,
        ])
      #expect(machine.phase == .closed)
    }
  }

  @Test func settingsArmOnlyTheTimersConfigured() {
    var machine = Self.machine {
      $0.idleTimeout = nil
      $0.keepaliveInterval = nil
    }
    _ = machine.receivePreface(version: 1)
    #expect(machine.receive(F.settings()) == [.established])
  }

  @Test func settingsBelowTheMinimumFrameSizeAreAProtocolError() {
    var machine = Self.machine(in: .awaitingSettings)
    var settings = Simpeg_Rpc_V1_Settings()
    settings.maxFrameSize = 1000
    #expect(
      machine.receive(F.settings(settings)) == [
        Self.goAway(.protocolError, "max_frame_size 1000 is below the minimum 16384"), .close,
      ])
  }

  @Test func settingsWithTooLargeAWindowAreAFlowControlError() {
    var machine = Self.machine(in: .awaitingSettings)
    var settings = Simpeg_Rpc_V1_Settings()
    settings.initialCallWindow = UInt32.max
    #expect(
      machine.receive(F.settings(settings)) == [
        Self.goAway(.flowControlError, "initial_call_window exceeds 2^31-1 bytes"), .close,
      ])
  }

  @Test(arguments: FrameType.allCases.filter { $0 != .settings })
  func anyFirstFrameButSettingsIsAProtocolError(type: FrameType) {
    var machine = Self.machine(in: .awaitingSettings)
    let frame = F.frame(of: type)
    #expect(
      machine.receive(frame) == [
        Self.goAway(.protocolError, "the first frame must be SETTINGS, not \(type)"), .close,
      ])
    #expect(machine.phase == .closed)
  }

  @Test(arguments: FrameType.allCases)
  func framesBeforeThePrefaceOrAfterTheEndAreIgnored(type: FrameType) {
    let frame = F.frame(of: type)
    for phase in [Machine.Phase.awaitingPreface, .closed] {
      var machine = Self.machine(in: phase)
      #expect(machine.receive(frame) == [])
      #expect(machine.phase == phase)
    }
  }

  @Test(arguments: allPhases)
  func handshakeTimerClosesOnlyAnUnfinishedHandshake(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let actions = machine.handshakeTimerFired()
    let goAway = Self.goAway(.protocolError, "no preface and settings in time")
    switch phase {
    case .awaitingPreface: #expect(actions == [.writePreface, goAway, .close])
    case .awaitingSettings: #expect(actions == [goAway, .close])
    case .active, .draining, .closed: #expect(actions == [])
    }
  }

  // MARK: Connection frames

  @Test(arguments: [Machine.Phase.active, .draining])
  func pingIsAnsweredWithItsBytes(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let ping = F.ping(42)
    #expect(machine.receive(ping) == [.writePingAck(ping.payload)])
    #expect(machine.receive(F.ping(42, ack: true)) == [])
  }

  @Test func pingOfOtherThanEightBytesIsAProtocolError() {
    var machine = Self.machine(in: .active)
    let frame = Frame(type: .ping, callID: 0, payload: ByteBuffer(bytes: [1, 2, 3]))
    #expect(machine.receive(frame) == [Self.goAway(.protocolError, "PING payload must be 8 bytes"), .close])
  }

  @Test func clientGoAwayWithoutCallsCloses() {
    var machine = Self.machine(in: .active)
    #expect(machine.receive(F.goAway()) == [.close])
    #expect(machine.phase == .draining)
  }

  @Test func clientGoAwayLetsCallsInFlightFinishThenCloses() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.collect))
    #expect(machine.receive(F.goAway()) == [])
    #expect(machine.phase == .draining)
    #expect(
      machine.receive(F.cancel(1)) == [
        .releaseCall(1, RPCError(.cancelled, "the client cancelled the call")), .close,
      ])
  }

  @Test(arguments: [Machine.Phase.active, .draining])
  func trailerFromTheClientIsAProtocolError(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let last: UInt32 = phase == .draining ? 1 : 0
    #expect(
      machine.receive(F.trailer(1)) == [
        Self.goAway(.protocolError, "TRAILER frames are sent by servers only", last: last), .close,
      ])
  }

  @Test(arguments: [FrameType.message, .halfClose, .cancel, .credit])
  func callFrameForACallNeverOpenedIsAProtocolError(type: FrameType) {
    var machine = Self.machine(in: .active)
    let frame = F.frame(of: type)
    #expect(
      machine.receive(frame) == [
        Self.goAway(.protocolError, "\(type) for call 1, which was never opened"), .close,
      ])
  }

  @Test(arguments: [FrameType.message, .halfClose, .cancel, .credit])
  func callFrameForACallThatEndedIsIgnored(type: FrameType) {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.collect))
    _ = machine.receive(F.cancel(1))
    let frame = F.frame(of: type)
    #expect(machine.receive(frame) == [])
    #expect(machine.phase == .active)
  }

  // MARK: Opening calls

  @Test func unaryCallOpensDisarmsTheIdleTimerAndStartsOnceItsRequestEnds() throws {
    var machine = Self.machine(in: .active)
    #expect(machine.receive(F.call(1)) == [.disarmIdleTimer, .openCall(try Self.opening(1))])
    let request = F.message(1, endStream: true)
    #expect(machine.receive(request) == [.deliverRequest(1, request.payload), .startHandler(1)])
  }

  @Test func unaryRequestEndedByHalfCloseStartsTheHandler() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1))
    let request = F.message(1)
    #expect(machine.receive(request) == [.deliverRequest(1, request.payload)])
    #expect(machine.receive(F.halfClose(1)) == [.startHandler(1)])
    #expect(machine.receive(F.halfClose(1)) == [])
  }

  @Test(arguments: [CallKind.unary, .serverStreaming])
  func singleRequestCallEndedWithoutItsRequestFails(kind: CallKind) throws {
    var machine = Self.machine(in: .active)
    let error = RPCError(.invalidArgument, "the client ended a \(kind) call without its request")
    #expect(
      machine.receive(F.call(1, F.method(of: kind), endStream: true)) == [
        .disarmIdleTimer, .openCall(try Self.opening(1, F.method(of: kind))),
        .writeTrailer(1, Simpeg_Rpc_V1_Trailer(error: error)), .releaseCall(1, error), .armIdleTimer,
      ])
  }

  @Test(arguments: [CallKind.unary, .serverStreaming])
  func secondRequestOfASingleRequestCallFailsIt(kind: CallKind) {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.method(of: kind)))
    _ = machine.receive(F.message(1))
    let error = RPCError(.invalidArgument, "a \(kind) call carries exactly one request")
    #expect(
      machine.receive(F.message(1)) == [
        .writeTrailer(1, Simpeg_Rpc_V1_Trailer(error: error)), .releaseCall(1, error), .armIdleTimer,
      ])
  }

  @Test(arguments: [CallKind.clientStreaming, .bidirectionalStreaming])
  func streamingCallStartsAtOnceAndEndsItsRequestsOnHalfClose(kind: CallKind) throws {
    var machine = Self.machine(in: .active)
    #expect(
      machine.receive(F.call(1, F.method(of: kind))) == [
        .disarmIdleTimer, .openCall(try Self.opening(1, F.method(of: kind))), .startHandler(1),
      ])
    let first = F.message(1)
    #expect(machine.receive(first) == [.deliverRequest(1, first.payload)])
    #expect(machine.receive(first) == [.deliverRequest(1, first.payload)])
    #expect(machine.receive(F.halfClose(1)) == [.endRequests(1)])
  }

  @Test func streamingCallEndedOnItsCallFrameHasNoRequests() throws {
    var machine = Self.machine(in: .active)
    #expect(
      machine.receive(F.call(1, F.collect, endStream: true)) == [
        .disarmIdleTimer, .openCall(try Self.opening(1, F.collect)), .endRequests(1), .startHandler(1),
      ])
  }

  @Test(arguments: CallKind.allCases)
  func messageAfterTheClientEndedItsStreamFailsTheCall(kind: CallKind) {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.method(of: kind)))
    _ = machine.receive(F.message(1, endStream: true))
    let error = RPCError(.invalidArgument, "a MESSAGE arrived after the client ended its stream")
    #expect(
      machine.receive(F.message(1)) == [
        .writeTrailer(1, Simpeg_Rpc_V1_Trailer(error: error)), .releaseCall(1, error), .armIdleTimer,
      ])
  }

  @Test func secondCallDoesNotTouchTheIdleTimer() throws {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.collect))
    #expect(
      machine.receive(F.call(3, F.collect)) == [.openCall(try Self.opening(3, F.collect)), .startHandler(3)])
  }

  @Test func withoutAnIdleTimeoutCallsNeverTouchAnIdleTimer() throws {
    var machine = Self.machine { $0.idleTimeout = nil }
    _ = machine.receivePreface(version: 1)
    _ = machine.receive(F.settings())
    #expect(
      machine.receive(F.call(1, F.collect)) == [.openCall(try Self.opening(1, F.collect)), .startHandler(1)])
    #expect(
      machine.receive(F.cancel(1)) == [.releaseCall(1, RPCError(.cancelled, "the client cancelled the call"))]
    )
  }

  @Test func callOpeningCarriesTheClientsLimitsAndTimeout() throws {
    var machine = Self.machine { $0.initialCallWindow = 1000 }
    _ = machine.receivePreface(version: 1)
    var settings = Simpeg_Rpc_V1_Settings()
    settings.maxFrameSize = 20_000
    settings.initialCallWindow = 300
    _ = machine.receive(F.settings(settings))
    let actions = machine.receive(F.call(1, timeoutMicros: 2500))
    let route = try #require(F.router.routes[F.get])
    #expect(
      actions == [
        .disarmIdleTimer,
        .openCall(
          Machine.CallOpening(
            id: 1, route: route, metadata: Metadata(), timeoutMicros: 2500, responseWindow: 300,
            maxResponseSize: 20_000, requestWindow: 1000)),
      ])
  }

  @Test func callIDsMustIncrease() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(5, F.collect))
    #expect(
      machine.receive(F.call(5)) == [
        Self.goAway(
          .protocolError,
          "call id 5 is not greater than the previous call id 5; call ids must increase on a connection",
          last: 5),
        .close,
      ])
  }

  @Test func callIDNotAboveTheHighestIsAProtocolErrorEvenAfterItsCallEnded() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(5, F.collect))
    _ = machine.receive(F.cancel(5))
    #expect(machine.receive(F.call(3)).last == .close)
  }

  @Test func unknownMethodIsRefusedAsUnimplemented() {
    var machine = Self.machine(in: .active)
    #expect(
      machine.receive(F.call(1, "simpeg.v1.Nope/Nothing")) == [
        Self.trailer(
          1, .unimplemented,
          "method 'simpeg.v1.Nope/Nothing' is not served here; names look like 'simpeg.v1.HealthService/Check'"
        )
      ])
    #expect(machine.calls.isEmpty)
  }

  @Test func undecodableCallHeaderIsRefusedAsInvalidArgument() {
    var machine = Self.machine(in: .active)
    let frame = Frame(type: .call, callID: 1, payload: ByteBuffer(bytes: [0xFF, 0xFF, 0xFF]))
    #expect(
      machine.receive(frame) == [
        Self.trailer(1, .invalidArgument, "the call header does not decode (PROTOCOL.md, CallHeader)")
      ])
  }

  @Test func callHeaderOverTheLimitIsRefusedAsResourceExhausted() {
    var machine = Self.machine { $0.maxCallHeaderSize = 10 }
    _ = machine.receivePreface(version: 1)
    _ = machine.receive(F.settings())
    let frame = F.call(1)
    #expect(
      machine.receive(frame) == [
        Self.trailer(
          1, .resourceExhausted,
          "the call header of \(frame.payload.readableBytes) bytes exceeds the limit of 10 bytes; send less metadata"
        )
      ])
  }

  @Test func callOverTheConcurrencyLimitIsRefusedAsResourceExhausted() {
    var machine = Self.machine { $0.maxConcurrentCallsPerConnection = 1 }
    _ = machine.receivePreface(version: 1)
    _ = machine.receive(F.settings())
    _ = machine.receive(F.call(1, F.collect))
    #expect(
      machine.receive(F.call(3)) == [
        Self.trailer(
          3, .resourceExhausted,
          "1 calls are in flight on this connection, its limit; retry when one finishes or open another connection"
        )
      ])
  }

  @Test func callReadAfterTheServerBeganToShutDownIsRefusedBeforeItsGoAway() {
    var machine = Self.machine(in: .active)
    #expect(
      machine.receive(F.call(1), serverIsShuttingDown: true) == [
        Self.trailer(1, .unavailable, "the server is shutting down; retry on a new connection")
      ])
    #expect(machine.phase == .active)
  }

  @Test func callWhileDrainingIsRefusedAsUnavailable() {
    var machine = Self.machine(in: .draining)
    #expect(
      machine.receive(F.call(3)) == [
        Self.trailer(3, .unavailable, "the server is shutting down; retry on a new connection")
      ])
    #expect(machine.phase == .draining)
  }

  // MARK: Credit

  @Test func messagePastTheClientsCreditFailsTheCall() {
    var machine = Self.machine { $0.initialCallWindow = 16 }
    _ = machine.receivePreface(version: 1)
    _ = machine.receive(F.settings())
    _ = machine.receive(F.call(1, F.collect))
    #expect(machine.receive(F.message(1, bytes: 10)).count == 1)
    #expect(machine.receive(F.message(1, bytes: 10)).count == 1)  // credit may go negative once
    let error = RPCError(
      .resourceExhausted, "the client sent past its credit on this call (PROTOCOL.md, flow control)")
    #expect(
      machine.receive(F.message(1, bytes: 1)) == [
        .writeTrailer(1, Simpeg_Rpc_V1_Trailer(error: error)), .releaseCall(1, error), .armIdleTimer,
      ])
  }

  @Test func creditReturnedByTheHandlerIsGrantedToTheClient() {
    var machine = Self.machine { $0.initialCallWindow = 16 }
    _ = machine.receivePreface(version: 1)
    _ = machine.receive(F.settings())
    _ = machine.receive(F.call(1, F.collect))
    _ = machine.receive(F.message(1, bytes: 20))
    #expect(machine.requestCreditReturned(1, amount: 20) == [.writeCredit(1, 20)])
    #expect(machine.receive(F.message(1, bytes: 1)).count == 1)
  }

  @Test func noCreditIsGrantedAfterTheClientsStreamEnded() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.collect))
    _ = machine.receive(F.message(1, endStream: true))
    #expect(machine.requestCreditReturned(1, amount: 20) == [])
    #expect(machine.requestCreditReturned(99, amount: 20) == [])
  }

  @Test func creditFrameGrantsResponseCredit() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.expand))
    #expect(machine.receive(F.credit(1, 500)) == [.grantResponseCredit(1, 500)])
  }

  @Test(arguments: [[UInt8](), [0, 0, 0, 0], [0, 0, 1]])
  func creditFrameOfZeroOrNotFourBytesIsAProtocolError(payload: [UInt8]) {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.expand))
    #expect(
      machine.receive(Frame(type: .credit, callID: 1, payload: ByteBuffer(bytes: payload))) == [
        Self.goAway(.protocolError, "CREDIT payload must be a non-zero 4-byte integer", last: 1), .close,
      ])
  }

  @Test func creditPastTheMaximumIsAFlowControlError() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.expand))
    #expect(
      machine.creditOverflowed(1) == [
        Self.goAway(.flowControlError, "credit on call 1 exceeds 2^31-1 bytes", last: 1), .close,
      ])
  }

  // MARK: Ending calls

  @Test func finishedHandlerSendsResponseAndTrailerAndTheConnectionTurnsIdle() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1))
    _ = machine.receive(F.message(1, endStream: true))
    let response = ByteBuffer(bytes: [1, 2])
    let trailer = Simpeg_Rpc_V1_Trailer(ok: Metadata())
    #expect(
      machine.handlerFinished(1, response: response, trailer: trailer) == [
        .writeMessage(1, response), .writeTrailer(1, trailer),
        .releaseCall(1, RPCError(.cancelled, "the call has ended")), .armIdleTimer,
      ])
    #expect(machine.handlerFinished(1, response: response, trailer: trailer) == [])
    #expect(!machine.mayRespond(1))
  }

  @Test func streamedResponsesGoOutOnlyWhileTheCallIsOpen() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.update))
    #expect(machine.mayRespond(1))
    _ = machine.receive(F.cancel(1))
    #expect(!machine.mayRespond(1))
  }

  @Test func clientCancelReleasesTheCallWithoutATrailer() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.update))
    #expect(
      machine.receive(F.cancel(1)) == [
        .releaseCall(1, RPCError(.cancelled, "the client cancelled the call")), .armIdleTimer,
      ])
  }

  @Test func deadlineEndsTheCallWithDeadlineExceeded() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.update, timeoutMicros: 2500))
    let error = RPCError(.deadlineExceeded, "the call's deadline of 2 ms passed")
    #expect(
      machine.deadlineExpired(1) == [
        .writeTrailer(1, Simpeg_Rpc_V1_Trailer(error: error)), .releaseCall(1, error), .armIdleTimer,
      ])
    #expect(machine.deadlineExpired(1) == [])
  }

  @Test func lastCallEndingWhileDrainingClosesTheConnection() {
    var machine = Self.machine(in: .draining)
    let trailer = Simpeg_Rpc_V1_Trailer(ok: Metadata())
    #expect(
      machine.handlerFinished(1, response: nil, trailer: trailer) == [
        .writeTrailer(1, trailer), .releaseCall(1, RPCError(.cancelled, "the call has ended")), .close,
      ])
  }

  // MARK: Idleness and keepalive

  @Test(arguments: allPhases)
  func idleTimerClosesOnlyAnActiveConnectionWithoutCalls(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let actions = machine.idleTimerFired()
    if phase == .active {
      #expect(actions == [Self.goAway(.noError, "idle for 300 s; reconnect when needed"), .close])
      #expect(machine.phase == .draining)
    } else {
      #expect(actions == [])
      #expect(machine.phase == phase)
    }
  }

  @Test func idleTimerLeavesAConnectionWithACallInFlight() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(1, F.collect))
    #expect(machine.idleTimerFired() == [])
  }

  @Test(arguments: allPhases)
  func keepaliveTicksOnlyOnAnEstablishedConnection(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    // The SETTINGS just read count as life: the first tick sends nothing.
    let first = machine.keepaliveTimerFired(pingPayload: 1)
    let second = machine.keepaliveTimerFired(pingPayload: 2)
    switch phase {
    case .active, .draining:
      #expect(first == [.armKeepaliveTimer])
      #expect(second == [.writePing(2), .armPingTimeout(2), .armKeepaliveTimer])
    case .awaitingPreface, .awaitingSettings, .closed:
      #expect(first == [])
      #expect(second == [])
    }
  }

  @Test func keepaliveSendsNoSecondPingWhileOneIsOutstanding() {
    var machine = Self.machine(in: .active)
    _ = machine.keepaliveTimerFired(pingPayload: 1)
    _ = machine.keepaliveTimerFired(pingPayload: 2)
    #expect(machine.keepaliveTimerFired(pingPayload: 3) == [.armKeepaliveTimer])
  }

  @Test func unansweredPingEndsTheConnectionWithKeepaliveTimeout() {
    var machine = Self.machine(in: .active)
    _ = machine.keepaliveTimerFired(pingPayload: 1)
    _ = machine.keepaliveTimerFired(pingPayload: 2)
    #expect(machine.pingTimeoutFired(1) == [])
    #expect(
      machine.pingTimeoutFired(2) == [Self.goAway(.keepaliveTimeout, "a ping went unanswered"), .close])
  }

  @Test func answeredPingIsNotTimedOut() {
    var machine = Self.machine(in: .active)
    _ = machine.keepaliveTimerFired(pingPayload: 1)
    _ = machine.keepaliveTimerFired(pingPayload: 2)
    _ = machine.receive(F.ping(2, ack: true))
    #expect(machine.pingTimeoutFired(2) == [])
  }

  @Test func anyFrameReadSinceTheLastTickSparesAPing() {
    var machine = Self.machine(in: .active)
    _ = machine.keepaliveTimerFired(pingPayload: 1)
    _ = machine.receive(F.ping(9))
    #expect(machine.keepaliveTimerFired(pingPayload: 2) == [.armKeepaliveTimer])
  }

  // MARK: Shutting down

  @Test(arguments: allPhases)
  func gracefulShutdownInEveryPhase(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let actions = machine.beginGracefulShutdown()
    let goAway = Self.goAway(.noError, "the server is shutting down")
    switch phase {
    case .awaitingPreface:
      #expect(actions == [.close])
      #expect(machine.phase == .closed)
    case .awaitingSettings, .active:
      #expect(actions == [goAway, .close])
      #expect(machine.phase == .draining)
    case .draining, .closed:
      #expect(actions == [])
      #expect(machine.phase == phase)
    }
  }

  @Test func gracefulShutdownWithCallsInFlightSendsTheLastCallIDAndWaits() {
    var machine = Self.machine(in: .active)
    _ = machine.receive(F.call(7, F.collect))
    #expect(
      machine.beginGracefulShutdown() == [Self.goAway(.noError, "the server is shutting down", last: 7)])
    #expect(machine.phase == .draining)
  }

  @Test(arguments: allPhases)
  func forcedCloseEndsEveryCallWithUnavailable(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let actions = machine.forceClose()
    let error = RPCError(.unavailable, "the server shut down before the call finished; retry")
    switch phase {
    case .draining:
      #expect(
        actions == [.writeTrailer(1, Simpeg_Rpc_V1_Trailer(error: error)), .releaseCall(1, error), .close])
    case .closed:
      #expect(actions == [])
    case .awaitingPreface, .awaitingSettings, .active:
      #expect(actions == [.close])
    }
    #expect(machine.phase == .closed)
  }
}
