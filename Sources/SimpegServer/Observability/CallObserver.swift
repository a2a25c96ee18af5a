import Logging
import Metrics
import SimpegAPI

/// Logs and counts every call: request id, peer, method, status and duration. Successful calls
/// are logged at `debug`, failures at `info` (`error` for INTERNAL and DATA_LOSS). Metadata is
/// never logged, so tokens and API keys cannot leak into logs; messages of errors are written
/// by the server and carry no secrets.
///
/// Metrics: `simpeg_rpc_calls_total{method,code}` and `simpeg_rpc_duration_seconds{method}`.
/// Every call is also noted in ``CallsInFlight`` while it runs.
struct CallObserver: ServerInterceptor {
  let logger: Logger
  let inFlight: CallsInFlight

  func intercept(
    context: ServerContext, next: @Sendable (ServerContext) async throws -> Void
  ) async throws {
    let start = ContinuousClock.now
    var status = StatusCode.ok
    var message = ""
    let ticket = inFlight.begin(context.method.fullName)
    defer {
      inFlight.end(ticket)
      let elapsed = ContinuousClock.now - start
      let method = context.method.fullName
      Counter(label: "simpeg_rpc_calls_total", dimensions: [("method", method), ("code", status.name)])
        .increment()
      Timer(label: "simpeg_rpc_duration_seconds", dimensions: [("method", method)])
        .recordNanoseconds(Self.nanoseconds(elapsed))
      var metadata: Logger.Metadata = [
        "method": "\(method)", "status": "\(status.name)", "peer": "\(context.peer)",
        "duration_us": "\(Self.nanoseconds(elapsed) / 1000)",
      ]
      if let requestID = context.requestID { metadata["request-id"] = "\(requestID)" }
      if status == .ok {
        logger.debug("call", metadata: metadata)
      } else {
        metadata["message"] = "\(message)"
        let level: Logger.Level = status == .internal || status == .dataLoss ? .error : .info
        logger.log(level: level, "call failed", metadata: metadata)
      }
    }
    do {
      try await next(context)
    } catch let error as RPCError {
      status = error.code
      message = error.message
      throw error
    } catch is CancellationError {
      status = .cancelled
      throw CancellationError()
    } catch {
      status = .internal
      message = "\(type(of: error))"
      throw error
    }
  }

  private static func nanoseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}
