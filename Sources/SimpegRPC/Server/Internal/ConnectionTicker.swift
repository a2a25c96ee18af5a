import NIOCore

/// One repeating timer per event loop that drives the connection timers of every server
/// connection on that loop (handshake, idle, keepalive), in place of timers of their own.
///
/// NIO keeps scheduled tasks in a heap whose cancellation is a linear search, so with a few
/// timers per connection, closing 10,000 connections at once cost 10,000 searches of a
/// 20,000-task heap and held the event loop (and every other connection on it) for tens of
/// seconds. Here a connection joins and leaves a dictionary, and each tick compares a few
/// deadlines per connection. Lives on its event loop only.
final class ConnectionTicker {
  private let eventLoop: any EventLoop
  private let interval: TimeAmount
  private var members: [ObjectIdentifier: ServerConnectionHandler] = [:]
  private var task: RepeatedTask?

  init(eventLoop: any EventLoop, interval: TimeAmount) {
    self.eventLoop = eventLoop
    self.interval = interval
  }

  /// Ticks `handler` from now on, until ``remove(_:)``.
  func add(_ handler: ServerConnectionHandler) {
    eventLoop.preconditionInEventLoop()
    members[ObjectIdentifier(handler)] = handler
    guard task == nil else { return }
    let loopBound = NIOLoopBound(self, eventLoop: eventLoop)
    task = eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
      loopBound.value.tick()
    }
  }

  /// Stops ticking `handler`; the timer stops when no connection is left.
  func remove(_ handler: ServerConnectionHandler) {
    eventLoop.preconditionInEventLoop()
    guard members.removeValue(forKey: ObjectIdentifier(handler)) != nil, members.isEmpty else { return }
    task?.cancel()
    task = nil
  }

  private func tick() {
    let now = NIODeadline.now()
    for handler in Array(members.values) {
      handler.tick(now: now)
    }
  }

  /// The tick interval for a server's timeouts: a quarter of the shortest, between 1 ms and 1 s,
  /// so a timer fires at most that late.
  static func interval(for configuration: ServerConfiguration) -> TimeAmount {
    let timeouts = [
      configuration.handshakeTimeout, configuration.idleTimeout, configuration.keepaliveInterval,
      configuration.keepaliveTimeout,
    ].compactMap { $0 }
    let shortest = timeouts.min() ?? .seconds(4)
    let quarter = TimeAmount(shortest / 4)
    return min(max(quarter, .milliseconds(1)), .seconds(1))
  }
}
