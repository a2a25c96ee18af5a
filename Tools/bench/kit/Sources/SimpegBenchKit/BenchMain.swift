import Dispatch
import Foundation

/// The entry point of a benchmark whose server side runs under valgrind (``CallgrindProbe``).
///
/// Swift's async `main` hands the main thread to `dispatch_main`, which ends it with
/// `pthread_exit` and waits for signals in its place; valgrind 3.19 (Debian 12's) crashes on
/// that at start ("the 'impossible' happened"). Here the main thread instead waits on a
/// semaphore while the body runs as a detached task on the cooperative pool. The main thread is
/// not one of the pool's, so its wait takes nothing from the tasks.
public enum BenchMain {
  /// Runs `body`, then exits with status 0; an error is printed and exits with status 1.
  public static func run(_ body: @escaping @Sendable () async throws -> Void) -> Never {
    let finished = DispatchSemaphore(value: 0)
    Task.detached {
      do {
        try await body()
      } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
      }
      finished.signal()
    }
    finished.wait()
    exit(0)
  }
}
