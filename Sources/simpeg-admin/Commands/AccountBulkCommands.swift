import ArgumentParser
import Foundation
import SimpegAPI
import SimpegAdmin

#if canImport(Glibc)
  import Glibc
#endif

extension AccountCommand {
  /// `account add-unit`: accounts for every employee of a unit who has none (``UnitAccounts``).
  struct AddUnit: ConnectedCommand {
    static let configuration = CommandConfiguration(
      commandName: "add-unit",
      abstract: "Add an account for every employee of a unit who has none; their one-time passwords as CSV.",
      discussion: """
        Each new account's username is the employee's NIP; the daemon chooses its initial password, \
        which the person changes at the first login. The CSV (nip, nama, kata_sandi_awal) goes to \
        --csv, a new file only its owner can read, or to standard output; each row is written as soon \
        as its account exists, so a run that stops midway loses no password. Employees who already \
        have an account are left as they are. Exit status 1 if the daemon refused some of them.
        """)
    @Argument(help: "The unit.") var unit: String
    @Flag(help: "Also the employees of the units below it.") var subunits = false
    @Option(help: ArgumentHelp("Write the CSV to this new file (mode 0600).", valueName: "file")) var csv:
      String?
    @Flag(help: "Only list who would get an account; create none.") var dryRun = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      let unitID = try await References.unit(unit, connection: connection)
      // The file first: a path that cannot be written fails before any account is created.
      let sink = try dryRun ? nil : PasswordSink(path: csv, console: console)
      let employees = try await UnitAccounts.employees(of: unitID, subunits: subunits, connection: connection)
      let progress = ProgressLine(label: dryRun ? "checked" : "accounts", enabled: console.showsProgress)
      let outcome: UnitAccounts.Outcome
      do {
        outcome = try await UnitAccounts.create(
          for: employees, dryRun: dryRun, connection: connection,
          progress: { progress.show("\($0) of \(employees.count) employees") },
          created: { try sink?.write($0) })
        progress.clear()
      } catch {
        progress.abandon()
        throw error
      }
      try report(outcome, of: employees.count, console)
      if !outcome.failed.isEmpty {
        throw AdminFailure(
          .failed, "the daemon refused \(outcome.failed.count) of the accounts (listed above)")
      }
    }

    private func report(_ outcome: UnitAccounts.Outcome, of total: Int, _ console: Console) throws {
      if console.isJSON {
        let nips = { (employees: [Simpeg_V1_Employee]) in
          JSONOutput.Value.array(employees.map { .string($0.nip) })
        }
        var members: [String: JSONOutput.Value] = [
          dryRun ? "wouldCreate" : "created": nips(outcome.created), "existing": nips(outcome.existing),
          "failed": .array(
            outcome.failed.map { .object(["nip": .string($0.employee.nip), "error": .string($0.message)]) }),
        ]
        if let csv, !dryRun { members["csv"] = .string(csv) }
        try console.printJSON(.object(members))
        return
      }
      if dryRun {
        console.print(RecordTables.employees(outcome.created), empty: "every employee has an account")
      }
      for failure in outcome.failed {
        console.warn("\(failure.employee.nip) \(Display.fullName(failure.employee)): \(failure.message)")
      }
      console.notice(
        "\(total) employees: \(outcome.created.count) \(dryRun ? "without an account" : "accounts created"), "
          + "\(outcome.existing.count) had one already"
          + (outcome.failed.isEmpty ? "" : ", \(outcome.failed.count) refused")
          + (csv != nil && !dryRun ? "; one-time passwords in \(csv!)" : ""))
    }
  }
}

/// Where the one-time passwords go, a CSV row per account as it is created: a new file that only
/// its owner may read (never an existing one), or standard output (not with `--json`, whose
/// document carries no passwords).
private final class PasswordSink {
  private let handle: FileHandle?
  private let writer = CSVWriter()

  init(path: String?, console: Console) throws {
    if let path {
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      guard fd >= 0 else {
        let reason = String(cString: strerror(errno))
        throw AdminFailure.usage(
          "cannot create \(path): \(reason)",
          hint: "give a new file's path; an existing file is never overwritten")
      }
      handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    } else {
      if console.isJSON {
        throw AdminFailure.usage("with --json the passwords need a file", hint: "add --csv FILE")
      }
      handle = nil
    }
    emit(writer.line(UnitAccounts.header))
  }

  func write(_ created: UnitAccounts.Created) throws {
    emit(writer.line([created.employee.nip, Display.fullName(created.employee), created.initialPassword]))
    if let handle { try handle.synchronize() }
  }

  private func emit(_ line: String) {
    if let handle {
      handle.write(Data(line.utf8))
    } else {
      StandardStreams.out(line)
    }
  }
}
