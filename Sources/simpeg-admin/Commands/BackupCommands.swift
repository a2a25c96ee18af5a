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
        let manifest = try BackupFiles.verify(file)
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
    let manifest = try BackupFiles.restore(file, into: data)
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
