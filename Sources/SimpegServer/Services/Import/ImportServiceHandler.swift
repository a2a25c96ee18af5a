import SimpegAPI
import SimpegRPC
import SimpegStore

/// `simpeg.v1.ImportService`: units and employees in bulk from the rows of a CSV file.
///
/// Each call reads its whole stream first (bounded by ``ImportIntake``), then checks and
/// writes every row in one transaction (``ImportRun``): a dry run and a refused all-or-nothing
/// import write nothing; otherwise one audit record, with the counts and a digest of every
/// message received, commits with the rows.
struct ImportServiceHandler: Simpeg_V1_ImportService.Handler {
  let core: ServerCore

  var store: ReadOnlyStore { core.store }
  var ledger: Ledger { core.ledger }

  func importUnits(requests: RequestStream<Simpeg_V1_ImportUnitsRequest>, context: ServerContext)
    async throws -> Simpeg_V1_ImportResponse
  {
    let intake = try await ImportIntake<Simpeg_V1_ImportUnitRow>.read(requests) { request in
      switch request.part {
      case .options(let options): return .options(options)
      case .row(let row): return .row(row)
      case nil: return .empty
      }
    }
    let rows = intake.rows
    return try await ImportRun.execute(
      ledger: ledger, options: intake.options, audit: try entry(intake.options, intake.digest, context),
      what: "units", rows: rows.count
    ) { mutation, report in
      try UnitImport.run(rows, report: &report, in: mutation)
    }
  }

  func importEmployees(
    requests: RequestStream<Simpeg_V1_ImportEmployeesRequest>, context: ServerContext
  ) async throws -> Simpeg_V1_ImportResponse {
    let intake = try await ImportIntake<Simpeg_V1_ImportEmployeeRow>.read(requests) { request in
      switch request.part {
      case .options(let options): return .options(options)
      case .row(let row): return .row(row)
      case nil: return .empty
      }
    }
    let rows = intake.rows
    return try await ImportRun.execute(
      ledger: ledger, options: intake.options, audit: try entry(intake.options, intake.digest, context),
      what: "employees", rows: rows.count
    ) { mutation, report in
      try EmployeeImport.run(rows, report: &report, in: mutation)
    }
  }

  /// The audit entry of an import: its request digest covers every message of the stream.
  private func entry(_ options: Simpeg_V1_ImportOptions, _ digest: [UInt8], _ context: ServerContext)
    throws -> AuditEntry
  {
    var entry = try AuditEntry(context: context, request: options)
    entry.requestSHA256 = digest
    return entry
  }
}
