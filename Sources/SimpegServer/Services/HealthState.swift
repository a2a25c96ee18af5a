import NIOConcurrencyHelpers
import SimpegAPI

/// Whether the daemon serves: SERVING once started, NOT_SERVING while it drains for shutdown.
/// Watchers are told of every change.
final class HealthState: Sendable {
  typealias Status = Simpeg_V1_HealthCheckResponse.ServingStatus

  private struct State {
    var status: Status = .notServing
    var watchers: [Int: AsyncStream<Status>.Continuation] = [:]
    var nextWatcher = 0
  }

  private let state = NIOLockedValueBox(State())

  /// The status now.
  var status: Status { state.withLockedValue { $0.status } }

  /// Sets the status and tells every watcher.
  func set(_ status: Status) {
    let watchers = state.withLockedValue { state in
      state.status = status
      return Array(state.watchers.values)
    }
    for watcher in watchers { watcher.yield(status) }
  }

  /// The current status, then every change, until the consumer stops.
  func updates() -> AsyncStream<Status> {
    let (stream, continuation) = AsyncStream.makeStream(of: Status.self, bufferingPolicy: .bufferingNewest(8))
    let id = state.withLockedValue { state in
      let id = state.nextWatcher
      state.nextWatcher += 1
      state.watchers[id] = continuation
      continuation.yield(state.status)
      return id
    }
    continuation.onTermination = { [weak self] _ in
      _ = self?.state.withLockedValue { $0.watchers.removeValue(forKey: id) }
    }
    return stream
  }
}
