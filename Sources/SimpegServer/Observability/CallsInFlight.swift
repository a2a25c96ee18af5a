import NIOConcurrencyHelpers

/// The calls being served now, by method and start time, so that a shutdown that does not end
/// can say what it waits for.
final class CallsInFlight: Sendable {
  private struct State {
    var next: UInt64 = 0
    var calls: [UInt64: (method: String, started: ContinuousClock.Instant)] = [:]
  }

  private let state = NIOLockedValueBox(State())

  /// Notes a call that began; returns its ticket for ``end(_:)``.
  func begin(_ method: String) -> UInt64 {
    let now = ContinuousClock.now
    return state.withLockedValue { state in
      defer { state.next += 1 }
      state.calls[state.next] = (method, now)
      return state.next
    }
  }

  /// Notes that the call of `ticket` ended.
  func end(_ ticket: UInt64) {
    _ = state.withLockedValue { $0.calls.removeValue(forKey: ticket) }
  }

  /// The calls in flight: per method, how many and the age of the oldest, oldest first.
  func summary() -> [(method: String, count: Int, oldest: Duration)] {
    let now = ContinuousClock.now
    let calls = state.withLockedValue { Array($0.calls.values) }
    var byMethod: [String: (count: Int, started: ContinuousClock.Instant)] = [:]
    for call in calls {
      let entry = byMethod[call.method]
      byMethod[call.method] = ((entry?.count ?? 0) + 1, min(entry?.started ?? call.started, call.started))
    }
    return byMethod.map { ($0.key, $0.value.count, now - $0.value.started) }.sorted { $0.oldest > $1.oldest }
  }
}
