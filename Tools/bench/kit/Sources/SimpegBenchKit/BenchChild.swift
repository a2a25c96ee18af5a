import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A benchmark's server side started as a child process: its standard input and output are
/// pipes to this process, it reports itself with one line on its output and serves until its
/// input closes (``OffPool/waitForStandardInputToClose()`` on its side).
///
/// Started with `posix_spawn`, and every wait happens on a thread of its own (``OffPool``), so
/// driving a child never blocks a thread of Swift's cooperative pool.
public struct BenchChild: Sendable {
  /// The child's process id.
  public let pid: pid_t
  private let input: Int32
  private let output: Int32

  /// Starts this very executable again with `arguments` (e.g. `["serve"]`).
  public static func startSelf(_ arguments: [String]) throws -> BenchChild {
    guard let executable = Bundle.main.executablePath else {
      throw BenchError("cannot find this program's own executable to start its server side")
    }
    return try start(executable, arguments)
  }

  /// Starts `executable` with `arguments`; its standard error is this process's.
  public static func start(_ executable: String, _ arguments: [String]) throws -> BenchChild {
    var toChild: [Int32] = [0, 0]
    var fromChild: [Int32] = [0, 0]
    guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else {
      throw BenchError("cannot make pipes for the child: errno \(errno)")
    }
    // Only the child's ends reach the child (as its 0 and 1): none leaks into a later child.
    for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    close(toChild[0])
    close(fromChild[1])
    guard status == 0 else {
      close(toChild[1])
      close(fromChild[0])
      throw BenchError("cannot start \(executable): errno \(status)")
    }
    return BenchChild(pid: pid, input: toChild[1], output: fromChild[0])
  }

  /// Runs `arguments` (the first is looked up in `PATH`) to its end, off the pool, with its
  /// standard output and error discarded; returns its exit status (128 + the signal that ended
  /// it, if one did).
  @discardableResult
  public static func runToEnd(_ arguments: [String]) async throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var spawned: pid_t = 0
    let status = posix_spawnp(&spawned, arguments[0], &actions, nil, argv, environ)
    guard status == 0 else { throw BenchError("cannot run \(arguments[0]): errno \(status)") }
    let pid = spawned
    return try await OffPool.run("command-exit") {
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0, errno == EINTR {}
      let signal = status & 0x7f
      return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
  }

  /// The first line the child writes (without its newline), read off the pool; throws when the
  /// child closes its output without writing one.
  public func firstLine() async throws -> String {
    let output = self.output
    return try await OffPool.run("child-output") {
      var line: [UInt8] = []
      var byte: UInt8 = 0
      while true {
        let count = read(output, &byte, 1)
        if count < 0, errno == EINTR { continue }
        guard count == 1 else { throw BenchError("the server ended without reporting its port") }
        if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
        line.append(byte)
      }
    }
  }

  /// Closes the child's input (its signal to shut down), reads what else it writes until it
  /// exits, and waits for it, off the pool; returns that output.
  @discardableResult
  public func stop() async -> String {
    close(input)
    let (pid, output) = (self.pid, self.output)
    let rest = try? await OffPool.run("child-exit") { () -> String in
      var bytes: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 4_096)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
        if count > 0 {
          bytes += buffer[0..<count]
        } else if count < 0, errno == EINTR {
          continue
        } else {
          break
        }
      }
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0, errno == EINTR {}
      return String(decoding: bytes, as: UTF8.self)
    }
    close(output)
    return rest ?? ""
  }
}

/// A benchmark that cannot go on: a child that could not be started or did not report, a
/// set-up that failed, an answer that was wrong.
public struct BenchError: Error, CustomStringConvertible {
  /// What went wrong.
  public let description: String
  /// Creates the error.
  public init(_ description: String) { self.description = description }
}
