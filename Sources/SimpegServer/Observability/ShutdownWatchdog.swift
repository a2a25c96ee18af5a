import Foundation
import Logging
import SimpegStore

/// Ends the process when a shutdown has not finished in time, saying what was still running.
///
/// A graceful shutdown gives calls in flight the grace period, then ends them and closes the
/// store. Something can still keep it from ending (a handler that never returns, a thread blocked
/// in I/O), and an operator's SIGTERM must not be ignored because of it. The watchdog runs on a
/// thread of its own, outside the event loops and Swift's cooperative pool, so nothing it
/// watches can keep it from firing.
public enum ShutdownWatchdog {
  /// Starts the watch: after `limit`, logs `describe()` at `critical` and calls `expire`.
  public static func arm(
    after limit: Duration, logger: Logger, describe: @escaping @Sendable () -> String,
    expire: @escaping @Sendable () -> Never
  ) {
    NamedThread.start("shutdown-watch") {
      let (seconds, attoseconds) = limit.components
      Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
      logger.critical(
        "shutdown did not finish in time; exiting without it",
        metadata: ["limit": "\(limit)", "unfinished": "\(describe())"])
      expire()
    }
  }
}
