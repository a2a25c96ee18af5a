import NIOCore

/// What a server announced in its SETTINGS, with the protocol's defaults for fields it left 0.
struct ServerSettings: Sendable, Equatable {
  /// The largest frame payload the server accepts (so the largest request).
  var maxFrameSize = WireProtocol.defaultMaxFrameSize
  /// The credit a call starts with for requests.
  var initialCallWindow = WireProtocol.defaultInitialCallWindow
  /// The largest CALL payload the server accepts.
  var maxCallHeaderSize = WireProtocol.defaultMaxCallHeaderSize
  /// Calls the server runs at once on a connection.
  var maxConcurrentCalls = WireProtocol.defaultMaxConcurrentCalls
}

/// The client side of one connection (Schema/PROTOCOL.md) as a pure state machine: no I/O, no
/// clock, no event loop. ``ClientConnectionHandler`` feeds it the connection's events and the
/// calls' requests and carries out the ``Action``s it returns, in order.
///
/// `Call` is whatever stands for a call to whoever made it (``ClientCall`` in the handler);
/// the machine only hands it back in its actions.
struct ClientConnectionStateMachine<Call> {
  /// Where the connection is in its life.
  enum Phase: Equatable, CaseIterable {
    /// The preface and SETTINGS went out (once the connection is up); the server's preface is next.
    case awaitingPreface
    /// The server's preface arrived; its SETTINGS are next.
    case awaitingSettings
    /// Calls may be opened.
    case ready
    /// No new calls (the server sent GOAWAY, or call ids ran out); closes when the last ends.
    case goingAway
    /// Closing or closed.
    case closed
  }

  /// What the handler does, in the order given.
  enum Action {
    /// Write the preface and the client's SETTINGS.
    case writePrefaceAndSettings
    /// Arm the handshake timer (the configured connect timeout).
    case armHandshakeTimer
    /// The handshake completed: calls may be opened with these limits.
    case ready(ServerSettings)
    /// The connection will never be ready: report this to whoever waits for it.
    case refused(RPCError)
    /// The connection takes no more calls (reported once).
    case unusable
    /// Write GOAWAY with this error and message, then the connection closes.
    case writeGoAway(Simpeg_Rpc_V1_ConnectionError, String)
    /// Write a PING ACK with this payload.
    case writePingAck(ByteBuffer)
    /// Flush and close the connection.
    case close

    /// Tell the call its id.
    case assign(Call, UInt32)
    /// Write the CALL frame with `header`, and the first request when there is one; END_STREAM on
    /// the last frame written when `endStream`.
    case writeCall(UInt32, header: ByteBuffer, firstMessage: ByteBuffer?, endStream: Bool)
    /// Arm the call's deadline.
    case armDeadline(UInt32, Duration)
    /// Disarm the call's deadline.
    case disarmDeadline(UInt32)
    /// Write a request message.
    case writeMessage(UInt32, ByteBuffer)
    /// Write HALF_CLOSE.
    case writeHalfClose(UInt32)
    /// Write CANCEL.
    case writeCancel(UInt32)
    /// Write CREDIT granting the server this many bytes for responses.
    case writeCredit(UInt32, UInt32)
    /// Hand a response to the call.
    case deliverResponse(Call, ByteBuffer)
    /// End the call with the server's trailer.
    case finishCall(Call, Result<Metadata, RPCError>)
    /// End the call on this side; `unprocessed` when the server provably never ran it.
    case failCall(Call, RPCError, unprocessed: Bool)
    /// Add this many bytes to the call's request credit; when the sum passes the protocol's
    /// maximum, report ``ClientConnectionStateMachine/creditOverflowed(_:)``.
    case grantRequestCredit(Call, UInt32)
  }

  private struct OpenCall {
    let call: Call
    /// The server's credit for responses, as this side counts it.
    var responseCredit: Int64
  }

  private(set) var phase = Phase.awaitingPreface
  private var calls: [UInt32: OpenCall] = [:]
  private(set) var nextCallID: UInt32 = 1
  private var prefaceSent = false
  private var unusableReported = false
  /// Why the connection ended, for the calls it takes down.
  private(set) var closeReason: String?
  private let target: String
  private let responseWindow: UInt32

  /// A connection to `target` granting the server `responseWindow` bytes per call, whose first
  /// call gets `firstCallID`.
  init(target: String, responseWindow: UInt32, firstCallID: UInt32 = 1) {
    self.target = target
    self.responseWindow = responseWindow
    self.nextCallID = firstCallID
  }

  /// Calls in flight.
  var openCalls: Int { calls.count }

  // MARK: The channel

  /// The connection is up (or was when the handler was added): send the preface, once.
  mutating func channelActive() -> [Action] {
    guard phase == .awaitingPreface, !prefaceSent else { return [] }
    prefaceSent = true
    return [.writePrefaceAndSettings, .armHandshakeTimer]
  }

  /// The connection is gone: every call ends `UNAVAILABLE`.
  mutating func channelInactive() -> [Action] {
    let reason =
      closeReason.map { "the connection to \(target) closed: \($0)" }
      ?? "the connection to \(target) closed"
    var actions = markUnusable()
    phase = .closed
    actions.append(.refused(RPCError(.unavailable, reason)))
    for id in calls.keys.sorted() {
      actions += failLocally(id, RPCError(.unavailable, reason), unprocessed: false)
    }
    return actions
  }

  /// The transport failed (not a protocol violation), e.g. connecting or TLS.
  mutating func transportFailed(_ description: String) -> [Action] {
    closeReason = description
    return [.refused(RPCError(.unavailable, "connecting to \(target) failed: \(description)")), .close]
  }

  /// The server broke the protocol in a way found outside this machine (the frame decoder).
  mutating func protocolViolation(_ violation: ProtocolViolation) -> [Action] {
    connectionError(violation)
  }

  /// The server's grant on call `id` took its request credit past the protocol's maximum.
  mutating func creditOverflowed(_ id: UInt32) -> [Action] {
    connectionError(ProtocolViolation(.flowControlError, "credit on call \(id) exceeds 2^31-1"))
  }

  /// The handshake timer fired: a server that has not answered with its preface and SETTINGS
  /// is given up on.
  mutating func handshakeTimerFired() -> [Action] {
    guard phase == .awaitingPreface || phase == .awaitingSettings else { return [] }
    closeReason = "no handshake in time"
    return [.refused(RPCError(.unavailable, "\(target) did not complete the handshake in time")), .close]
  }

  // MARK: Reading

  /// The server's preface.
  mutating func receivePreface(version: UInt16) -> [Action] {
    guard phase == .awaitingPreface else { return [] }
    guard version == WireProtocol.version else {
      return connectionError(
        ProtocolViolation(
          .unsupportedVersion,
          "the server speaks protocol version \(version); this client speaks \(WireProtocol.version)"))
    }
    phase = .awaitingSettings
    return []
  }

  /// A frame from the server.
  mutating func receive(_ frame: Frame) -> [Action] {
    do throws(ProtocolViolation) {
      return try receiveChecked(frame)
    } catch {
      return connectionError(error)
    }
  }

  private mutating func receiveChecked(_ frame: Frame) throws(ProtocolViolation) -> [Action] {
    guard phase != .closed else { return [] }
    if !frame.type.isConnectionLevel, frame.callID >= nextCallID {
      throw ProtocolViolation(
        .protocolError, "\(frame.type) for call \(frame.callID), which was never opened")
    }
    if phase == .awaitingSettings {
      switch frame.type {
      case .settings: return try receiveSettings(frame)
      case .goAway: break  // a refusal before settings (e.g. too many connections)
      default: throw ProtocolViolation(.protocolError, "the first frame must be SETTINGS, not \(frame.type)")
      }
    }
    switch frame.type {
    case .settings:
      throw ProtocolViolation(.protocolError, "SETTINGS may be sent only once")
    case .ping:
      guard frame.payload.readableBytes == 8 else {
        throw ProtocolViolation(.protocolError, "PING payload must be 8 bytes")
      }
      return frame.flags.contains(.ack) ? [] : [.writePingAck(frame.payload)]
    case .goAway:
      return try receiveGoAway(frame)
    case .message:
      guard var open = calls[frame.callID] else { return [] }
      guard open.responseCredit > 0 else {
        return cancel(frame.callID, RPCError(.internal, "the server sent past its credit on this call"))
      }
      open.responseCredit -= Int64(frame.payload.readableBytes)
      calls[frame.callID] = open
      return [.deliverResponse(open.call, frame.payload)]
    case .trailer:
      guard let open = calls.removeValue(forKey: frame.callID) else { return [] }
      let outcome: Result<Metadata, RPCError>
      do {
        outcome = try Simpeg_Rpc_V1_Trailer(buffer: frame.payload).outcome
      } catch {
        outcome = .failure(RPCError(.internal, "the server's trailer does not decode"))
      }
      return [.disarmDeadline(frame.callID), .finishCall(open.call, outcome)] + closeIfDone()
    case .credit:
      guard frame.payload.readableBytes == 4,
        let amount = frame.payload.getInteger(at: frame.payload.readerIndex, as: UInt32.self),
        amount > 0
      else {
        throw ProtocolViolation(.protocolError, "CREDIT payload must be a non-zero 4-byte integer")
      }
      guard let open = calls[frame.callID] else { return [] }
      return [.grantRequestCredit(open.call, amount)]
    case .call, .halfClose, .cancel:
      throw ProtocolViolation(.protocolError, "\(frame.type) frames are sent by clients only")
    }
  }

  private mutating func receiveSettings(_ frame: Frame) throws(ProtocolViolation) -> [Action] {
    let decoded: Simpeg_Rpc_V1_Settings
    do {
      decoded = try Simpeg_Rpc_V1_Settings(buffer: frame.payload)
    } catch {
      throw ProtocolViolation(.protocolError, "the SETTINGS payload does not decode")
    }
    var settings = ServerSettings()
    if decoded.maxFrameSize != 0 { settings.maxFrameSize = decoded.maxFrameSize }
    if decoded.initialCallWindow != 0 {
      guard Int64(decoded.initialCallWindow) <= WireProtocol.maximumCredit else {
        throw ProtocolViolation(.flowControlError, "initial_call_window exceeds 2^31-1 bytes")
      }
      settings.initialCallWindow = decoded.initialCallWindow
    }
    if decoded.maxCallHeaderSize != 0 { settings.maxCallHeaderSize = decoded.maxCallHeaderSize }
    if decoded.maxConcurrentCalls != 0 { settings.maxConcurrentCalls = decoded.maxConcurrentCalls }
    phase = .ready
    return [.ready(settings)]
  }

  private mutating func receiveGoAway(_ frame: Frame) throws(ProtocolViolation) -> [Action] {
    let goAway: Simpeg_Rpc_V1_GoAway
    do {
      goAway = try Simpeg_Rpc_V1_GoAway(buffer: frame.payload)
    } catch {
      throw ProtocolViolation(.protocolError, "the GOAWAY payload does not decode")
    }
    let reason = goAway.message.isEmpty ? "\(goAway.error)" : goAway.message
    closeReason = reason
    var actions: [Action] = [.refused(RPCError(.unavailable, "\(target) refused the connection: \(reason)"))]
    phase = .goingAway
    actions += markUnusable()
    for id in calls.keys.sorted() where id > goAway.lastCallID {
      actions += failLocally(
        id,
        RPCError(.unavailable, "\(target) is going away (\(reason)) and did not process the call; retry"),
        unprocessed: true)
    }
    return actions + closeIfDone()
  }

  // MARK: Calls

  /// Opens `call`: assigns the next id and writes its CALL frame (and first request).
  mutating func startCall(
    _ call: Call, header: ByteBuffer, firstMessage: ByteBuffer?, endStream: Bool, timeout: Duration?
  ) -> [Action] {
    guard phase == .ready else {
      return [
        .failCall(
          call, RPCError(.unavailable, "the connection to \(target) takes no new calls; retry"),
          unprocessed: true)
      ]
    }
    let id = nextCallID
    var actions: [Action] = []
    if id == UInt32.max {
      // Ids ran out: this is the connection's last call (PROTOCOL.md, "Call ids").
      phase = .goingAway
      actions += markUnusable()
    }
    nextCallID &+= 1
    calls[id] = OpenCall(call: call, responseCredit: Int64(responseWindow))
    actions.append(.assign(call, id))
    if let timeout { actions.append(.armDeadline(id, timeout)) }
    actions.append(.writeCall(id, header: header, firstMessage: firstMessage, endStream: endStream))
    return actions
  }

  /// A request of call `id` to send.
  func sendMessage(_ id: UInt32, _ buffer: ByteBuffer) -> [Action] {
    calls[id] == nil ? [] : [.writeMessage(id, buffer)]
  }

  /// The end of call `id`'s requests.
  func halfClose(_ id: UInt32) -> [Action] {
    calls[id] == nil ? [] : [.writeHalfClose(id)]
  }

  /// The caller abandons call `id` (or gave up on it): the server is told with CANCEL.
  mutating func cancel(_ id: UInt32, _ error: RPCError) -> [Action] {
    guard let open = calls.removeValue(forKey: id) else { return [] }
    return [.disarmDeadline(id), .writeCancel(id), .failCall(open.call, error, unprocessed: false)]
      + closeIfDone()
  }

  /// The deadline of call `id` passed.
  mutating func deadlineExpired(_ id: UInt32, _ timeout: Duration) -> [Action] {
    cancel(id, RPCError(.deadlineExceeded, "the call's deadline of \(timeout) passed"))
  }

  /// The caller read responses of call `id` worth `amount` bytes: the server gets them back.
  mutating func responseCreditReturned(_ id: UInt32, amount: Int) -> [Action] {
    guard var open = calls[id], amount > 0 else { return [] }
    open.responseCredit += Int64(amount)
    calls[id] = open
    return [.writeCredit(id, UInt32(clamping: amount))]
  }

  /// The client closes the connection; calls in flight fail `UNAVAILABLE`.
  mutating func close() -> [Action] {
    closeReason = "the client closed it"
    return [.close]
  }

  // MARK: Helpers

  private mutating func failLocally(_ id: UInt32, _ error: RPCError, unprocessed: Bool) -> [Action] {
    guard let open = calls.removeValue(forKey: id) else { return [] }
    return [.disarmDeadline(id), .failCall(open.call, error, unprocessed: unprocessed)]
  }

  private func closeIfDone() -> [Action] {
    phase == .goingAway && calls.isEmpty ? [.close] : []
  }

  private mutating func markUnusable() -> [Action] {
    guard !unusableReported else { return [] }
    unusableReported = true
    return [.unusable]
  }

  /// GOAWAY with `violation`, then close.
  private mutating func connectionError(_ violation: ProtocolViolation) -> [Action] {
    guard phase != .closed else { return [] }
    closeReason = "protocol error: \(violation.message)"
    return [.writeGoAway(violation.code, violation.message), .close]
  }
}

extension ClientConnectionStateMachine.Action: Equatable where Call: Equatable {}
