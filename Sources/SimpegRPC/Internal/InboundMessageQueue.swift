import NIOConcurrencyHelpers
import NIOCore

/// The messages received on one call, handed from the connection's event loop to the task that
/// reads them, with the end of the stream and its outcome.
///
/// Reading a message returns its bytes to the peer as credit (PROTOCOL.md, "Flow control"):
/// once the bytes read since the last grant reach half the initial window, `grantCredit` is
/// called with their count, from the reading task's thread. A peer that sends past its credit
/// is stopped by the connection handler, so at most one window plus one message waits here.
final class InboundMessageQueue: Sendable {
  /// How the stream ended: success with trailing metadata, or an error.
  typealias Outcome = Result<Metadata, RPCError>

  private struct State {
    var messages: [ByteBuffer] = []
    var head = 0
    var outcome: Outcome?
    var waiter: CheckedContinuation<ByteBuffer?, any Error>?
    var consumedSinceGrant = 0
    var bufferedBytes = 0
  }

  private let state = NIOLockedValueBox(State())
  private let grantThreshold: Int
  private let grantCredit: (@Sendable (Int) -> Void)?

  /// Creates a queue; `grantCredit` is nil when the peer's stream never needs more credit.
  init(initialWindow: Int, grantCredit: (@Sendable (Int) -> Void)?) {
    self.grantThreshold = max(1, initialWindow / 2)
    self.grantCredit = grantCredit
  }

  /// The bytes received and not yet read.
  var bufferedBytes: Int { state.withLockedValue { $0.bufferedBytes } }

  /// Adds a received message. Ignored after the stream ended.
  func push(_ message: ByteBuffer) {
    let waiter: CheckedContinuation<ByteBuffer?, any Error>? = state.withLockedValue { state in
      guard state.outcome == nil else { return nil }
      if let waiter = state.waiter {
        state.waiter = nil
        state.consumedSinceGrant += message.readableBytes
        return waiter
      }
      state.messages.append(message)
      state.bufferedBytes += message.readableBytes
      return nil
    }
    if let waiter {
      waiter.resume(returning: message)
      grantIfDue()
    }
  }

  /// Ends the stream. Messages already queued are still read; then the outcome is reported.
  /// Only the first call has an effect.
  func finish(_ outcome: Outcome) {
    let waiter: CheckedContinuation<ByteBuffer?, any Error>? = state.withLockedValue { state in
      guard state.outcome == nil else { return nil }
      state.outcome = outcome
      defer { state.waiter = nil }
      return state.waiter
    }
    guard let waiter else { return }
    switch outcome {
    case .success: waiter.resume(returning: nil)
    case .failure(let error): waiter.resume(throwing: error)
    }
  }

  /// Ends the stream at once, dropping queued messages: for cancellation and lost connections.
  func abort(_ error: RPCError) {
    let waiter: CheckedContinuation<ByteBuffer?, any Error>? = state.withLockedValue { state in
      state.messages.removeAll()
      state.head = 0
      state.bufferedBytes = 0
      if case .failure = state.outcome {
      } else {
        state.outcome = .failure(error)
      }
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(throwing: error)
  }

  /// The first queued message without waiting, if one is there; it does not count as credit.
  func takeImmediately() -> ByteBuffer? {
    state.withLockedValue { state in
      guard state.head < state.messages.count else { return nil }
      let message = state.messages[state.head]
      state.head += 1
      state.bufferedBytes -= message.readableBytes
      return message
    }
  }

  /// The next message; `nil` at the end of a successful stream; throws the stream's error.
  func next() async throws -> ByteBuffer? {
    enum Immediate {
      case message(ByteBuffer)
      case end(Outcome)
      case wait
    }
    let immediate: Immediate = state.withLockedValue { state in
      if state.head < state.messages.count {
        let message = state.messages[state.head]
        state.head += 1
        if state.head == state.messages.count {
          state.messages.removeAll(keepingCapacity: true)
          state.head = 0
        }
        state.bufferedBytes -= message.readableBytes
        state.consumedSinceGrant += message.readableBytes
        return .message(message)
      }
      if let outcome = state.outcome { return .end(outcome) }
      return .wait
    }
    switch immediate {
    case .message(let message):
      grantIfDue()
      return message
    case .end(let outcome):
      _ = try outcome.get()
      return nil
    case .wait:
      return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
          let resumeNow: Result<ByteBuffer?, any Error>? = state.withLockedValue { state in
            // Re-check: something may have arrived between the two locks.
            if state.head < state.messages.count {
              let message = state.messages[state.head]
              state.head += 1
              state.bufferedBytes -= message.readableBytes
              state.consumedSinceGrant += message.readableBytes
              return .success(message)
            }
            if let outcome = state.outcome {
              return outcome.map { _ in nil }.mapError { $0 as any Error }
            }
            if Task.isCancelled {
              return .failure(RPCError(.cancelled, "the reading task was cancelled"))
            }
            state.waiter = continuation
            return nil
          }
          if let resumeNow { continuation.resume(with: resumeNow) }
        }
      } onCancel: {
        let waiter = state.withLockedValue { state in
          defer { state.waiter = nil }
          return state.waiter
        }
        waiter?.resume(throwing: RPCError(.cancelled, "the reading task was cancelled"))
      }
    }
  }

  private func grantIfDue() {
    guard let grantCredit else { return }
    let amount: Int = state.withLockedValue { state in
      guard state.outcome == nil, state.consumedSinceGrant >= grantThreshold else { return 0 }
      defer { state.consumedSinceGrant = 0 }
      return state.consumedSinceGrant
    }
    if amount > 0 { grantCredit(amount) }
  }
}
