import Foundation
import SimpegAPI

/// The final figures of a run: per operation and in all, calls, throughput, latency percentiles
/// (milliseconds, from the HdrHistogram) and failures by status code; printed as a table or as
/// JSON (`--json`), and judged against the error-rate threshold.
public struct LoadReport: Codable, Sendable, Equatable {
  /// `closed` or `open`.
  public var loop: String
  /// The mix as `--mix` takes it.
  public var mix: String
  /// Concurrent callers.
  public var callers: Int
  /// Connections to the daemon.
  public var connections: Int
  /// The open loop's rate (calls/s), nil in a closed loop.
  public var rate: Double?
  /// The seed.
  public var seed: UInt64
  /// Measured seconds (warm-up excluded).
  public var seconds: Double
  /// One row per operation that made calls, then `all`.
  public var rows: [Row]
  /// Failures of all operations by status name, e.g. `UNAVAILABLE`.
  public var errorsByStatus: [String: Int]
  /// Failed calls / all calls (0 when there were none).
  public var errorRate: Double
  /// Open loop: calls due that were never sent.
  public var unsent: Int
  /// Writes acknowledged (warm-up included): the lines of the ack log.
  public var acknowledgedWrites: Int
  /// Watch streams held open.
  public var watchers: Int
  /// Events delivered on them.
  public var watchEvents: Int
  /// Watch streams that failed and were reopened, by status name.
  public var watchErrorsByStatus: [String: Int]

  /// One operation's (or all operations') figures.
  public struct Row: Codable, Sendable, Equatable {
    /// The operation's name, or `all`.
    public var operation: String
    /// Successful calls.
    public var ok: Int
    /// Failed calls.
    public var errors: Int
    /// Successful calls per measured second.
    public var perSecond: Double
    /// Latency percentiles of successful calls, milliseconds.
    public var p50: Double
    /// 90th percentile.
    public var p90: Double
    /// 99th percentile.
    public var p99: Double
    /// 99.9th percentile.
    public var p999: Double
    /// The largest.
    public var max: Double

    enum CodingKeys: String, CodingKey {
      case operation, ok, errors, p50, p90, p99, p999, max
      case perSecond = "per_second"
    }
  }

  enum CodingKeys: String, CodingKey {
    case loop, mix, callers, connections, rate, seed, seconds, rows, unsent, watchers
    case errorsByStatus = "errors_by_status"
    case errorRate = "error_rate"
    case acknowledgedWrites = "acknowledged_writes"
    case watchEvents = "watch_events"
    case watchErrorsByStatus = "watch_errors_by_status"
  }

  /// The report of a run of `plan` over `connections` connections.
  public init(
    plan: LoadPlan, connections: Int, totals: LoadRecorder.Totals, outcome: LoadDriver.Outcome
  ) {
    loop = plan.schedule == nil ? "closed" : "open"
    mix = plan.mix.description
    callers = plan.callers
    self.connections = connections
    rate = plan.schedule?.rate
    seed = plan.seed
    let (whole, attoseconds) = outcome.elapsed.components
    seconds = Double(whole) + Double(attoseconds) / 1e18
    let seconds = self.seconds
    func row(_ name: String, _ figures: LoadRecorder.Figures) -> Row {
      let histogram = figures.latencies
      func ms(_ micros: UInt64) -> Double { figures.succeeded == 0 ? 0 : Double(micros) / 1_000 }
      return Row(
        operation: name, ok: figures.succeeded, errors: figures.failed,
        perSecond: seconds > 0 ? Double(figures.succeeded) / seconds : 0,
        p50: ms(histogram.valueAtPercentile(50)), p90: ms(histogram.valueAtPercentile(90)),
        p99: ms(histogram.valueAtPercentile(99)), p999: ms(histogram.valueAtPercentile(99.9)),
        max: ms(histogram.max))
    }
    rows = totals.operations.keys.sorted().map { row($0.rawValue, totals.operations[$0]!) }
    let all = totals.all
    rows.append(row("all", all))
    errorsByStatus = Dictionary(uniqueKeysWithValues: all.failures.map { ($0.key.name, $0.value) })
    let calls = all.succeeded + all.failed
    errorRate = calls == 0 ? 0 : Double(all.failed) / Double(calls)
    unsent = outcome.unsent
    acknowledgedWrites = totals.acknowledgedWrites
    watchers = plan.watchers
    watchEvents = totals.watchEvents
    watchErrorsByStatus = Dictionary(
      uniqueKeysWithValues: totals.watchFailures.map { ($0.key.name, $0.value) })
  }

  /// The table for people.
  public var table: String {
    var lines: [String] = []
    let rateText = rate.map { String(format: ", %.0f calls/s intended", $0) } ?? ""
    lines.append(
      "\(loop) loop, \(callers) callers over \(connections) connections\(rateText), "
        + String(format: "%.1f s measured, seed %llu", seconds, seed))
    lines.append("mix: \(mix)")
    lines.append("")
    lines.append(
      pad("operation", 17, left: true) + pad("ok", 10) + pad("errors", 8) + pad("ok/s", 10)
        + pad("p50 ms", 9) + pad("p90 ms", 9) + pad("p99 ms", 9) + pad("p99.9 ms", 10) + pad("max ms", 9))
    for row in rows {
      lines.append(
        pad(row.operation, 17, left: true) + pad("\(row.ok)", 10) + pad("\(row.errors)", 8)
          + pad(String(format: "%.0f", row.perSecond), 10) + pad(Self.ms(row.p50), 9)
          + pad(Self.ms(row.p90), 9) + pad(Self.ms(row.p99), 9) + pad(Self.ms(row.p999), 10)
          + pad(Self.ms(row.max), 9))
    }
    lines.append("")
    let errors = errorsByStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    lines.append(
      String(format: "errors: %.3f%%", errorRate * 100)
        + (errors.isEmpty ? "" : " (" + errors.joined(separator: ", ") + ")"))
    if loop == "open" { lines.append("unsent (due while every caller was busy): \(unsent)") }
    lines.append("acknowledged writes: \(acknowledgedWrites)")
    if watchers > 0 {
      let failures = watchErrorsByStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      lines.append(
        "watch streams: \(watchers), events delivered: \(watchEvents)"
          + (failures.isEmpty ? "" : ", reopened after " + failures.joined(separator: ", ")))
    }
    return lines.joined(separator: "\n")
  }

  /// The report as JSON (keys sorted, snake_case).
  public var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }

  /// Whether the run passes: some call was made and the error rate is at most `threshold`.
  public func passes(maxErrorRate threshold: Double) -> Bool {
    rows.last.map { $0.ok + $0.errors > 0 } == true && errorRate <= threshold
  }

  /// The progress line of second `second` of a run.
  public static func progressLine(second: Int, interval: LoadRecorder.Figures) -> String {
    let histogram = interval.latencies
    let failures = interval.failures.sorted { $0.key.rawValue < $1.key.rawValue }
      .map { "\($0.key.name) \($0.value)" }
    let latency =
      interval.succeeded == 0
      ? "p50 -  p99 -"
      : "p50 \(ms(Double(histogram.valueAtPercentile(50)) / 1_000)) ms  "
        + "p99 \(ms(Double(histogram.valueAtPercentile(99)) / 1_000)) ms"
    return String(format: "[%4d s] %7d ok/s  ", second, interval.succeeded) + latency
      + "  errors \(interval.failed)"
      + (failures.isEmpty ? "" : " (" + failures.joined(separator: ", ") + ")")
  }

  private static func ms(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
  }

  private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let padding = String(repeating: " ", count: Swift.max(0, width - text.count))
    return left ? text + padding : padding + text
  }
}
