import SimpegAPI
import SimpegRPC
import SimpegStore

/// Turns storage errors that escape a handler into statuses a client can act on (see the
/// mapping in Sources/SimpegStore/README.md), so no handler has to.
struct StoreErrorInterceptor: ServerInterceptor {
  func intercept(
    context: ServerContext, next: @Sendable (ServerContext) async throws -> Void
  ) async throws {
    do {
      try await next(context)
    } catch let error as StoreError {
      throw Self.status(for: error)
    }
  }

  static func status(for error: StoreError) -> RPCError {
    switch error.kind {
    case .keyExists, .uniqueViolation:
      return RPCError(.alreadyExists, error.message)
    case .diskFull, .mapFull, .readersFull:
      return RPCError(
        .resourceExhausted,
        "the server's storage is full (\(error.kind)); reads still work, retry writes later")
    case .invalidPageToken, .keyTooLong:
      return RPCError(.invalidArgument, error.message)
    case .closed:
      return RPCError(.unavailable, "the server is shutting down; retry")
    case .valueUndecodable, .keyUndecodable, .corrupted, .checksumMismatch:
      return RPCError(
        .dataLoss,
        "stored data is damaged and was not served: \(error.message); tell the operators (simpeg-admin check)"
      )
    case .backupAbandoned:
      return RPCError(.aborted, "\(error.message)")
    default:
      return RPCError(.internal, "storage failed: \(error.kind)")
    }
  }
}
