/// A failure of a command, with the exit status it ends the process with and what to try.
public struct AdminFailure: Error, Sendable, CustomStringConvertible {
  /// The exit status.
  public var status: ExitStatus
  /// What went wrong.
  public var message: String
  /// What to try next, if there is something useful to say.
  public var hint: String?

  /// Creates a failure.
  public init(_ status: ExitStatus, _ message: String, hint: String? = nil) {
    self.status = status
    self.message = message
    self.hint = hint
  }

  /// A usage failure: an argument, flag or input that cannot be used.
  public static func usage(_ message: String, hint: String? = nil) -> AdminFailure {
    AdminFailure(.usage, message, hint: hint)
  }

  /// The message, then the hint on its own line.
  public var description: String {
    hint.map { "\(message)\n\($0)" } ?? message
  }
}
