import ArgumentParser
import Foundation
import SimpegAdmin

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `simpeg-admin`: the operators' client of simpegd.
@main
struct SimpegAdminCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simpeg-admin",
    abstract: "Operate simpegd: backups, the organisation, accounts, the audit trail.",
    discussion: """
      Connection: --address, --tls, --ca-file, --server-name and a credential (a login, \
      --token-file or SIMPEG_TOKEN). `login` remembers the address and the session in a context \
      of the contexts file (~/.config/simpeg/contexts.json, or SIMPEG_ADMIN_CONFIG), so later \
      commands need no flags.

      Every command prints aligned tables for people, or JSON with --json.

      \(ExitStatus.summary)
      """,
    version: AdminSession.version,
    subcommands: [
      Login.self, Logout.self, WhoAmI.self, ChangePassword.self, ContextCommand.self,
      Status.self, Methods.self,
      BackupCommand.self, Restore.self, Check.self, CheckWorker.self,
      UnitCommand.self, PositionCommand.self, EmployeeCommand.self,
      ImportCommand.self, ExportCommand.self,
      AccountCommand.self, ApiKeyCommand.self,
      AuditCommand.self,
      Call.self, SampleCommand.self,
    ])

  /// Parses and runs a command, and ends the process with the status of ``ExitStatus``.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
      Foundation.exit(ExitStatus.ok.rawValue)
    } catch {
      end(with: error)
    }
  }

  /// Prints what went wrong and exits with its status.
  static func end(with error: any Error) -> Never {
    if isOwn(error) {
      let report = ErrorReport(error)
      StandardStreams.error(report.lines.map { $0 + "\n" }.joined())
      Foundation.exit(report.status.rawValue)
    }
    let code = exitCode(for: error)
    let message = fullMessage(for: error)
    if code == .success {
      StandardStreams.out(message + "\n")
      Foundation.exit(ExitStatus.ok.rawValue)
    }
    if let exit = error as? ExitCode {
      Foundation.exit(exit.rawValue)
    }
    StandardStreams.error(message + "\n")
    Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : ExitStatus.failed.rawValue)
  }

  /// Whether `error` is one of simpeg-admin's (or the daemon's), not the argument parser's.
  private static func isOwn(_ error: any Error) -> Bool {
    !(error is ExitCode) && exitCode(for: error) == .failure
  }
}
