import SimpegAPI
import SimpegRPC

/// The exit status of `simpeg-admin`: what scripts may rely on.
///
/// | status | meaning |
/// |---|---|
/// | 0 | done |
/// | 1 | failed (any other error) |
/// | 2 | usage: a flag, argument or input the command cannot use |
/// | 3 | the daemon is unavailable or unreachable (or did not answer in time) |
/// | 4 | unauthenticated or permission denied |
/// | 5 | not found |
/// | 6 | invalid argument, failed precondition or already exists (the daemon refused the request) |
/// | 7 | verification failed: a backup or the audit trail is not intact |
public enum ExitStatus: Int32, Sendable, Hashable, CaseIterable {
  /// Done.
  case ok = 0
  /// Failed for a reason no other status names.
  case failed = 1
  /// The command line (or a file it names) cannot be used as given.
  case usage = 2
  /// The daemon is unavailable, unreachable or did not answer in time.
  case unavailable = 3
  /// No valid credentials, or not allowed.
  case denied = 4
  /// What was asked for does not exist.
  case notFound = 5
  /// The request was refused as it stands: invalid, not possible now, or a duplicate.
  case refused = 6
  /// A backup or the audit trail failed verification.
  case verificationFailed = 7

  /// The status for a call that ended with `code`.
  public init(_ code: StatusCode) {
    switch code {
    case .ok: self = .ok
    case .unavailable, .deadlineExceeded: self = .unavailable
    case .unauthenticated, .permissionDenied: self = .denied
    case .notFound: self = .notFound
    case .invalidArgument, .failedPrecondition, .alreadyExists, .outOfRange: self = .refused
    case .dataLoss: self = .verificationFailed
    default: self = .failed
    }
  }

  /// One line per status, for `--help` and the README.
  public static let summary = """
    Exit status: 0 ok, 1 failed, 2 usage, 3 daemon unavailable or unreachable, \
    4 unauthenticated or permission denied, 5 not found, \
    6 invalid argument, failed precondition or already exists, \
    7 verification failed (backup or audit trail).
    """
}
