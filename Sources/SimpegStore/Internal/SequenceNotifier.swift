import NIOConcurrencyHelpers

/// Publishes the last committed change sequence and wakes tasks waiting for a newer one.
///
/// The writer publishes after each commit; waiters suspend on a continuation (no polling) and are
/// resumed by the publish that passes their threshold, by cancellation, or by the store closing.
final class SequenceNotifier: Sendable {
  private struct Waiter {
    let threshold: UInt64
    let continuation: CheckedContinuation<UInt64, any Error>
  }

  private struct State {
    var last: UInt64
    var waiters: [UInt64: Waiter] = [:]
    var cancelled: Set<UInt64> = []
    var nextID: UInt64 = 0
    var closed = false
  }

  private let state: NIOLockedValueBox<State>

  init(last: UInt64) {
    state = NIOLockedValueBox(State(last: last))
  }

  /// The last published sequence.
  var last: UInt64 { state.withLockedValue { $0.last } }

  /// Records a new last sequence and resumes every waiter it satisfies.
  func publish(_ sequence: UInt64) {
    let ready = state.withLockedValue { state -> [Waiter] in
      guard sequence > state.last else { return [] }
      state.last = sequence
      let satisfied = state.waiters.filter { $0.value.threshold < sequence }
      for id in satisfied.keys { state.waiters[id] = nil }
      return Array(satisfied.values)
    }
    for waiter in ready {
      waiter.continuation.resume(returning: sequence)
    }
  }

  /// Resumes every waiter with ``StoreError/Kind/closed`` and refuses new ones.
  func close() {
    let waiting = state.withLockedValue { state -> [Waiter] in
      state.closed = true
      defer { state.waiters.removeAll() }
      return Array(state.waiters.values)
    }
    for waiter in waiting {
      waiter.continuation.resume(throwing: StoreError(.closed, "the store closed while waiting for changes"))
    }
  }

  /// Returns the last sequence once it is greater than `sequence`, suspending until then.
  func wait(after sequence: UInt64) async throws -> UInt64 {
    let id = state.withLockedValue { state -> UInt64 in
      state.nextID += 1
      return state.nextID
    }
    defer { _ = state.withLockedValue { $0.cancelled.remove(id) } }
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<UInt64, any Error>) in
        enum Outcome {
          case ready(UInt64)
          case cancelled
          case closed
          case waiting
        }
        let outcome = state.withLockedValue { state -> Outcome in
          if state.cancelled.remove(id) != nil { return .cancelled }
          if state.last > sequence { return .ready(state.last) }
          if state.closed { return .closed }
          state.waiters[id] = Waiter(threshold: sequence, continuation: continuation)
          return .waiting
        }
        switch outcome {
        case .ready(let last): continuation.resume(returning: last)
        case .cancelled: continuation.resume(throwing: CancellationError())
        case .closed:
          continuation.resume(throwing: StoreError(.closed, "the store is closed; no more changes will come"))
        case .waiting: break
        }
      }
    } onCancel: {
      let waiter = state.withLockedValue { state -> Waiter? in
        if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
        state.cancelled.insert(id)
        return nil
      }
      waiter?.continuation.resume(throwing: CancellationError())
    }
  }
}
