import Crypto
import SimpegAPI
import SimpegRPC
import SwiftProtobuf

/// The messages of one import call, read whole before anything is checked: the options (the
/// first message, exactly once), then the rows, within the bounds below, and a digest of
/// everything received for the audit trail.
struct ImportIntake<Row: SwiftProtobuf.Message>: Sendable {
  /// The most rows one call may send; beyond it the call ends `RESOURCE_EXHAUSTED`.
  static var maxRows: Int { 100_000 }
  /// The most bytes of rows one call may send (64 MiB); beyond it the call ends
  /// `RESOURCE_EXHAUSTED`.
  static var maxBytes: Int { 64 * 1024 * 1024 }

  /// One message of an import stream.
  enum Part {
    /// The options.
    case options(Simpeg_V1_ImportOptions)
    /// A row.
    case row(Row)
    /// A message with neither.
    case empty
  }

  /// The options of the first message.
  var options: Simpeg_V1_ImportOptions
  /// The rows in the order received.
  var rows: [Row]
  /// SHA-256 over every message received, each preceded by its length (4 bytes, big-endian).
  var digest: [UInt8]

  /// Reads `requests` to their end, each split into its part by `part`.
  static func read<Request: SwiftProtobuf.Message>(
    _ requests: RequestStream<Request>, part: (Request) -> Part
  ) async throws -> ImportIntake {
    var options: Simpeg_V1_ImportOptions?
    var rows: [Row] = []
    var bytes = 0
    var hasher = SHA256()
    for try await request in requests {
      let encoded: [UInt8] = try request.serializedBytes()
      let length = UInt32(clamping: encoded.count)
      hasher.update(data: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) })
      hasher.update(data: encoded)
      switch part(request) {
      case .options(let given):
        guard options == nil, rows.isEmpty else {
          throw RPCError(.invalidArgument, "the options come once, in the first message, before the rows")
        }
        options = given
      case .row(let row):
        guard options != nil else {
          throw RPCError(.invalidArgument, "the first message must carry the options, before any row")
        }
        bytes += encoded.count
        guard rows.count < maxRows, bytes <= maxBytes else {
          throw RPCError(
            .resourceExhausted,
            "an import takes at most \(maxRows) rows and \(maxBytes / 1_048_576) MiB per call; "
              + "split the file and import the parts in order")
        }
        rows.append(row)
      case .empty:
        throw RPCError(.invalidArgument, "a message carries neither options nor a row")
      }
    }
    guard let options else {
      throw RPCError(.invalidArgument, "the call ended before its options: send the options first")
    }
    return ImportIntake(options: options, rows: rows, digest: Array(hasher.finalize()))
  }
}
