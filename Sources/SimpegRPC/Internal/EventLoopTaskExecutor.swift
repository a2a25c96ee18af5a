import NIOCore

/// Runs Swift tasks on one NIO event loop, so a call's handler shares the thread of its
/// connection and writes its frames without a thread hop. Public for servers beside the RPC
/// runtime (the web gateway runs each HTTP connection's task on its own event loop too).
public final class EventLoopTaskExecutor: TaskExecutor {
  /// The loop jobs run on.
  public let eventLoop: any EventLoop

  /// An executor running jobs on `eventLoop`.
  public init(eventLoop: any EventLoop) {
    self.eventLoop = eventLoop
  }

  /// Runs `job` on the event loop.
  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    eventLoop.execute {
      job.runSynchronously(on: self.asUnownedTaskExecutor())
    }
  }
}
