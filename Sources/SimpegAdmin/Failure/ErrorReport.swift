import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// How an error reaches the operator: one line saying what failed (for the daemon's refusals,
/// its status and message), a line saying what to try, and the exit status.
public struct ErrorReport: Sendable, Equatable {
  /// The exit status.
  public var status: ExitStatus
  /// What failed.
  public var message: String
  /// What to try.
  public var hint: String?

  /// The report of `error`.
  public init(_ error: any Error) {
    switch error {
    case let failure as AdminFailure:
      self.init(status: failure.status, message: failure.message, hint: failure.hint)
    case let rpc as RPCError:
      self.init(status: ExitStatus(rpc.code), message: rpc.description, hint: Self.hint(for: rpc))
    case let store as StoreError:
      self.init(store)
    case let decoding as SwiftProtobuf.JSONDecodingError:
      self.init(
        status: .usage, message: "the JSON does not fit the request: \(decoding)",
        hint: "field names as in the .proto file or in lowerCamelCase; enums by name")
    default:
      self.init(status: .failed, message: "\(error)", hint: nil)
    }
  }

  /// A report with its parts given.
  public init(status: ExitStatus, message: String, hint: String?) {
    self.status = status
    self.message = message
    self.hint = hint
  }

  private init(_ error: StoreError) {
    switch error.kind {
    case .backupTruncated, .backupCorrupted, .backupMismatch:
      self.init(
        status: .verificationFailed, message: "backup verification failed: \(error.message)",
        hint: "do not restore this file; take a new backup with `simpeg-admin backup FILE`")
    case .restoreTargetNotEmpty:
      self.init(
        status: .refused, message: error.message,
        hint: "restore into a new or empty folder; the daemon's current data is never overwritten")
    case .folderInUse:
      self.init(
        status: .refused, message: error.message, hint: "stop the daemon that uses this folder first")
    default:
      self.init(status: .failed, message: error.message, hint: nil)
    }
  }

  /// What to try after the daemon refused a call with `error`.
  static func hint(for error: RPCError) -> String? {
    switch error.code {
    case .unauthenticated:
      return "run `simpeg-admin login USERNAME` (or pass --token-file or SIMPEG_TOKEN)"
    case .permissionDenied:
      return "this needs another role (ADMIN for changes); check `simpeg-admin whoami`"
    case .unavailable:
      return "is simpegd running and listening there? check --address, --tls and `simpeg-admin context show`"
    case .deadlineExceeded:
      return "the daemon did not answer in time; retry, or give a longer --timeout"
    case .notFound:
      return "check the id, code or name; list them with `simpeg-admin unit tree`, `employee search`, "
        + "`account list`"
    case .resourceExhausted:
      return error.metadata["retry-after"].map { "retry in \($0) seconds" } ?? "retry later"
    case .unimplemented:
      return "the daemon does not serve this method; `simpeg-admin methods` lists what it serves"
    case .invalidArgument, .failedPrecondition, .alreadyExists, .outOfRange:
      return nil
    default:
      return nil
    }
  }

  /// The lines to print on stderr: `simpeg-admin: message`, then `  hint`.
  public var lines: [String] {
    ["simpeg-admin: \(message)"] + (hint.map { ["  \($0)"] } ?? [])
  }
}
