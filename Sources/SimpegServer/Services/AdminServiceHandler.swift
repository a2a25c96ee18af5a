import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore

/// `simpeg.v1.AdminService`: the audit trail, statistics, the method listing, the sample
/// organisation and backups.
///
/// Work that takes long (verifying the whole trail, generating the sample) runs on the global
/// executor, not on the connection's event loop.
struct AdminServiceHandler: Simpeg_V1_AdminService.Handler {
  let core: ServerCore

  /// The size of the data chunks of a streamed backup.
  static let backupChunkSize = 256 * 1024

  /// The data chunk size for a client that accepts responses of at most `maxResponseSize`
  /// bytes: ``backupChunkSize``, or less so that each `BackupChunk` (the bytes, a field tag and
  /// a length of up to 5 bytes) fits the client's frames, which may be as small as 16 KiB.
  static func backupChunkSize(forResponsesOf maxResponseSize: Int) -> Int {
    min(backupChunkSize, maxResponseSize - 6)
  }

  func readAudit(request: Simpeg_V1_ReadAuditRequest, context: ServerContext) async throws
    -> Simpeg_V1_ReadAuditResponse
  {
    let query = try AuditQuery(request)
    return try core.store.read { try query.run(in: $0) }
  }

  func verifyAudit(request: Simpeg_V1_VerifyAuditRequest, context: ServerContext) async throws
    -> Simpeg_V1_VerifyAuditResponse
  {
    let store = core.store
    let verification = try await withTaskExecutorPreference(globalConcurrentExecutor) {
      try store.read { try AuditTrail.verify(in: $0) }
    }
    var response = Simpeg_V1_VerifyAuditResponse()
    response.intact = verification.intact
    response.recordsChecked = verification.checked
    response.lastSequence = verification.lastSequence
    response.brokenAt = verification.brokenAt
    response.problem = verification.problem
    return response
  }

  func getStats(request: Simpeg_V1_GetStatsRequest, context: ServerContext) async throws
    -> Simpeg_V1_GetStatsResponse
  {
    try StatsReport.make(core: core)
  }

  func listMethods(request: Simpeg_V1_ListMethodsRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListMethodsResponse
  {
    var response = Simpeg_V1_ListMethodsResponse()
    response.methods = MethodListing.all()
    return response
  }

  func loadSample(request: Simpeg_V1_LoadSampleRequest, context: ServerContext) async throws
    -> Simpeg_V1_LoadSampleResponse
  {
    let year = request.year == 0 ? 2025 : Int(request.year)
    guard (2000...2100).contains(year) else {
      throw RPCError(.invalidArgument, "year must be from 2000 to 2100 (or 0 for 2025), not \(year)")
    }
    let serviceRequests = request.serviceRequests == 0 ? 6_000 : Int(request.serviceRequests)
    guard serviceRequests <= 1_000_000 else {
      throw RPCError(
        .invalidArgument,
        "service_requests must be at most 1000000 (or 0 for 6000), not \(serviceRequests)")
    }
    let entry = try AuditEntry(context: context, request: request)
    let ledger = core.ledger
    let logger = core.logger
    let counts = try await withTaskExecutorPreference(globalConcurrentExecutor) {
      try await SampleCity.load(
        seed: request.seed, year: year, serviceRequests: serviceRequests, into: ledger, audit: entry,
        logger: logger)
    }
    var response = Simpeg_V1_LoadSampleResponse()
    response.units = UInt32(clamping: counts.organisation.units)
    response.positions = UInt32(clamping: counts.organisation.positions)
    response.employees = UInt32(clamping: counts.organisation.employees)
    response.skps = UInt32(clamping: counts.performance.skps)
    response.activities = UInt32(clamping: counts.performance.activities)
    response.evaluations = UInt32(clamping: counts.performance.evaluations)
    response.publicServices = UInt32(clamping: counts.publicService.services)
    response.serviceRequests = UInt32(clamping: counts.publicService.requests)
    return response
  }

  /// Streams a hot copy: data chunks of ``backupChunkSize`` bytes (smaller when the client's max
  /// frame size is: see ``backupChunkSize(forResponsesOf:)``), then the summary.
  ///
  /// The copy holds every record, password hashes included, so each backup is audited (target
  /// `backup`) before it starts. When the call ends early (the client cancels, the deadline
  /// passes, the connection drops) the handler's task is cancelled: the wait for the next chunk
  /// throws, the stream is dropped and the store ends its copy at once, releasing its read
  /// transaction. A client that stops reading holds the copy for at most the store's
  /// `backupStallTimeout`: a chunk it does not take in that time ends the call with ABORTED, and
  /// the store abandons the copy on its side too. Map growth that waits too long for the copy
  /// and shutdown abandon it the same way (ABORTED, saying why).
  func backup(
    request: Simpeg_V1_BackupRequest, response: ResponseWriter<Simpeg_V1_BackupChunk>,
    context: ServerContext
  ) async throws {
    let entry = try AuditEntry(context: context, request: request, targets: ["backup"])
    try await core.ledger.record(entry) { _ in }
    let schemaVersion = UInt32(clamping: core.store.schema.version)
    var chunks = core.store.backupStream(
      chunkSize: Self.backupChunkSize(forResponsesOf: context.maxResponseSize)
    ).makeAsyncIterator()
    while let element = try await chunks.next() {
      try Task.checkCancellation()
      var chunk = Simpeg_V1_BackupChunk()
      switch element {
      case .chunk(let bytes):
        chunk.data = Data(bytes)
      case .end(let sizeBytes, let sha256):
        var summary = Simpeg_V1_BackupSummary()
        summary.sizeBytes = UInt64(clamping: sizeBytes)
        summary.sha256 = Data(Self.bytes(fromHex: sha256))
        summary.schemaVersion = schemaVersion
        chunk.summary = summary
        core.logger.notice(
          "backup streamed",
          metadata: ["bytes": "\(sizeBytes)", "by": "\(entry.actor)", "peer": "\(context.peer)"])
      }
      try await Self.write(
        chunk, to: response, within: core.store.configuration.backupStallTimeout, unless: chunks)
    }
  }

  /// Sends a chunk, or ends the call with ABORTED when the client takes nothing for `limit` or
  /// the store abandons the copy (map growth, shutdown) while the chunk waits for the client.
  static func write(
    _ chunk: Simpeg_V1_BackupChunk, to response: ResponseWriter<Simpeg_V1_BackupChunk>,
    within limit: Duration,
    unless copy: BackupStream.Iterator
  ) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await response.write(chunk) }
      group.addTask {
        try await Task.sleep(for: limit)
        throw RPCError(
          .aborted,
          "the backup was abandoned: the client took no data for \(limit); run the backup again and keep "
            + "reading the stream")
      }
      group.addTask {
        // nil: the write or the limit ended first and this wait was cancelled.
        guard let reason = await copy.abandonment() else { throw CancellationError() }
        throw RPCError(.aborted, "the backup was abandoned: \(reason)")
      }
      defer { group.cancelAll() }
      try await group.next()
    }
  }

  /// The bytes of a lower-case hex string.
  static func bytes(fromHex hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count - 1, by: 2).compactMap { index in
      UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16)
    }
  }
}
