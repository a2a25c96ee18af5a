import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads passwords: from the terminal without echo when standard input is one, otherwise one
/// line of standard input (so scripts can pipe a password in, as `login --password-stdin`
/// does). A password never appears on the screen, in the arguments or in the environment.
public enum PasswordReader {
  /// Whether standard input is a terminal.
  public static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

  /// Reads one password. With a terminal: writes `prompt` to standard error and reads with echo
  /// off; an interrupt (Ctrl-C) restores the echo before the process ends. Without one (or with
  /// `fromStandardInput`): reads the next line of standard input with no prompt.
  public static func read(prompt: String, fromStandardInput: Bool = false) throws -> String {
    if fromStandardInput || !standardInputIsTerminal {
      guard let line = Swift.readLine(strippingNewline: true) else {
        throw AdminFailure(.usage, "standard input ended before a password was read")
      }
      return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
    StandardStreams.error(prompt)
    let password = try withEchoOff { Swift.readLine(strippingNewline: true) }
    StandardStreams.error("\n")
    guard let password else { throw AdminFailure(.usage, "no password was entered") }
    return password
  }

  /// Reads a new password twice from a terminal until both agree (three attempts), or once
  /// from standard input.
  public static func readNew(prompt: String, confirmation: String) throws -> String {
    guard standardInputIsTerminal else { return try read(prompt: prompt) }
    for _ in 0..<3 {
      let first = try read(prompt: prompt)
      let second = try read(prompt: confirmation)
      if first == second { return first }
      StandardStreams.error("the passwords differ; try again\n")
    }
    throw AdminFailure(.usage, "the new password was not entered the same way twice")
  }

  /// Runs `body` with the terminal's echo off and restores it afterwards, also when SIGINT
  /// arrives in between.
  private static func withEchoOff<T>(_ body: () -> T) throws -> T {
    var saved = termios()
    guard tcgetattr(STDIN_FILENO, &saved) == 0 else {
      throw AdminFailure(.failed, "cannot read the terminal settings: \(String(cString: strerror(errno)))")
    }
    var silent = saved
    silent.c_lflag &= ~tcflag_t(ECHO)
    TerminalRestore.saved = saved
    let previous = signal(SIGINT, TerminalRestore.onInterrupt)
    guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else {
      signal(SIGINT, previous)
      throw AdminFailure(.failed, "cannot turn the terminal's echo off: \(String(cString: strerror(errno)))")
    }
    defer {
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
      signal(SIGINT, previous)
    }
    return body()
  }
}

/// The terminal settings to restore when an interrupt arrives while echo is off.
private enum TerminalRestore {
  // Written only by `withEchoOff` before the handler is installed, read only by the handler
  // while it is installed; the process prompts from one thread at a time, so no access overlaps
  // a write.
  nonisolated(unsafe) static var saved = termios()

  /// Restores the terminal (tcsetattr is async-signal-safe) and ends the process as an
  /// interrupt would (status 130).
  static let onInterrupt: @convention(c) (Int32) -> Void = { _ in
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &TerminalRestore.saved)
    _exit(130)
  }
}
