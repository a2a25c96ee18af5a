import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SimpegRPC

/// An HTTP child channel whose connection task runs on the connection's own event loop, so
/// reading a request, answering it and calling simpegd hand work between fewer threads: no hop
/// to Swift's global executor and back for every part of every request.
///
/// Work of a request then shares its loop with the loop's other connections, as in simpegd's
/// own server; nothing the gateway does blocks a thread.
struct EventLoopBoundChannel<Base: ServerChildChannel>: ServerChildChannel {
  /// The channel wrapped.
  let base: Base
  /// One executor per event loop, shared by its connections.
  let executors: EventLoopExecutors

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Base.Value> {
    base.setup(channel: channel, logger: logger)
  }

  func handle(value: Base.Value, logger: Logger) async {
    await withTaskExecutorPreference(executors.executor(for: value.channel.eventLoop)) {
      await base.handle(value: value, logger: logger)
    }
  }
}

/// The task executors of a group's event loops, made once each.
final class EventLoopExecutors: Sendable {
  private let executors = NIOLockedValueBox<[ObjectIdentifier: EventLoopTaskExecutor]>([:])

  /// The executor of `eventLoop`.
  func executor(for eventLoop: any EventLoop) -> EventLoopTaskExecutor {
    executors.withLockedValue { executors in
      let key = ObjectIdentifier(eventLoop)
      if let executor = executors[key] { return executor }
      let executor = EventLoopTaskExecutor(eventLoop: eventLoop)
      executors[key] = executor
      return executor
    }
  }
}
