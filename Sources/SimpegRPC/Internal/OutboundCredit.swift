import NIOConcurrencyHelpers

/// The credit one side holds to send MESSAGE frames on one call (PROTOCOL.md, "Flow control").
///
/// A sender may send while its credit is positive; each message then takes its size from the
/// credit, which may go negative. A writer that finds no credit waits until the peer grants
/// more, or until the call ends. So a peer that does not read holds the sender to at most one
/// window plus one message.
final class OutboundCredit: Sendable {
  private struct State {
    var credit: Int64
    var closed: RPCError?
    var waiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
    var nextWaiter: UInt64 = 0
  }

  private let state: NIOLockedValueBox<State>

  init(initial: UInt32) {
    state = NIOLockedValueBox(State(credit: Int64(initial)))
  }

  /// The credit now; may be negative.
  var available: Int64 { state.withLockedValue { $0.credit } }

  /// Waits until there is credit, then takes `bytes` from it. Throws when the call has ended,
  /// and `CancellationError` when the waiting task is cancelled.
  func acquire(_ bytes: Int) async throws {
    enum Decision {
      case proceed
      case fail(RPCError)
      case wait
    }
    let decision: Decision = state.withLockedValue { state in
      if let closed = state.closed { return .fail(closed) }
      if state.credit > 0 {
        state.credit -= Int64(bytes)
        return .proceed
      }
      return .wait
    }
    switch decision {
    case .proceed: return
    case .fail(let error): throw error
    case .wait: break
    }
    let id = state.withLockedValue { state in
      defer { state.nextWaiter += 1 }
      return state.nextWaiter
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        state.withLockedValue { $0.waiters[id] = continuation }
        // A grant, close or cancellation between the locks has already drained the waiters; re-check.
        wakeIfPossible()
        if Task.isCancelled { cancelWaiter(id) }
      }
    } onCancel: {
      cancelWaiter(id)
    }
    try await acquire(bytes)
  }

  /// Resumes the waiter `id`, if it still waits, with a cancellation.
  private func cancelWaiter(_ id: UInt64) {
    let waiter = state.withLockedValue { $0.waiters.removeValue(forKey: id) }
    waiter?.resume(throwing: CancellationError())
  }

  /// Adds credit granted by the peer. Returns false when the sum would pass the protocol's
  /// maximum (a flow-control error of the peer).
  @discardableResult
  func grant(_ bytes: UInt32) -> Bool {
    let ok: Bool = state.withLockedValue { state in
      state.credit += Int64(bytes)
      return state.credit <= WireProtocol.maximumCredit
    }
    wakeIfPossible()
    return ok
  }

  /// Ends the call: current and later writers fail with `error`.
  func close(_ error: RPCError) {
    state.withLockedValue { state in
      if state.closed == nil { state.closed = error }
    }
    wakeIfPossible()
  }

  private func wakeIfPossible() {
    let waiters: [CheckedContinuation<Void, any Error>] = state.withLockedValue { state in
      guard state.credit > 0 || state.closed != nil, !state.waiters.isEmpty else { return [] }
      defer { state.waiters = [:] }
      return Array(state.waiters.values)
    }
    for waiter in waiters { waiter.resume() }
  }
}
