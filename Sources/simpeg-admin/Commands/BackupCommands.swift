import ArgumentParser
import Foundation
import SimpegAPI
import SimpegAdmin
import SimpegStore

/// `backup FILE`, `backup verify FILE`, `backup inspect FILE`.
struct BackupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract: "Take a hot backup from the daemon; verify or inspect one offline.",
    subcommands: [Create.self, Verify.self, Inspect.self],
    defaultSubcommand: Create.self)

  /// A manifest as JSON.
  static func json(_ manifest: BackupManifest) throws -> JSONOutput.Value {
    .json(try manifest.jsonData())
  }

  /// A manifest for people.
  static func list(_ manifest: BackupManifest, file: String) -> KeyValueList {
    var list = KeyValueList()
    list.add("file", file)
    list.add("size", "\(ByteCount.grouped(Int64(manifest.sizeBytes))) bytes")
    list.add("sha256", manifest.sha256)
    list.add("last sequence", "\(manifest.lastSequence)")
    list.add("schema", "\(manifest.schemaVersion)")
    list.add("store format", "\(manifest.storeFormatVersion)")
    list.add("created", ISO8601DateFormatter().string(from: manifest.createdAt))
    return list
  }

  struct Create: ConnectedCommand {
    static let configuration = CommandConfiguration(
      commandName: "create",
      abstract: "Stream a hot backup into FILE and write FILE.manifest.json (the default subcommand).",
      discussion: """
        The data goes to FILE.partial first; only when its size and SHA-256 match the daemon's \
        summary and its manifest is written is it renamed to FILE, so an interrupted backup \
        never leaves a file that looks complete. FILE must not exist. Progress goes to standard \
        error (not with --json or --quiet).
        """)

    @Argument(help: "The backup file to write.") var file: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      let progress = ProgressLine(label: "backup", enabled: console.showsProgress)
      let outcome = try await BackupDownload.run(connection: connection, to: file, progress: progress)
      if console.isJSON {
        try console.printJSON(
          .object([
            "file": .string(outcome.file), "manifestFile": .string(BackupFiles.manifestPath(for: file)),
            "manifest": try BackupCommand.json(outcome.manifest),
          ]))
      } else {
        console.print(
          "backup written: \(file) (\(ByteCount.decimal(Int64(outcome.manifest.sizeBytes))), sequence "
            + "\(outcome.manifest.lastSequence)) with \(BackupFiles.manifestPath(for: file))")
      }
    }
  }

  struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a backup against its manifest offline: size, SHA-256, every table (exit 7 if not).")

    @Argument(help: "The backup file.") var file: String
    @OptionGroup var output: OutputOptions

    func run() async throws {
      let console = output.console
      do {
        let progress = ProgressLine(label: "verify", enabled: console.showsProgress)
        let manifest = try await BackupFiles.verify(file) { name in progress.show("reading \(name)") }
        progress.clear()
        if console.isJSON {
          try console.printJSON(
            .object([
              "file": .string(file), "intact": .bool(true), "manifest": try BackupCommand.json(manifest),
            ]))
        } else {
          console.print(
            "\(file): intact (\(ByteCount.decimal(Int64(manifest.sizeBytes))), sequence "
              + "\(manifest.lastSequence), \(manifest.entries.count) databases)")
        }
      } catch let failure as AdminFailure where failure.status == .verificationFailed {
        if console.isJSON {
          try console.printJSON(
            .object(["file": .string(file), "intact": .bool(false), "problem": .string(failure.message)]))
        }
        throw failure
      }
    }
  }

  struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print a backup's manifest (computed from the file when FILE.manifest.json is missing).")

    @Argument(help: "The backup file.") var file: String
    @OptionGroup var output: OutputOptions

    func run() async throws {
      let console = output.console
      let (manifest, stored) = try BackupFiles.manifest(for: file, computeIfMissing: true)
      if console.isJSON {
        try console.printJSON(
          .object([
            "file": .string(file), "stored": .bool(stored), "manifest": try BackupCommand.json(manifest),
          ]))
        return
      }
      if !stored { console.notice("no \(BackupFiles.manifestPath(for: file)): computed from the file") }
      console.print(BackupCommand.list(manifest, file: file))
      console.print("")
      console.print(
        TextTable(
          [.init("DATABASE"), .init("ENTRIES", .right)],
          rows: manifest.entries.keys.sorted().map { [$0, "\(manifest.entries[$0]!)"] }))
    }
  }
}

/// `restore FILE --data DIR`.
struct Restore: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Restore a backup offline into a new or empty data folder (verifies it first).",
    discussion: """
      Never overwrites: a folder holding anything is refused. Start simpegd on the folder \
      afterwards (`simpegd --data DIR`).
      """)

  @Argument(help: "The backup file.") var file: String
  @Option(help: ArgumentHelp("The data folder to create (new or empty).", valueName: "dir")) var data: String
  @OptionGroup var output: OutputOptions

  func run() async throws {
    let console = output.console
    let manifest = try await BackupFiles.restore(file, into: data)
    if console.isJSON {
      try console.printJSON(
        .object(["file": .string(file), "data": .string(data), "manifest": try BackupCommand.json(manifest)]))
    } else {
      console.print(
        "restored \(file) (sequence \(manifest.lastSequence)) into \(data); start it with "
          + "`simpegd --data \(data)`")
    }
  }
}

/// `check --data DIR` or `check --backup FILE`: every page and record, in a child process.
struct Check: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Check a data folder or a backup file offline: every page and every record (exit 7 if damaged).",
    discussion: """
      Walks every page the data file's trees reach (when no daemon holds the folder), then every \
      record of every database: each record's checksum, each index entry's row, each change \
      record. It runs in a child process, so damage that would crash a reader ends only that \
      process, and the report names where it was. The folder may be in use by its daemon: the \
      records are then read beside it (the page walk needs the folder to itself). Prints the \
      damaged records it finds (at most 100, all counted).
      """)

  @Option(help: ArgumentHelp("A store's data folder.", valueName: "dir")) var data: String?
  @Option(help: ArgumentHelp("A backup file.", valueName: "file")) var backup: String?
  @OptionGroup var output: OutputOptions

  func run() async throws {
    let console = output.console
    let target: StoreCheckProcess.Target
    switch (data, backup) {
    case (let folder?, nil): target = .folder(folder)
    case (nil, let file?): target = .backupFile(file)
    default: throw AdminFailure.usage("give exactly one of --data DIR and --backup FILE")
    }
    let progress = ProgressLine(label: "check", enabled: console.showsProgress)
    let outcome = try await StoreCheckProcess.run(target) { name in progress.show("reading \(name)") }
    progress.clear()
    guard case .report(let report) = outcome else {
      throw AdminFailure(.failed, "the check process answered with a verification instead of a report")
    }
    if console.isJSON {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      try console.printJSON(.json(try encoder.encode(report)))
    } else {
      console.print(Self.text(report))
    }
    guard report.intact else {
      throw AdminFailure(
        .verificationFailed,
        "\(report.target) is damaged: \(report.structureProblems.count) page faults, \(report.findingCount) "
          + "damaged records",
        hint: "restore the latest intact backup into a new folder (simpeg-admin restore FILE --data NEW)")
    }
  }

  /// The report for people.
  static func text(_ report: StoreCheckReport) -> String {
    var lines: [String] = []
    let pages =
      report.pagesWalked.map { "\($0) pages walked" } ?? "page walk skipped: a daemon holds the folder"
    lines.append(
      "\(report.target): store format \(report.storeFormatVersion), sequence \(report.lastSequence); \(pages); "
        + "\(report.recordsChecked) records in \(report.databases.count) databases checked")
    if report.storeFormatVersion < 2 {
      lines.append("records of store format 1 carry no checksums; simpegd adds them when it opens the store")
    }
    for problem in report.structureProblems { lines.append("page fault: \(problem)") }
    if !report.skippedDatabases.isEmpty {
      lines.append("not read (damaged pages): \(report.skippedDatabases.joined(separator: ", "))")
    }
    for finding in report.findings {
      lines.append("damaged: \(finding.database) key \(finding.key): \(finding.problem)")
    }
    if report.findingCount > report.findings.count {
      lines.append("... and \(report.findingCount - report.findings.count) more damaged records")
    }
    lines.append(report.intact ? "intact" : "DAMAGED")
    return lines.joined(separator: "\n")
  }
}

/// The child side of `check`, `backup verify` and `restore` (see StoreCheckProcess); hidden.
struct CheckWorker: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: StoreCheckProcess.workerCommand, abstract: "Run a check for another simpeg-admin.",
    shouldDisplay: false)

  @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

  func run() throws {
    guard let target = StoreCheckProcess.Target(arguments: arguments) else {
      throw AdminFailure.usage("\(StoreCheckProcess.workerCommand) takes folder|backup|verify and a path")
    }
    Foundation.exit(StoreCheckProcess.runWorker(target))
  }
}
