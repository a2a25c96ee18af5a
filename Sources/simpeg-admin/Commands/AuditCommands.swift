import ArgumentParser
import SimpegAPI
import SimpegAdmin

/// `audit`: the hash-chained audit trail.
struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "The audit trail: the latest records, a range by sequence, time or actor, verification.",
    subcommands: [Tail.self, Range.self, Verify.self])

  /// Prints records oldest first.
  static func show(_ records: [Simpeg_V1_AuditRecord], more: Bool, _ console: Console) throws {
    if console.isJSON {
      try console.printJSON(.object(["records": .array(records.map { .message($0) }), "more": .bool(more)]))
    } else {
      console.print(RecordTables.audit(records), empty: "no audit records match")
      if more { console.notice("more records match: raise --limit") }
    }
  }

  struct Tail: ConnectedCommand {
    static let configuration = CommandConfiguration(abstract: "The latest records, oldest of them first.")
    @Option(name: [.customShort("n"), .long], help: "How many.") var count: Int = 20
    @Option(help: "Only this username's records.") var actor: String?
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if count < 1 { throw ValidationError("-n must be at least 1") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_ReadAuditRequest()
      request.newestFirst = true
      request.actor = actor ?? ""
      var records: [Simpeg_V1_AuditRecord] = []
      repeat {
        request.limit = UInt32(min(1000, count - records.count))
        let page = try await connection.admin.readAudit(request, options: connection.unary)
        records += page.records
        request.fromSequence = page.nextSequence
      } while request.fromSequence != 0 && records.count < count
      try AuditCommand.show(Array(records.reversed()), more: false, console)
    }
  }

  struct Range: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Records oldest first, from a sequence, between times, of an actor.",
      discussion: "Times are ISO 8601 (2025-03-01T08:00:00+07:00), or local: 2025-03-01 or 2025-03-01 08:00.")
    @Option(help: "The first sequence.") var from: UInt64 = 1
    @Option(help: "The last sequence.") var to: UInt64?
    @Option(help: "Only this username's records.") var actor: String?
    @Option(help: "Only records at or after this time.") var since: String?
    @Option(help: "Only records at or before this time.") var until: String?
    @Option(help: "At most this many.") var limit: Int = 1000
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if limit < 1 { throw ValidationError("--limit must be at least 1") }
      if let to, to < from { throw ValidationError("--to is before --from") }
    }

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_ReadAuditRequest()
      request.fromSequence = from
      request.actor = actor ?? ""
      if let since { request.since = try OptionValues.instant(since) }
      if let until { request.until = try OptionValues.instant(until) }
      var records: [Simpeg_V1_AuditRecord] = []
      var more = false
      reading: while true {
        request.limit = UInt32(min(1000, limit - records.count + 1))
        let page = try await connection.admin.readAudit(request, options: connection.unary)
        for record in page.records {
          if let to, record.sequence > to { break reading }
          if records.count == limit {
            more = true
            break reading
          }
          records.append(record)
        }
        request.fromSequence = page.nextSequence
        if page.nextSequence == 0 { break }
      }
      try AuditCommand.show(records, more: more, console)
    }
  }

  struct Verify: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check every record's hash and link (exit 7 when the chain is broken).")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var options = connection.unary
      options.timeout = max(options.timeout ?? .seconds(60), .seconds(600))
      let result = try await connection.admin.verifyAudit(Simpeg_V1_VerifyAuditRequest(), options: options)
      if console.isJSON {
        try console.printJSON(.message(result))
      } else if result.intact {
        console.print(
          "audit trail intact: \(result.recordsChecked) records, last sequence \(result.lastSequence)")
      }
      guard result.intact else {
        throw AdminFailure(
          .verificationFailed,
          "the audit trail is broken at record \(result.brokenAt): \(result.problem)",
          hint: "keep the data folder as it is and report it; restore a backup taken before it for comparison"
        )
      }
    }
  }
}
