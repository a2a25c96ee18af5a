import NIOCore

/// The calls in flight on one server connection, as a pure state machine: call ids, the
/// request side of each call (its credit, its one request or its stream, its end), and when a
/// handler may start. What the connection as a whole does (the handshake, GOAWAY, idleness,
/// keepalive) is ``ServerConnectionStateMachine``'s; it hands call frames here.
///
/// Every method returns what to do as ``ServerConnectionStateMachine/Action``s.
struct ServerCallTable {
  typealias Action = ServerConnectionStateMachine.Action

  /// What the table keeps of one call.
  struct Call: Equatable {
    /// The method's kind.
    let kind: CallKind
    /// The client's timeout in microseconds; 0 for none.
    let timeoutMicros: UInt64
    /// The client's credit for requests, as the server counts it; may be negative.
    var requestCredit: Int64
    /// Whether the one request of a unary or server-streaming call has arrived.
    var requestReceived = false
    /// Whether the client ended its stream.
    var requestsEnded = false
    /// Whether the handler was started.
    var handlerStarted = false
  }

  private(set) var calls: [UInt32: Call] = [:]
  /// The highest call id the client used; GOAWAY carries it.
  private(set) var highestCallID: UInt32 = 0

  /// Calls in flight.
  var count: Int { calls.count }
  /// Whether no call is in flight.
  var isEmpty: Bool { calls.isEmpty }

  // MARK: Opening

  /// Checks a CALL frame's id: ids must increase. Throws the connection error otherwise.
  mutating func admitCallID(_ id: UInt32) throws(ProtocolViolation) {
    guard id > highestCallID else {
      throw ProtocolViolation(
        .protocolError,
        "call id \(id) is not greater than the previous call id \(highestCallID); "
          + "call ids must increase on a connection")
    }
    highestCallID = id
  }

  /// Opens a call whose header and route were accepted, with the END_STREAM of its CALL frame.
  mutating func open(
    _ id: UInt32, kind: CallKind, timeoutMicros: UInt64, requestWindow: UInt32, endStream: Bool,
    opening: ServerConnectionStateMachine.CallOpening
  ) -> [Action] {
    calls[id] = Call(kind: kind, timeoutMicros: timeoutMicros, requestCredit: Int64(requestWindow))
    var actions: [Action] = [.openCall(opening)]
    if endStream { actions += requestsEnded(id) }
    if kind.clientStreams { actions += startHandler(id) }
    return actions
  }

  // MARK: Frames of open calls

  /// Whether `id` is in flight.
  func isOpen(_ id: UInt32) -> Bool { calls[id] != nil }

  /// A MESSAGE frame for call `id`, in flight.
  mutating func message(_ id: UInt32, _ payload: ByteBuffer, endStream: Bool) -> [Action] {
    guard var call = calls[id] else { return [] }
    guard call.requestCredit > 0 else {
      return fail(
        id,
        RPCError(
          .resourceExhausted, "the client sent past its credit on this call (PROTOCOL.md, flow control)"))
    }
    guard !call.requestsEnded else {
      return fail(id, RPCError(.invalidArgument, "a MESSAGE arrived after the client ended its stream"))
    }
    call.requestCredit -= Int64(payload.readableBytes)
    if !call.kind.clientStreams {
      guard !call.requestReceived else {
        return fail(id, RPCError(.invalidArgument, "a \(call.kind) call carries exactly one request"))
      }
      call.requestReceived = true
    }
    calls[id] = call
    var actions: [Action] = [.deliverRequest(id, payload)]
    if endStream { actions += requestsEnded(id) }
    return actions
  }

  /// The client ended its stream (HALF_CLOSE, or END_STREAM on CALL or MESSAGE).
  mutating func requestsEnded(_ id: UInt32) -> [Action] {
    guard var call = calls[id], !call.requestsEnded else { return [] }
    call.requestsEnded = true
    calls[id] = call
    if call.kind.clientStreams { return [.endRequests(id)] }
    if call.requestReceived { return startHandler(id) }
    return fail(id, RPCError(.invalidArgument, "the client ended a \(call.kind) call without its request"))
  }

  /// The handler of call `id` read requests worth `amount` bytes: the client gets them back as
  /// credit while its stream is open.
  mutating func requestCreditReturned(_ id: UInt32, amount: Int) -> [Action] {
    guard var call = calls[id], !call.requestsEnded, amount > 0 else { return [] }
    call.requestCredit += Int64(amount)
    calls[id] = call
    return [.writeCredit(id, UInt32(clamping: amount))]
  }

  // MARK: Ending

  /// Ends call `id` with `error`, sent to the client in a TRAILER, and releases it.
  mutating func fail(_ id: UInt32, _ error: RPCError) -> [Action] {
    guard calls[id] != nil else { return [] }
    return [.writeTrailer(id, Simpeg_Rpc_V1_Trailer(error: error))] + release(id, error)
  }

  /// Forgets call `id` without telling the client: its handler is cancelled, its readers and
  /// writers see `error`.
  mutating func release(_ id: UInt32, _ error: RPCError) -> [Action] {
    guard calls.removeValue(forKey: id) != nil else { return [] }
    return [.releaseCall(id, error)]
  }

  /// The handler of call `id` finished: its last response (unary kinds) and trailer go out.
  mutating func finish(_ id: UInt32, response: ByteBuffer?, trailer: Simpeg_Rpc_V1_Trailer) -> [Action] {
    guard calls[id] != nil else { return [] }
    var actions: [Action] = []
    if let response { actions.append(.writeMessage(id, response)) }
    actions.append(.writeTrailer(id, trailer))
    return actions + release(id, RPCError(.cancelled, "the call has ended"))
  }

  /// The ids in flight, lowest first.
  var ids: [UInt32] { calls.keys.sorted() }

  private mutating func startHandler(_ id: UInt32) -> [Action] {
    guard var call = calls[id], !call.handlerStarted else { return [] }
    call.handlerStarted = true
    calls[id] = call
    return [.startHandler(id)]
  }
}
