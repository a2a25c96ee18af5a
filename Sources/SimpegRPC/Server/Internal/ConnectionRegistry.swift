import NIOConcurrencyHelpers
import NIOCore
import Synchronization

/// The connections of one server: admission against the limit, the per-event-loop task
/// executors, graceful shutdown of all, and counts for stats.
final class ConnectionRegistry: Sendable {
  private struct Connection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<ServerConnectionHandler>
  }

  private struct State {
    var connections: [ObjectIdentifier: Connection] = [:]
    var accepted = 0
    var established = 0
    var shuttingDown = false
    var drainWaiters: [CheckedContinuation<Void, Never>] = []
  }

  private let state = NIOLockedValueBox(State())
  private let executors = PerEventLoop { EventLoopTaskExecutor(eventLoop: $0) }
  private let maxConnections: Int
  /// Set when a graceful shutdown begins, before any connection hears of it: a call read
  /// after `beginGracefulShutdown()` returned is refused even when its connection's GOAWAY is
  /// still queued on its event loop. Read once per call, so an atomic rather than the lock.
  private let shutdownBegun = Atomic<Bool>(false)

  init(maxConnections: Int) {
    self.maxConnections = maxConnections
  }

  /// The task executor of `eventLoop`, created once; call on that loop.
  func executor(on eventLoop: any EventLoop) -> EventLoopTaskExecutor {
    executors.value(on: eventLoop)
  }

  /// Whether another connection fits under the limit (and the server is not shutting down).
  func admits() -> Bool {
    state.withLockedValue { !$0.shuttingDown && $0.connections.count < maxConnections }
  }

  /// Tracks `channel` until it closes.
  func add(_ channel: any Channel, handler: NIOLoopBound<ServerConnectionHandler>) {
    let key = ObjectIdentifier(channel)
    state.withLockedValue { state in
      state.connections[key] = Connection(channel: channel, handler: handler)
      state.accepted += 1
    }
    channel.closeFuture.whenComplete { _ in
      let waiters: [CheckedContinuation<Void, Never>] = self.state.withLockedValue { state in
        state.connections[key] = nil
        guard state.connections.isEmpty else { return [] }
        defer { state.drainWaiters = [] }
        return state.drainWaiters
      }
      for waiter in waiters { waiter.resume() }
    }
  }

  /// Whether a graceful shutdown has begun: new calls are refused from then on.
  var isShuttingDown: Bool { shutdownBegun.load(ordering: .acquiring) }

  /// Counts a connection whose handshake completed.
  func markEstablished() {
    state.withLockedValue { $0.established += 1 }
  }

  /// Open connections now.
  var openConnections: Int { state.withLockedValue { $0.connections.count } }

  /// Connections accepted since start, including refused ones.
  var acceptedConnections: Int { state.withLockedValue { $0.accepted } }

  /// Sends GOAWAY on every connection; each closes once its calls finish.
  func beginGracefulShutdown() {
    shutdownBegun.store(true, ordering: .releasing)
    let connections = state.withLockedValue { state in
      state.shuttingDown = true
      return Array(state.connections.values)
    }
    for connection in connections {
      connection.channel.eventLoop.execute {
        connection.handler.value.beginGracefulShutdown()
      }
    }
  }

  /// Ends every call with UNAVAILABLE and closes every connection now.
  func forceCloseAll() {
    let connections = state.withLockedValue { Array($0.connections.values) }
    for connection in connections {
      connection.channel.eventLoop.execute {
        connection.handler.value.forceClose()
      }
    }
  }

  /// Returns once no connection is open.
  func waitUntilEmpty() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let resumeNow = state.withLockedValue { state in
        if state.connections.isEmpty { return true }
        state.drainWaiters.append(continuation)
        return false
      }
      if resumeNow { continuation.resume() }
    }
  }
}
