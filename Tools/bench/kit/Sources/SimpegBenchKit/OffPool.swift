import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Blocking work a benchmark must do (waiting for standard input to close, for a child's first
/// line or its exit) on a thread of its own, never on a thread of Swift's cooperative pool.
///
/// The pool has as many threads as the machine has cores; a loop that blocks one of them in an
/// async function takes that core away from every task of the process (on two cores, half of the
/// machine), which would favour a server whose handlers run elsewhere (on NIO's event loops) over
/// one whose handlers run on the pool (grpc-swift-2).
public enum OffPool {
  /// Runs `body` on a new thread named `name` and resumes with its result once it returns.
  public static func run<T: Sendable>(
    _ name: String, _ body: @escaping @Sendable () throws -> T
  ) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread { continuation.resume(with: Result { try body() }) }
      thread.name = name
      thread.start()
    }
  }

  /// Returns once standard input reaches its end (the parent closed it, or exited).
  public static func waitForStandardInputToClose() async {
    _ = try? await run("stdin-watch") {
      var buffer = [UInt8](repeating: 0, count: 512)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if count > 0 { continue }
        if count < 0, errno == EINTR { continue }
        return
      }
    }
  }
}
