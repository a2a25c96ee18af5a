import NIOConcurrencyHelpers
import NIOCore
import SwiftProtobuf

/// One call on the server, shared by its connection's event loop and the task running its
/// handler. The task reads requests and sends responses through it; everything it sends is
/// handed to the connection handler on the event loop, in order.
final class ServerCall: Sendable {
  /// What the task hands to the connection.
  enum Output: Sendable {
    /// A response message to send.
    case message(ByteBuffer)
    /// The end of the call: the unary response (if any) and the trailer.
    case finish(response: ByteBuffer?, trailer: Simpeg_Rpc_V1_Trailer)
  }

  let id: UInt32
  let kind: CallKind
  /// The responses' credit, granted by the client.
  let credit: OutboundCredit
  /// The requests of a streaming call; for unary and server streaming, holds the one request.
  let requests: InboundMessageQueue
  /// The largest message the client accepts (its max frame size).
  let maxResponseSize: Int
  private let emit: @Sendable (UInt32, Output) -> Void
  private let pending = NIOLockedValueBox(PendingOutput())

  private struct PendingOutput {
    var unaryResponse: ByteBuffer?
    var trailingMetadata = Metadata()
    var finished = false
  }

  init(
    id: UInt32, kind: CallKind, credit: OutboundCredit, requests: InboundMessageQueue,
    maxResponseSize: Int, emit: @escaping @Sendable (UInt32, Output) -> Void
  ) {
    self.id = id
    self.kind = kind
    self.credit = credit
    self.requests = requests
    self.maxResponseSize = maxResponseSize
    self.emit = emit
  }

  /// Decodes the single request of a unary or server-streaming call.
  func decodeRequest<Input: SwiftProtobuf.Message>() throws -> Input {
    // The connection handler starts these calls only once the request and the end of the
    // client's stream have arrived, so this never waits.
    guard let buffer = requests.takeImmediately() else {
      throw RPCError(.internal, "the call started without its request")
    }
    do {
      return try Input(buffer: buffer)
    } catch {
      throw RPCError(
        .invalidArgument, "the request does not decode as \(Input.protoMessageName)")
    }
  }

  /// Sends one streamed response, waiting for credit.
  func send(_ buffer: ByteBuffer) async throws {
    try checkSize(buffer)
    try await credit.acquire(buffer.readableBytes)
    emit(id, .message(buffer))
  }

  /// Keeps the unary response to send with the trailer.
  func setUnaryResponse(_ buffer: ByteBuffer) {
    pending.withLockedValue { $0.unaryResponse = buffer }
  }

  /// Sets the trailing metadata of a successful end.
  func setTrailingMetadata(_ metadata: Metadata) {
    pending.withLockedValue { $0.trailingMetadata = metadata }
  }

  /// Ends the call with success or `error`. Only the first call has an effect.
  func finish(error: RPCError?) {
    let output: (ByteBuffer?, Metadata)? = pending.withLockedValue { pending in
      guard !pending.finished else { return nil }
      pending.finished = true
      return (pending.unaryResponse, pending.trailingMetadata)
    }
    guard let (response, trailing) = output else { return }
    if let error {
      emit(id, .finish(response: nil, trailer: Simpeg_Rpc_V1_Trailer(error: error)))
      return
    }
    if let response {
      do {
        try checkSize(response)
      } catch let error as RPCError {
        emit(id, .finish(response: nil, trailer: Simpeg_Rpc_V1_Trailer(error: error)))
        return
      } catch {}
    }
    emit(id, .finish(response: response, trailer: Simpeg_Rpc_V1_Trailer(ok: trailing)))
  }

  private func checkSize(_ buffer: ByteBuffer) throws {
    guard buffer.readableBytes <= maxResponseSize else {
      throw RPCError(
        .resourceExhausted,
        "a response of \(buffer.readableBytes) bytes exceeds the client's max frame size of "
          + "\(maxResponseSize) bytes; ask for less (e.g. a smaller page), or announce a max_frame_size "
          + "of at least \(buffer.readableBytes) in SETTINGS when one answer cannot be made smaller")
    }
  }
}
