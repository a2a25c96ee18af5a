import Logging
import NIOCore

/// The client side of one connection: the protocol's state machine on the connection's event
/// loop. It sends the preface and settings, waits for the server's, assigns call ids, writes the
/// calls' frames, routes responses and trailers to calls, and fails calls the server will not
/// process (GOAWAY) or that the connection took down with it.
final class ClientConnectionHandler: ChannelInboundHandler {
  typealias InboundIn = FrameDecoder.Event
  typealias OutboundOut = ByteBuffer

  /// What the server announced in its SETTINGS, with protocol defaults for zero fields.
  struct ServerSettings: Sendable {
    var maxFrameSize = WireProtocol.defaultMaxFrameSize
    var initialCallWindow = WireProtocol.defaultInitialCallWindow
    var maxCallHeaderSize = WireProtocol.defaultMaxCallHeaderSize
    var maxConcurrentCalls = WireProtocol.defaultMaxConcurrentCalls
  }

  private enum Phase {
    case awaitingPreface
    case awaitingSettings
    case ready
    case goingAway
    case closed
  }

  private struct Entry {
    let call: ClientCall
    var receiveCredit: Int64
    var deadlineTimer: Scheduled<Void>?
  }

  private let configuration: ClientConfiguration
  private let readyPromise: EventLoopPromise<ServerSettings>
  private let onUnusable: @Sendable () -> Void
  private let target: String
  private var phase = Phase.awaitingPreface
  private var calls: [UInt32: Entry] = [:]
  private var nextCallID: UInt32 = 1
  private var closeReason: String?
  private var context: ChannelHandlerContext?
  private let frames = FrameWriter()

  /// Creates the handler. `readyPromise` completes once the server's settings arrive;
  /// `onUnusable` is called once when the connection takes no more calls (GOAWAY or close).
  init(
    configuration: ClientConfiguration, target: String,
    readyPromise: EventLoopPromise<ServerSettings>, onUnusable: @escaping @Sendable () -> Void
  ) {
    self.configuration = configuration
    self.target = target
    self.readyPromise = readyPromise
    self.onUnusable = onUnusable
  }

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    frames.attach(context)
    if context.channel.isActive { sendPrefaceAndSettings(context) }
  }

  func channelActive(context: ChannelHandlerContext) {
    sendPrefaceAndSettings(context)
    context.fireChannelActive()
  }

  private func sendPrefaceAndSettings(_ context: ChannelHandlerContext) {
    guard phase == .awaitingPreface, !prefaceSent else { return }
    prefaceSent = true
    var buffer = context.channel.allocator.buffer(capacity: 64)
    buffer.writePreface()
    var settings = Simpeg_Rpc_V1_Settings()
    settings.maxFrameSize = configuration.maxFrameSize
    settings.initialCallWindow = configuration.initialCallWindow
    settings.agent = "simpeg-rpc-swift"
    if let payload = try? settings.serializedBuffer() {
      buffer.writeFrame(Frame(type: .settings, callID: 0, payload: payload))
    }
    context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
  }

  private var prefaceSent = false

  func channelInactive(context: ChannelHandlerContext) {
    let reason =
      closeReason.map { "the connection to \(target) closed: \($0)" }
      ?? "the connection to \(target) closed"
    markUnusable()
    phase = .closed
    readyPromise.fail(RPCError(.unavailable, reason))
    for id in Array(calls.keys) {
      finishLocally(id, error: RPCError(.unavailable, reason))
    }
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    frames.readStarted()
    do {
      switch unwrapInboundIn(data) {
      case .preface(let version):
        guard version == WireProtocol.version else {
          throw ProtocolViolation(
            .unsupportedVersion,
            "the server speaks protocol version \(version); this client speaks "
              + "\(WireProtocol.version)")
        }
        phase = .awaitingSettings
      case .frame(let frame):
        try handleFrame(frame)
      }
    } catch let violation as ProtocolViolation {
      abortConnection(violation)
    } catch {
      abortConnection(ProtocolViolation(.internalError, "\(error)"))
    }
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    frames.readFinished()
    context.fireChannelReadComplete()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    if let violation = error as? ProtocolViolation {
      abortConnection(violation)
    } else {
      closeReason = "\(error)"
      readyPromise.fail(RPCError(.unavailable, "connecting to \(target) failed: \(error)"))
      context.close(promise: nil)
    }
  }

  // MARK: Frames from the server

  private func handleFrame(_ frame: Frame) throws {
    if !frame.type.isConnectionLevel, frame.callID >= nextCallID {
      throw ProtocolViolation(
        .protocolError, "\(frame.type) for call \(frame.callID), which was never opened")
    }
    if phase == .awaitingSettings {
      switch frame.type {
      case .settings:
        try handleSettings(frame)
        return
      case .goAway:
        break  // a refusal before settings (e.g. too many connections)
      default:
        throw ProtocolViolation(.protocolError, "the first frame must be SETTINGS, not \(frame.type)")
      }
    }
    switch frame.type {
    case .settings:
      throw ProtocolViolation(.protocolError, "SETTINGS may be sent only once")
    case .ping:
      guard frame.payload.readableBytes == 8 else {
        throw ProtocolViolation(.protocolError, "PING payload must be 8 bytes")
      }
      if !frame.flags.contains(.ack) {
        frames.write(Frame(type: .ping, flags: .ack, callID: 0, payload: frame.payload))
      }
    case .goAway:
      try handleGoAway(frame)
    case .message:
      guard var entry = calls[frame.callID] else { return }
      guard entry.receiveCredit > 0 else {
        return cancel(
          entry.call,
          error: RPCError(.internal, "the server sent past its credit on this call"))
      }
      entry.receiveCredit -= Int64(frame.payload.readableBytes)
      calls[frame.callID] = entry
      entry.call.responses.push(frame.payload)
    case .trailer:
      guard let entry = calls.removeValue(forKey: frame.callID) else { return }
      entry.deadlineTimer?.cancel()
      let outcome: Result<Metadata, RPCError>
      do {
        outcome = try Simpeg_Rpc_V1_Trailer(buffer: frame.payload).outcome
      } catch {
        outcome = .failure(RPCError(.internal, "the server's trailer does not decode"))
      }
      entry.call.receiveTrailer(outcome)
      closeIfDone()
    case .credit:
      guard frame.payload.readableBytes == 4,
        let amount = frame.payload.getInteger(at: frame.payload.readerIndex, as: UInt32.self),
        amount > 0
      else {
        throw ProtocolViolation(.protocolError, "CREDIT payload must be a non-zero 4-byte integer")
      }
      if let entry = calls[frame.callID], !entry.call.credit.grant(amount) {
        throw ProtocolViolation(.flowControlError, "credit on call \(frame.callID) exceeds 2^31-1")
      }
    case .call, .halfClose, .cancel:
      throw ProtocolViolation(.protocolError, "\(frame.type) frames are sent by clients only")
    }
  }

  private func handleSettings(_ frame: Frame) throws {
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
    readyPromise.succeed(settings)
  }

  private func handleGoAway(_ frame: Frame) throws {
    let goAway: Simpeg_Rpc_V1_GoAway
    do {
      goAway = try Simpeg_Rpc_V1_GoAway(buffer: frame.payload)
    } catch {
      throw ProtocolViolation(.protocolError, "the GOAWAY payload does not decode")
    }
    closeReason = goAway.message.isEmpty ? "\(goAway.error)" : goAway.message
    readyPromise.fail(
      RPCError(.unavailable, "\(target) refused the connection: \(closeReason ?? "")"))
    phase = .goingAway
    markUnusable()
    for id in calls.keys.sorted() where id > goAway.lastCallID {
      finishLocally(
        id,
        error: RPCError(
          .unavailable,
          "\(target) is going away (\(closeReason ?? "")) and did not process the call; retry"),
        unprocessed: true)
    }
    closeIfDone()
  }

  // MARK: Calls from tasks

  func start(
    _ call: ClientCall, header: ByteBuffer, firstMessage: ByteBuffer?, endStream: Bool,
    timeout: Duration?
  ) {
    guard phase == .ready, let context else {
      call.failLocally(
        RPCError(.unavailable, "the connection to \(target) takes no new calls; retry"),
        unprocessed: true)
      return
    }
    let id = nextCallID
    if id == UInt32.max {
      phase = .goingAway
      markUnusable()
    }
    nextCallID &+= 1
    call.assign(id: id)
    var entry = Entry(call: call, receiveCredit: Int64(configuration.initialCallWindow))
    if let timeout {
      entry.deadlineTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .init(timeout)) {
        [weak self] in
        guard let self, let entry = self.calls[id] else { return }
        self.cancel(
          entry.call,
          error: RPCError(.deadlineExceeded, "the call's deadline of \(timeout) passed"))
      }
    }
    calls[id] = entry
    frames.write(
      Frame(
        type: .call, flags: firstMessage == nil && endStream ? .endStream : [], callID: id,
        payload: header))
    if let firstMessage {
      frames.write(
        Frame(type: .message, flags: endStream ? .endStream : [], callID: id, payload: firstMessage))
    }
    frames.flushSoon()
  }

  func sendMessage(_ call: ClientCall, _ buffer: ByteBuffer) {
    guard let id = call.id, calls[id] != nil else { return }
    frames.write(Frame(type: .message, callID: id, payload: buffer))
    frames.flushSoon()
  }

  func sendHalfClose(_ call: ClientCall) {
    guard let id = call.id, calls[id] != nil, let context else { return }
    frames.write(Frame(type: .halfClose, callID: id, payload: context.channel.allocator.buffer(capacity: 0)))
    frames.flushSoon()
  }

  func cancel(_ call: ClientCall, error: RPCError) {
    guard let id = call.id, let entry = calls.removeValue(forKey: id), let context else {
      call.failLocally(error)
      return
    }
    entry.deadlineTimer?.cancel()
    frames.write(Frame(type: .cancel, callID: id, payload: context.channel.allocator.buffer(capacity: 0)))
    frames.flushSoon()
    call.failLocally(error)
    closeIfDone()
  }

  func grantResponseCredit(_ id: UInt32, amount: Int) {
    guard var entry = calls[id], let context else { return }
    entry.receiveCredit += Int64(amount)
    calls[id] = entry
    var payload = context.channel.allocator.buffer(capacity: 4)
    payload.writeInteger(UInt32(amount))
    frames.write(Frame(type: .credit, callID: id, payload: payload))
    frames.flushSoon()
  }

  /// Closes the connection now; calls in flight fail `UNAVAILABLE`.
  func close() {
    closeReason = "the client closed it"
    context?.close(promise: nil)
  }

  // MARK: Helpers

  private func finishLocally(_ id: UInt32, error: RPCError, unprocessed: Bool = false) {
    guard let entry = calls.removeValue(forKey: id) else { return }
    entry.deadlineTimer?.cancel()
    entry.call.failLocally(error, unprocessed: unprocessed)
  }

  private func closeIfDone() {
    if phase == .goingAway, calls.isEmpty {
      context?.close(promise: nil)
    }
  }

  private var unusableReported = false

  private func markUnusable() {
    guard !unusableReported else { return }
    unusableReported = true
    onUnusable()
  }

  private func abortConnection(_ violation: ProtocolViolation) {
    guard let context, phase != .closed else { return }
    closeReason = "protocol error: \(violation.message)"
    var goAway = Simpeg_Rpc_V1_GoAway()
    goAway.error = violation.code
    goAway.message = violation.message
    if let payload = try? goAway.serializedBuffer() {
      frames.write(Frame(type: .goAway, callID: 0, payload: payload))
    }
    context.flush()
    context.close(promise: nil)
  }

}
