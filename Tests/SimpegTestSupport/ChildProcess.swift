import CSpawn
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A child process for tests, started with `posix_spawn`, shaped like Foundation's `Process`
/// (the same property names) so that tests read the same.
///
/// Foundation's `Process.run` on Linux lists `/proc/self/fd` to close the parent's descriptors
/// in the child and, now and then, faults while doing so in a process with many descriptors
/// (swift-corelibs-foundation#5472); a test process full of sockets crashed there about once
/// in three full runs. Here the child closes them itself (`posix_spawn_file_actions_addclosefrom_np`).
///
/// Standard input, output and error take a `FileHandle` (`FileHandle.nullDevice` included), a
/// `Pipe` (the child gets the matching end, and the parent's copy of it is closed once the
/// child runs) or nil (the parent's own). The status is collected with `waitpid` when asked
/// for, so a child is never left a zombie by a test that checks `isRunning` or waits.
public final class ChildProcess: @unchecked Sendable {
  // @unchecked: the configuration is set before `run()` by one task; the exit status is
  // behind `lock`.

  /// How a child ended.
  public enum TerminationReason: Sendable, Equatable {
    /// It exited by itself; ``terminationStatus`` is its exit status.
    case exit
    /// A signal ended it; ``terminationStatus`` is the signal.
    case uncaughtSignal
  }

  /// A failure to start the child.
  public struct SpawnError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
  }

  /// The program.
  public var executableURL: URL?
  /// Its arguments, without the program itself.
  public var arguments: [String] = []
  /// Its environment; nil: the parent's.
  public var environment: [String: String]?
  /// Its working directory; nil: the parent's.
  public var currentDirectoryURL: URL?
  /// Standard input: a `FileHandle`, a `Pipe` or nil.
  public var standardInput: Any?
  /// Standard output: a `FileHandle`, a `Pipe` or nil.
  public var standardOutput: Any?
  /// Standard error: a `FileHandle`, a `Pipe` or nil.
  public var standardError: Any?

  private let lock = NSLock()
  private var pid: pid_t = 0
  private var exit: (reason: TerminationReason, status: Int32)?

  /// A child to configure, then `run()`.
  public init() {}

  /// The child's process id (0 before `run()`).
  public var processIdentifier: Int32 { lock.withLock { pid } }

  /// Starts the child.
  public func run() throws {
    guard let executableURL else { throw SpawnError(description: "no executableURL") }
    var opened: [Int32] = []
    defer { for descriptor in opened { close(descriptor) } }
    func descriptor(_ stream: Any?, input: Bool) throws -> Int32 {
      switch stream {
      case nil:
        return -1
      case let pipe as Pipe:
        return (input ? pipe.fileHandleForReading : pipe.fileHandleForWriting).fileDescriptor
      case let handle as FileHandle where handle === FileHandle.nullDevice:
        let null = open("/dev/null", (input ? O_RDONLY : O_WRONLY) | O_CLOEXEC)
        guard null >= 0 else { throw SpawnError(description: "cannot open /dev/null: errno \(errno)") }
        opened.append(null)
        return null
      case let handle as FileHandle:
        return handle.fileDescriptor
      default:
        throw SpawnError(description: "a standard stream must be a FileHandle, a Pipe or nil")
      }
    }
    let input = try descriptor(standardInput, input: true)
    let output = try descriptor(standardOutput, input: false)
    let error = try descriptor(standardError, input: false)

    let path = executableURL.path
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let environment = self.environment ?? ProcessInfo.processInfo.environment
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var child: pid_t = 0
    let result: Int32 =
      if let directory = currentDirectoryURL?.path {
        cspawn(&child, path, argv, envp, directory, input, output, error)
      } else {
        cspawn(&child, path, argv, envp, nil, input, output, error)
      }
    guard result == 0 else {
      throw SpawnError(description: "cannot start \(path): \(String(cString: strerror(result)))")
    }
    lock.withLock { pid = child }
    // The child has its ends of the pipes; the parent keeps only its own.
    if let pipe = standardInput as? Pipe { try? pipe.fileHandleForReading.close() }
    if let pipe = standardOutput as? Pipe { try? pipe.fileHandleForWriting.close() }
    if let pipe = standardError as? Pipe { try? pipe.fileHandleForWriting.close() }
  }

  /// Whether the child still runs (collecting its status once it ended).
  public var isRunning: Bool { collect() == nil }

  /// How it ended; call after it ended.
  public var terminationReason: TerminationReason { collect()?.reason ?? .exit }

  /// Its exit status or the signal that ended it; call after it ended.
  public var terminationStatus: Int32 { collect()?.status ?? 0 }

  /// Sends SIGTERM.
  public func terminate() {
    let pid = processIdentifier
    if pid > 0, isRunning { kill(pid, SIGTERM) }
  }

  /// Blocks the calling thread until the child ends (polling, so several callers may wait).
  public func waitUntilExit() {
    while collect() == nil { usleep(5_000) }
  }

  /// Suspends until the child ends (polling every 10 ms), or until the task is cancelled.
  public func exited() async {
    while collect() == nil {
      do { try await Task.sleep(for: .milliseconds(10)) } catch { return }
    }
  }

  /// The exit, once `waitpid` has reported it (never blocking).
  private func collect() -> (reason: TerminationReason, status: Int32)? {
    lock.withLock {
      if let exit { return exit }
      guard pid > 0 else { return nil }
      var status: Int32 = 0
      var result: pid_t
      repeat { result = waitpid(pid, &status, WNOHANG) } while result < 0 && errno == EINTR
      guard result == pid else { return nil }
      // WIFEXITED / WEXITSTATUS / WTERMSIG, which are macros in C.
      let signal = status & 0x7f
      exit = signal == 0 ? (.exit, (status >> 8) & 0xff) : (.uncaughtSignal, signal)
      return exit
    }
  }
}
