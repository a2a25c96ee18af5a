import Metrics
import NIOConcurrencyHelpers

/// The gateway's metrics, through swift-metrics (a Prometheus registry in simpeg-web):
///
/// - `simpeg_web_requests_total{route,code}`: requests answered, by route (a method's full
///   name, `events/<stream>`, `auth/login`, `auth/logout`, `health`, `files`, `preflight`,
///   `unknown`) and outcome (a Connect code name, `ok`, or the HTTP status of other routes);
/// - `simpeg_web_request_duration_seconds{route}`: time to the response head;
/// - `simpeg_web_open_streams{kind}`: Connect streams and event streams open now.
///
/// Routes are a bounded set, so a client cannot grow the label space with made-up paths. The
/// counters and timers are made once per label set and kept, so a request costs two
/// dictionary lookups, not a registry lookup each.
final class GatewayMetrics: Sendable {
  private let counters = NIOLockedValueBox<[String: Counter]>([:])
  private let timers = NIOLockedValueBox<[String: Timer]>([:])

  /// Counts one answered request.
  func record(route: String, outcome: String, duration: Duration) {
    let key = route + "\u{1F}" + outcome
    let counter = counters.withLockedValue { counters in
      if let counter = counters[key] { return counter }
      let counter = Counter(
        label: "simpeg_web_requests_total", dimensions: [("route", route), ("code", outcome)])
      counters[key] = counter
      return counter
    }
    counter.increment()
    let timer = timers.withLockedValue { timers in
      if let timer = timers[route] { return timer }
      let timer = Timer(label: "simpeg_web_request_duration_seconds", dimensions: [("route", route)])
      timers[route] = timer
      return timer
    }
    let (seconds, attoseconds) = duration.components
    timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }

  /// Runs `body` counted as an open stream of `kind` (`connect` or `events`).
  func countingStream<T>(kind: String, _ body: () async throws -> T) async rethrows -> T {
    let meter = Meter(label: "simpeg_web_open_streams", dimensions: [("kind", kind)])
    meter.increment()
    defer { meter.decrement() }
    return try await body()
  }
}
