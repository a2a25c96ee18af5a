import Crypto
import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore

/// IngestServiceRequests: the history of a unit that starts using the system mid-year, streamed
/// by the client.
///
/// All or nothing per call. Items are checked as they arrive (``HistoricalRequestCheck``) and
/// held, at most ``IngestionLimits/maximumItems`` of them; the first bad item refuses the call
/// before anything is written, naming its index and the rule (``IngestRefusal``). Then the
/// requests are written in transactions of ``IngestionLimits/batchSize``, each with its audit
/// record and its share of the aggregates. Should a batch fail (a reference taken meanwhile,
/// storage full), the batches already written are removed again, in the same bounded steps,
/// before the call ends with the error; while a call writes, readers may briefly see the
/// batches already written. Items identical to requests ingested earlier are skipped, so if even
/// the removal fails (the daemon stopping), sending the same call again completes it.
extension PublicServiceHandler {
  func ingestServiceRequests(
    requests: RequestStream<Simpeg_V1_HistoricalServiceRequest>, context: ServerContext
  ) async throws -> Simpeg_V1_IngestServiceRequestsResponse {
    let principal = try context.principal()
    var entry = try AuditEntry(context: context, request: Simpeg_V1_IngestServiceRequestsResponse())
    var digest = SHA256()
    var check = HistoricalRequestCheck(actor: principal.username, now: core.clock.now().instant)
    var pending: [RequestBatchWriter.Pending] = []
    var response = Simpeg_V1_IngestServiceRequestsResponse()
    var index = 0
    for try await item in requests {
      guard index < ingestion.maximumItems else {
        throw IngestRefusal(
          index: index, reference: item.reference, code: .invalidArgument,
          reason: "one call ingests at most \(ingestion.maximumItems) requests; send the rest in another call"
        ).error
      }
      let bytes: [UInt8] = try item.serializedBytes()
      withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { digest.update(bufferPointer: $0) }
      digest.update(data: bytes)
      let outcome: HistoricalRequestCheck.Outcome
      do {
        outcome = try store.read { transaction in try check.check(item, index: index, in: transaction) }
      } catch let refusal as IngestRefusal {
        throw refusal.error
      }
      switch outcome {
      case .new(let request): pending.append(RequestBatchWriter.Pending(index: index, request: request))
      case .alreadyPresent: response.alreadyPresent += 1
      }
      index += 1
    }
    response.items = UInt32(index)
    entry.requestSHA256 = Array(digest.finalize())
    let audit = entry
    let batches = stride(from: 0, to: pending.count, by: max(1, ingestion.batchSize)).map {
      Array(pending[$0..<min($0 + max(1, ingestion.batchSize), pending.count)])
    }
    var written: [[UInt64]] = []
    do {
      for (number, batch) in batches.enumerated() {
        let ids = try await ledger.record(audit) { mutation in
          let transaction = mutation.transaction
          let ids = try RequestBatchWriter.store(batch, in: transaction)
          mutation.audit(targets: [
            "ingest", "batch:\(number + 1)/\(batches.count)",
            "service_requests:\(ids.first ?? 0)-\(ids.last ?? 0)",
          ])
          return ids
        }
        written.append(ids)
      }
    } catch {
      let undone = await removeIngested(written, audit: audit)
      let outcome =
        undone
        ? "nothing was ingested"
        : "the \(written.joined().count) requests already written could not be removed and stay stored: "
          + "send the same call again to complete it"
      if let refusal = error as? IngestRefusal { throw refusal.error(outcome: outcome) }
      var failure = (error as? RPCError) ?? Self.failure(of: error)
      failure.message += "; \(outcome)"
      throw failure
    }
    response.stored = UInt32(pending.count)
    response.batches = UInt32(batches.count)
    return response
  }

  /// Removes the batches of a failed call, one transaction per batch; returns whether all went.
  private func removeIngested(_ batches: [[UInt64]], audit: AuditEntry) async -> Bool {
    for ids in batches.reversed() {
      do {
        try await ledger.record(audit) { mutation in
          let transaction = mutation.transaction
          try RequestBatchWriter.remove(ids, in: transaction)
          mutation.audit(targets: [
            "ingest", "removed", "service_requests:\(ids.first ?? 0)-\(ids.last ?? 0)",
          ])
        }
      } catch {
        return false
      }
    }
    return true
  }

  private static func failure(of error: any Error) -> RPCError {
    if let error = error as? StoreError { return StoreErrorInterceptor.status(for: error) }
    return RPCError(.internal, "storing the requests failed")
  }
}
