import NIOConcurrencyHelpers

/// Tells open streams that the gateway is shutting down, so each can end cleanly (a Connect
/// stream with its end-of-stream message, an event stream by closing, after which `EventSource`
/// reconnects with `Last-Event-ID`) instead of holding the drain until its client leaves.
final class DrainSignal: Sendable {
  private struct State {
    var draining = false
    var nextID: UInt64 = 0
    var actions: [UInt64: @Sendable () -> Void] = [:]
  }

  private let state = NIOLockedValueBox(State())

  /// Creates a signal that has not fired.
  init() {}

  /// Whether the drain has begun.
  var isDraining: Bool { state.withLockedValue { $0.draining } }

  /// Begins the drain: runs every registered action once. Later calls do nothing.
  func begin() {
    let actions: [@Sendable () -> Void] = state.withLockedValue { state in
      guard !state.draining else { return [] }
      state.draining = true
      defer { state.actions.removeAll() }
      return Array(state.actions.values)
    }
    for action in actions { action() }
  }

  /// Runs `action` when the drain begins (at once if it has); returns a registration to cancel.
  func onDrain(_ action: @escaping @Sendable () -> Void) -> Registration {
    let id: UInt64? = state.withLockedValue { state in
      guard !state.draining else { return nil }
      state.nextID += 1
      state.actions[state.nextID] = action
      return state.nextID
    }
    guard let id else {
      action()
      return Registration(signal: nil, id: 0)
    }
    return Registration(signal: self, id: id)
  }

  /// An action waiting for the drain.
  struct Registration: Sendable {
    fileprivate let signal: DrainSignal?
    fileprivate let id: UInt64

    /// Forgets the action (its stream ended first).
    func cancel() {
      _ = signal?.state.withLockedValue { $0.actions.removeValue(forKey: id) }
    }
  }
}
