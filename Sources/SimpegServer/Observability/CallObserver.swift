import Logging
import Metrics
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC

/// Logs and counts every call: request id, peer, method, status and duration. Successful calls
/// are logged at `debug`, failures at `info` (`error` for INTERNAL and DATA_LOSS). Metadata is
/// never logged, so tokens and API keys cannot leak into logs; messages of errors are written
/// by the server and carry no secrets.
///
/// Metrics: `simpeg_rpc_calls_total{method,code}` and `simpeg_rpc_duration_seconds{method}`.
///
/// Per call it costs two clock reads and two metric updates: the metric handles are made once per
/// method and status (``CallMetrics``), and a successful call's log metadata is built only when
/// `debug` is logged. Every call is also noted in ``CallsInFlight`` while it runs.
struct CallObserver: ServerInterceptor {
  let logger: Logger
  let inFlight: CallsInFlight
  private let metrics = CallMetrics()

  init(logger: Logger, inFlight: CallsInFlight) {
    self.logger = logger
    self.inFlight = inFlight
  }

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
      let (calls, duration) = metrics.handles(method: method, status: status)
      calls.increment()
      duration.recordNanoseconds(Self.nanoseconds(elapsed))
      let level: Logger.Level =
        switch status {
        case .ok: .debug
        case .internal, .dataLoss: .error
        default: .info
        }
      if logger.logLevel <= level {
        var metadata: Logger.Metadata = [
          "method": "\(method)", "status": "\(status.name)", "peer": "\(context.peer)",
          "duration_us": "\(Self.nanoseconds(elapsed) / 1000)",
        ]
        if let requestID = context.requestID { metadata["request-id"] = "\(requestID)" }
        if status == .ok {
          logger.debug("call", metadata: metadata)
        } else {
          metadata["message"] = "\(message)"
          logger.log(level: level, "call failed", metadata: metadata)
        }
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

/// The metric handles of calls, made once per method and status instead of at every call
/// (making one asks the metrics factory, which looks it up by label and dimensions).
final class CallMetrics: Sendable {
  private struct Handles {
    var duration: Timer
    var calls: [StatusCode: Counter] = [:]
  }

  private let handles = NIOLockedValueBox<[String: Handles]>([:])

  /// `simpeg_rpc_calls_total{method,code}` and `simpeg_rpc_duration_seconds{method}`.
  func handles(method: String, status: StatusCode) -> (calls: Counter, duration: Timer) {
    handles.withLockedValue { handles in
      if let known = handles[method], let calls = known.calls[status] { return (calls, known.duration) }
      var entry =
        handles[method]
        ?? Handles(duration: Timer(label: "simpeg_rpc_duration_seconds", dimensions: [("method", method)]))
      let calls = Counter(
        label: "simpeg_rpc_calls_total", dimensions: [("method", method), ("code", status.name)])
      entry.calls[status] = calls
      handles[method] = entry
      return (calls, entry.duration)
    }
  }
}
