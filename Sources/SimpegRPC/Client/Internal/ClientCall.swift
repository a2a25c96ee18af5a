import NIOConcurrencyHelpers
import NIOCore
import Synchronization

/// One call on the client, shared by the task that makes it and its connection's event loop.
final class ClientCall: Sendable {
  let descriptor: MethodDescriptor
  /// The responses, and the call's outcome at their end.
  let responses: InboundMessageQueue
  /// The requests' credit, granted by the server.
  let credit: OutboundCredit
  /// The largest request the server accepts (its max frame size).
  let maxRequestSize: Int
  private let connection: ClientConnection.Ready
  private let assignedID: CallIdentity
  private let trailing = NIOLockedValueBox(Metadata())
  private let unprocessed = Atomic<Bool>(false)

  /// The call id, 0 until the event loop assigns one (ids start at 1).
  final class CallIdentity: Sendable {
    let value = Atomic<UInt32>(0)
  }

  init(descriptor: MethodDescriptor, connection: ClientConnection.Ready, responseWindow: UInt32) {
    self.descriptor = descriptor
    self.connection = connection
    self.credit = OutboundCredit(initial: connection.settings.initialCallWindow)
    self.maxRequestSize = Int(connection.settings.maxFrameSize)
    let handler = connection.handler
    let eventLoop = connection.channel.eventLoop
    let identity = CallIdentity()
    self.assignedID = identity
    var grant: (@Sendable (Int) -> Void)?
    if descriptor.kind.serverStreams {
      grant = { amount in
        let id = identity.value.load(ordering: .acquiring)
        guard id != 0 else { return }
        eventLoop.execute { handler.value.grantResponseCredit(id, amount: amount) }
      }
    }
    self.responses = InboundMessageQueue(initialWindow: Int(responseWindow), grantCredit: grant)
  }

  /// The call id, once the event loop assigned it.
  var id: UInt32? {
    let id = assignedID.value.load(ordering: .acquiring)
    return id == 0 ? nil : id
  }

  /// Trailing metadata of a successful end.
  var trailingMetadata: Metadata { trailing.withLockedValue { $0 } }

  func assign(id: UInt32) {
    assignedID.value.store(id, ordering: .releasing)
  }

  /// Records the server's trailer and ends the response stream with its outcome.
  func receiveTrailer(_ outcome: Result<Metadata, RPCError>) {
    if case .success(let metadata) = outcome {
      trailing.withLockedValue { $0 = metadata }
    }
    responses.finish(outcome)
    credit.close(RPCError(.cancelled, "the call has ended"))
  }

  /// Ends the call on this side with `error` (the server is told separately if needed).
  /// `unprocessed` records that the server provably never ran it (refused by GOAWAY), so it can
  /// be retried safely.
  func failLocally(_ error: RPCError, unprocessed: Bool = false) {
    if unprocessed { self.unprocessed.store(true, ordering: .releasing) }
    responses.abort(error)
    credit.close(error)
  }

  /// Whether the server never ran this call (see ``failLocally(_:unprocessed:)``).
  var wasUnprocessed: Bool { unprocessed.load(ordering: .acquiring) }

  /// Opens the call on the connection, with its first (and for unary calls, only) request.
  func start(header: ByteBuffer, firstMessage: ByteBuffer?, endStream: Bool, timeout: Duration?) {
    onLoop { handler in
      handler.start(
        self, header: header, firstMessage: firstMessage, endStream: endStream, timeout: timeout)
    }
  }

  /// Sends one streamed request, waiting for credit.
  func send(_ buffer: ByteBuffer) async throws {
    try checkSize(buffer)
    try await credit.acquire(buffer.readableBytes)
    onLoop { $0.sendMessage(self, buffer) }
  }

  /// Ends the request stream.
  func halfClose() {
    onLoop { $0.sendHalfClose(self) }
  }

  /// Abandons the call: the server is told with CANCEL, readers and writers fail `CANCELLED`.
  func cancel() {
    onLoop { $0.cancel(self, error: RPCError(.cancelled, "the call was cancelled by the client")) }
  }

  func checkSize(_ buffer: ByteBuffer) throws {
    guard buffer.readableBytes <= maxRequestSize else {
      throw RPCError(
        .resourceExhausted,
        "a request of \(buffer.readableBytes) bytes exceeds the server's max frame size of "
          + "\(maxRequestSize) bytes; send less per message")
    }
  }

  private func onLoop(_ body: @escaping @Sendable (ClientConnectionHandler) -> Void) {
    let handler = connection.handler
    let eventLoop = connection.channel.eventLoop
    if eventLoop.inEventLoop {
      body(handler.value)
    } else {
      eventLoop.execute { body(handler.value) }
    }
  }
}
