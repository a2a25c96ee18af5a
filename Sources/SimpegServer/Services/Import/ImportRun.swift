import SimpegAPI
import SimpegStore

/// Runs the rows of one import in a single write transaction and decides its fate: a dry run,
/// or an all-or-nothing import with a bad row, rolls everything back; otherwise the good rows
/// commit together with one audit record holding the counts.
///
/// Checking in the write transaction lets every row see the rows before it (a unit created
/// three lines up, a NIP used twice), with the same checks as the single calls. Other writes
/// wait while it runs: a long import is a few seconds of the writer's time.
enum ImportRun {
  /// The import's outcome, thrown to roll the transaction back.
  private struct RolledBack: Error {
    let response: Simpeg_V1_ImportResponse
  }

  /// Runs `body` over the rows (it reports bad rows and returns how many it wrote) and returns
  /// the response. `what` names the import in the audit record (`import:units`).
  static func execute(
    ledger: Ledger, options: Simpeg_V1_ImportOptions, audit entry: AuditEntry, what: String, rows: Int,
    body: @escaping @Sendable (Mutation, inout ImportReport) throws -> Int
  ) async throws -> Simpeg_V1_ImportResponse {
    let dryRun = options.dryRun
    let allOrNothing = options.hasAllOrNothing ? options.allOrNothing : true
    do {
      return try await ledger.record(entry) { mutation in
        var report = ImportReport()
        let valid = try body(mutation, &report)
        if dryRun || valid == 0 || (allOrNothing && report.hasProblems) {
          throw RolledBack(response: report.response(rows: rows, valid: valid, written: 0, dryRun: dryRun))
        }
        mutation.audit(targets: [
          "import:\(what)", "rows:\(rows)", "written:\(valid)", "skipped:\(report.problemCount)",
        ])
        return report.response(rows: rows, valid: valid, written: valid, dryRun: false)
      }
    } catch let rolledBack as RolledBack {
      return rolledBack.response
    }
  }
}
