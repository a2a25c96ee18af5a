import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// `simpeg.v1.PublicServiceService`: the service catalogue and holidays, service requests and
/// their history, turnaround reports and SKM surveys.
///
/// The methods live in extensions, one concept per file: `+Catalogue`, `+Holidays`,
/// `+Requests` (the life of a request), `+RequestQueries`, `+Ingestion`, `+Reports`, `+SKM`.
/// Reports read aggregates that every write keeps in its own transaction (``TurnaroundLedger``),
/// never the requests themselves.
struct PublicServiceHandler: Simpeg_V1_PublicServiceService.Handler {
  let core: ServerCore

  var store: ReadOnlyStore { core.store }
  var ledger: Ledger { core.ledger }
  /// How much one IngestServiceRequests call takes and how it writes.
  let ingestion: IngestionLimits
}

/// The bounds of one IngestServiceRequests call.
struct IngestionLimits: Sendable {
  /// Items one call may send; the server holds them (checked) until the stream ends.
  var maximumItems = 20_000
  /// Requests written per transaction.
  var batchSize = 1_000
}

/// The time of a step of a request: the `at` the client sent, or now.
enum StepTime {
  /// How far in the future a client's clock may be.
  static let allowedSkew: TimeInterval = 300

  /// The time of a step `what` that follows a step at `previous` (nil for none), `now` when the
  /// client sent none; `INVALID_ARGUMENT` when it lies before it or more than five minutes ahead
  /// of `now` (the call's reading of the server's clock).
  static func resolve(
    _ at: Google_Protobuf_Timestamp?, after previous: Google_Protobuf_Timestamp?, what: String,
    now: Date
  ) throws -> Google_Protobuf_Timestamp {
    let time = at ?? Google_Protobuf_Timestamp(date: now)
    guard time.isPlausible else {
      throw RPCError(.invalidArgument, "the time of \(what) is not a valid time between 2000 and 2099")
    }
    if time.date.timeIntervalSince(now) > allowedSkew {
      throw RPCError(
        .invalidArgument,
        "the time of \(what) (\(WIBClock.local(time)) WIB) lies in the future; send when it happened")
    }
    if let previous, time.isBefore(previous) {
      throw RPCError(
        .invalidArgument,
        "the time of \(what) (\(WIBClock.local(time)) WIB) is before the request's previous step "
          + "(\(WIBClock.local(previous)) WIB); steps must be in time order")
    }
    return time
  }
}
