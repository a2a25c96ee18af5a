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

  /// The command line both sides of an RPC benchmark share: `serve` serves; `drive --port P`
  /// with ``BenchOptions`` drives a running server; anything else starts `serve` as a child
  /// process, drives it with the options given and stops it. Never returns.
  public static func serveOrDrive(
    serve: @escaping @Sendable () async throws -> Void,
    drive: @escaping @Sendable (BenchOptions, Int) async throws -> Void
  ) -> Never {
    run {
      let arguments = CommandLine.arguments
      switch arguments.dropFirst().first {
      case "serve":
        try await serve()
      case "drive":
        let options = BenchOptions(arguments.dropFirst(2))
        guard let port = options.port else {
          FileHandle.standardError.write(Data("drive needs --port\n".utf8))
          exit(2)
        }
        try await drive(options, port)
      default:
        let options = BenchOptions(arguments.dropFirst())
        let child = try BenchChild.startSelf(["serve"])
        let line = try await child.firstLine()
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
          await child.stop()
          throw BenchError("the server did not report its port: \(line)")
        }
        try await drive(options, port)
        await child.stop()
      }
    }
  }
}
