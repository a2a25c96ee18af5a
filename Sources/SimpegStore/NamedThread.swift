import Foundation

/// Threads that carry their name where operators look (`top -H`, `perf`, /proc/PID/task/*/comm).
///
/// On Linux a `Thread.name` set before `start()` is kept by Foundation only and never reaches
/// the kernel, and the kernel refuses a name longer than 15 bytes outright; so the thread names
/// itself once it runs, cut to 15 bytes.
public enum NamedThread {
  /// Starts `body` on a new thread named `name` (at most 15 bytes are kept).
  public static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread {
      Thread.current.name = String(decoding: name.utf8.prefix(15), as: UTF8.self)
      body()
    }
    thread.start()
  }
}
