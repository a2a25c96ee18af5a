import NIOCore
import Testing

@testable import SimpegRPC

/// The client's connection state machine on its own: the handshake, every frame a server can
/// send in every phase, calls from start to trailer, GOAWAY, and what it refuses.
@Suite struct ClientConnectionStateMachineTests {
  /// A call as the machine's user sees it.
  struct TestCall: Equatable {
    let name: String
  }

  typealias Machine = ClientConnectionStateMachine<TestCall>
  typealias Action = Machine.Action
  typealias F = MachineFrames

  static let target = "kota.salatiga:7400"
  static let a = TestCall(name: "a")
  static let b = TestCall(name: "b")
  static let header = ByteBuffer(bytes: [1, 2, 3])

  static func machine(firstCallID: UInt32 = 1) -> Machine {
    Machine(target: target, responseWindow: 100, firstCallID: firstCallID)
  }

  /// A machine brought to `phase` by legal events; in `.goingAway` call 1 (`a`) is in flight.
  static func machine(in phase: Machine.Phase) -> Machine {
    var machine = machine()
    _ = machine.channelActive()
    if phase == .awaitingPreface { return machine }
    _ = machine.receivePreface(version: 1)
    if phase == .awaitingSettings { return machine }
    _ = machine.receive(F.settings())
    switch phase {
    case .goingAway:
      _ = machine.startCall(a, header: header, firstMessage: nil, endStream: false, timeout: nil)
      _ = machine.receive(F.goAway(lastCallID: 1))
    case .closed:
      _ = machine.channelInactive()
    case .awaitingPreface, .awaitingSettings, .ready:
      break
    }
    #expect(machine.phase == phase)
    return machine
  }

  static func goAway(_ code: Simpeg_Rpc_V1_ConnectionError, _ message: String) -> [Action] {
    [.writeGoAway(code, message), .close]
  }

  // MARK: The handshake

  @Test func prefaceAndSettingsGoOutOnceWithTheHandshakeTimer() {
    var machine = Self.machine()
    #expect(machine.channelActive() == [.writePrefaceAndSettings, .armHandshakeTimer])
    #expect(machine.channelActive() == [])
  }

  @Test func serverPrefaceOfAnotherVersionIsAnUnsupportedVersion() {
    var machine = Self.machine(in: .awaitingPreface)
    #expect(
      machine.receivePreface(version: 2)
        == Self.goAway(.unsupportedVersion, "the server speaks protocol version 2; this client speaks 1"))
  }

  @Test func settingsMakeTheConnectionReadyWithTheServersLimits() {
    var machine = Self.machine(in: .awaitingSettings)
    var settings = Simpeg_Rpc_V1_Settings()
    settings.maxFrameSize = 20_000
    settings.maxConcurrentCalls = 5
    let expected = ServerSettings(
      maxFrameSize: 20_000, initialCallWindow: WireProtocol.defaultInitialCallWindow,
      maxCallHeaderSize: WireProtocol.defaultMaxCallHeaderSize, maxConcurrentCalls: 5)
    #expect(machine.receive(F.settings(settings)) == [.ready(expected)])
    #expect(machine.phase == .ready)
  }

  @Test func serverWindowPastTheMaximumIsAFlowControlError() {
    var machine = Self.machine(in: .awaitingSettings)
    var settings = Simpeg_Rpc_V1_Settings()
    settings.initialCallWindow = UInt32.max
    #expect(
      machine.receive(F.settings(settings))
        == Self.goAway(.flowControlError, "initial_call_window exceeds 2^31-1 bytes"))
  }

  @Test func goAwayInPlaceOfSettingsIsARefusal() {
    var machine = Self.machine(in: .awaitingSettings)
    #expect(
      machine.receive(F.goAway(error: .tooManyConnections, message: "full; retry later")) == [
        .refused(RPCError(.unavailable, "\(Self.target) refused the connection: full; retry later")),
        .unusable,
        .close,
      ])
    #expect(machine.phase == .goingAway)
  }

  @Test(arguments: [FrameType.ping, .message, .trailer, .credit])
  func anyOtherFirstFrameThanSettingsIsAProtocolError(type: FrameType) {
    var machine = Self.machine(in: .awaitingSettings)
    // Call frames for call 0 would be "never opened"; connection frames reach the phase check.
    let frame = type.isConnectionLevel ? F.frame(of: type) : F.frame(of: type, id: 0)
    #expect(
      machine.receive(frame) == Self.goAway(.protocolError, "the first frame must be SETTINGS, not \(type)"))
  }

  @Test(arguments: [Machine.Phase.awaitingPreface, .awaitingSettings])
  func handshakeTimerGivesUpOnASilentServer(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    #expect(
      machine.handshakeTimerFired() == [
        .refused(RPCError(.unavailable, "\(Self.target) did not complete the handshake in time")), .close,
      ])
  }

  @Test(arguments: [Machine.Phase.ready, .goingAway, .closed])
  func handshakeTimerAfterTheHandshakeDoesNothing(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    #expect(machine.handshakeTimerFired() == [])
  }

  // MARK: Connection frames when ready

  @Test func secondSettingsIsAProtocolError() {
    var machine = Self.machine(in: .ready)
    #expect(machine.receive(F.settings()) == Self.goAway(.protocolError, "SETTINGS may be sent only once"))
  }

  @Test func pingIsAnsweredAndAnAckIsNot() {
    var machine = Self.machine(in: .ready)
    let ping = F.ping(5)
    #expect(machine.receive(ping) == [.writePingAck(ping.payload)])
    #expect(machine.receive(F.ping(5, ack: true)) == [])
  }

  @Test(arguments: [FrameType.call, .halfClose, .cancel])
  func clientOnlyFramesFromTheServerAreProtocolErrors(type: FrameType) {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: false, timeout: nil)
    #expect(
      machine.receive(F.frame(of: type, id: 1))
        == Self.goAway(.protocolError, "\(type) frames are sent by clients only"))
  }

  @Test(arguments: [FrameType.message, .trailer, .credit])
  func callFrameForACallNeverOpenedIsAProtocolError(type: FrameType) {
    var machine = Self.machine(in: .ready)
    #expect(
      machine.receive(F.frame(of: type, id: 1))
        == Self.goAway(.protocolError, "\(type) for call 1, which was never opened"))
  }

  @Test(arguments: FrameType.allCases)
  func nothingIsDoneAfterTheConnectionClosed(type: FrameType) {
    var machine = Self.machine(in: .closed)
    #expect(machine.receive(F.frame(of: type)) == [])
  }

  // MARK: Calls

  @Test func callGetsTheNextIDItsDeadlineAndItsFrames() {
    var machine = Self.machine(in: .ready)
    let body = ByteBuffer(bytes: [9])
    #expect(
      machine.startCall(
        Self.a, header: Self.header, firstMessage: body, endStream: true, timeout: .seconds(2)) == [
          .assign(Self.a, 1), .armDeadline(1, .seconds(2)),
          .writeCall(1, header: Self.header, firstMessage: body, endStream: true),
        ])
    #expect(
      machine.startCall(Self.b, header: Self.header, firstMessage: nil, endStream: false, timeout: nil) == [
        .assign(Self.b, 2), .writeCall(2, header: Self.header, firstMessage: nil, endStream: false),
      ])
  }

  @Test(arguments: [Machine.Phase.awaitingPreface, .awaitingSettings, .goingAway, .closed])
  func callOnAConnectionNotReadyFailsAsUnprocessed(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    #expect(
      machine.startCall(Self.b, header: Self.header, firstMessage: nil, endStream: false, timeout: nil) == [
        .failCall(
          Self.b, RPCError(.unavailable, "the connection to \(Self.target) takes no new calls; retry"),
          unprocessed: true)
      ])
  }

  @Test func lastCallIDMakesTheConnectionGoAwayAfterIt() {
    var machine = Self.machine(firstCallID: UInt32.max)
    _ = machine.channelActive()
    _ = machine.receivePreface(version: 1)
    _ = machine.receive(F.settings())
    #expect(
      machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: false, timeout: nil) == [
        .unusable, .assign(Self.a, UInt32.max),
        .writeCall(UInt32.max, header: Self.header, firstMessage: nil, endStream: false),
      ])
    #expect(machine.phase == .goingAway)
  }

  @Test func requestsAndHalfCloseGoOutOnlyForOpenCalls() {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: false, timeout: nil)
    let body = ByteBuffer(bytes: [4])
    #expect(machine.sendMessage(1, body) == [.writeMessage(1, body)])
    #expect(machine.halfClose(1) == [.writeHalfClose(1)])
    #expect(machine.sendMessage(2, body) == [])
    #expect(machine.halfClose(2) == [])
  }

  @Test func responsesReachTheCallAndTheTrailerEndsIt() {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: true, timeout: nil)
    let response = F.message(1)
    #expect(machine.receive(response) == [.deliverResponse(Self.a, response.payload)])
    var trailer = Simpeg_Rpc_V1_Trailer(ok: Metadata())
    trailer.metadata = Metadata(["x": "y"]).wire
    #expect(
      machine.receive(F.trailer(1, trailer)) == [
        .disarmDeadline(1), .finishCall(Self.a, .success(Metadata(["x": "y"]))),
      ])
    #expect(machine.openCalls == 0)
    // Frames that crossed the end are ignored.
    #expect(machine.receive(F.message(1)) == [])
    #expect(machine.receive(F.trailer(1)) == [])
  }

  @Test func failingTrailerReachesTheCallAsItsError() {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: true, timeout: nil)
    let error = RPCError(.notFound, "no such unit")
    #expect(
      machine.receive(F.trailer(1, Simpeg_Rpc_V1_Trailer(error: error))) == [
        .disarmDeadline(1), .finishCall(Self.a, .failure(error)),
      ])
  }

  @Test func undecodableTrailerEndsTheCallAsInternal() {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: true, timeout: nil)
    let frame = Frame(type: .trailer, callID: 1, payload: ByteBuffer(bytes: [0xFF, 0xFF]))
    #expect(
      machine.receive(frame) == [
        .disarmDeadline(1),
        .finishCall(Self.a, .failure(RPCError(.internal, "the server's trailer does not decode"))),
      ])
  }

  @Test func responsePastTheServersCreditCancelsTheCallAsInternal() {
    var machine = Self.machine(in: .ready)  // grants 100 bytes per call
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: true, timeout: nil)
    #expect(machine.receive(F.message(1, bytes: 150)).count == 1)
    #expect(
      machine.receive(F.message(1)) == [
        .disarmDeadline(1), .writeCancel(1),
        .failCall(
          Self.a, RPCError(.internal, "the server sent past its credit on this call"), unprocessed: false),
      ])
  }

  @Test func readResponsesReturnCreditToTheServer() {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: true, timeout: nil)
    _ = machine.receive(F.message(1, bytes: 150))
    #expect(machine.responseCreditReturned(1, amount: 150) == [.writeCredit(1, 150)])
    #expect(machine.receive(F.message(1)).count == 1)
    #expect(machine.responseCreditReturned(7, amount: 10) == [])
  }

  @Test func serverCreditReachesTheCallsWriters() {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: false, timeout: nil)
    #expect(machine.receive(F.credit(1, 64)) == [.grantRequestCredit(Self.a, 64)])
    #expect(
      machine.receive(Frame(type: .credit, callID: 1, payload: ByteBuffer(bytes: [0, 0, 0, 0])))
        == Self.goAway(.protocolError, "CREDIT payload must be a non-zero 4-byte integer"))
  }

  @Test func creditPastTheMaximumIsAFlowControlError() {
    var machine = Self.machine(in: .ready)
    #expect(machine.creditOverflowed(3) == Self.goAway(.flowControlError, "credit on call 3 exceeds 2^31-1"))
  }

  @Test func cancelTellsTheServerAndFailsTheCall() {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: false, timeout: nil)
    let error = RPCError(.cancelled, "the call was cancelled by the client")
    #expect(
      machine.cancel(1, error) == [
        .disarmDeadline(1), .writeCancel(1), .failCall(Self.a, error, unprocessed: false),
      ])
    #expect(machine.cancel(1, error) == [])
  }

  @Test func deadlineCancelsTheCallAsDeadlineExceeded() {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(
      Self.a, header: Self.header, firstMessage: nil, endStream: true, timeout: .seconds(1))
    #expect(
      machine.deadlineExpired(1, .seconds(1)) == [
        .disarmDeadline(1), .writeCancel(1),
        .failCall(
          Self.a, RPCError(.deadlineExceeded, "the call's deadline of 1.0 seconds passed"), unprocessed: false
        ),
      ])
  }

  // MARK: GOAWAY and the end

  @Test func goAwayFailsOnlyTheCallsAboveItsLastIDAsUnprocessed() {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: false, timeout: nil)
    _ = machine.startCall(Self.b, header: Self.header, firstMessage: nil, endStream: false, timeout: nil)
    #expect(
      machine.receive(F.goAway(lastCallID: 1, message: "restarting")) == [
        .refused(RPCError(.unavailable, "\(Self.target) refused the connection: restarting")), .unusable,
        .disarmDeadline(2),
        .failCall(
          Self.b,
          RPCError(
            .unavailable, "\(Self.target) is going away (restarting) and did not process the call; retry"),
          unprocessed: true),
      ])
    #expect(machine.phase == .goingAway)
    // The call the server took finishes, then the connection closes.
    #expect(
      machine.receive(F.trailer(1)) == [
        .disarmDeadline(1), .finishCall(Self.a, .success(Metadata())), .close,
      ])
  }

  @Test func undecodableGoAwayIsAProtocolError() {
    var machine = Self.machine(in: .ready)
    let frame = Frame(type: .goAway, callID: 0, payload: ByteBuffer(bytes: [0xFF, 0xFF]))
    #expect(machine.receive(frame) == Self.goAway(.protocolError, "the GOAWAY payload does not decode"))
  }

  @Test(arguments: Machine.Phase.allCases)
  func lostConnectionFailsEveryCallAsUnavailable(phase: Machine.Phase) {
    var machine = Self.machine(in: phase)
    let actions = machine.channelInactive()
    switch phase {
    case .goingAway:
      // Unusable was reported at the GOAWAY, whose error names the reason.
      let error = RPCError(.unavailable, "the connection to \(Self.target) closed: noError")
      #expect(actions == [.refused(error), .disarmDeadline(1), .failCall(Self.a, error, unprocessed: false)])
    case .closed:
      #expect(actions == [.refused(RPCError(.unavailable, "the connection to \(Self.target) closed"))])
    case .awaitingPreface, .awaitingSettings, .ready:
      #expect(
        actions == [.unusable, .refused(RPCError(.unavailable, "the connection to \(Self.target) closed"))])
    }
    #expect(machine.phase == .closed)
  }

  @Test func lostConnectionNamesWhyItEnded() {
    var machine = Self.machine(in: .ready)
    _ = machine.startCall(Self.a, header: Self.header, firstMessage: nil, endStream: false, timeout: nil)
    _ = machine.protocolViolation(ProtocolViolation(.frameTooLarge, "frame of 9 bytes"))
    let error = RPCError(
      .unavailable, "the connection to \(Self.target) closed: protocol error: frame of 9 bytes")
    #expect(
      machine.channelInactive() == [
        .unusable, .refused(error), .disarmDeadline(1), .failCall(Self.a, error, unprocessed: false),
      ])
  }

  @Test func transportFailureIsReportedAsUnavailable() {
    var machine = Self.machine(in: .awaitingPreface)
    #expect(
      machine.transportFailed("TLS handshake failed") == [
        .refused(RPCError(.unavailable, "connecting to \(Self.target) failed: TLS handshake failed")), .close,
      ])
  }

  @Test func closingByTheClientIsNamedInTheCallsErrors() {
    var machine = Self.machine(in: .ready)
    #expect(machine.close() == [.close])
    #expect(machine.closeReason == "the client closed it")
  }
}
