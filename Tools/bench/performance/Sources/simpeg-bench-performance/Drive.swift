import Foundation
import SimpegAPI
import SimpegRPC
import Synchronization

/// The driving side: sets up sessions for employees of the sample and their supervisor, then
/// measures LogActivity and the watch stream.
struct Drive {
  let options: PerformanceBenchOptions
  let port: Int
  let credentialsFile: String

  /// An employee ready to log: their own session and connection, and the RHK of their SKP.
  struct Employee: Sendable {
    let activities: Simpeg_V1_ActivityService.Client
    let request: Simpeg_V1_LogActivityRequest
  }

  func run() async throws {
    let setup = try await BenchSetup.prepare(
      port: port, credentialsFile: credentialsFile, employees: options.employees)
    if options.format == "tsv" { return try await runTabular(setup) }
    emit(
      "sample Kota Salatiga (seed 7), \(setup.employees.count) employees with their own sessions and "
        + "connections; the watcher is the Sekda, above all of them")
    emit("")
    emit(
      "LogActivity, durable (each acknowledged write is fsync'd; group commit), closed loop, "
        + "\(options.warmup) s warm-up then \(options.seconds) s per cell")
    emit("employees  activities/s    p50 ms    p99 ms   errors")
    for concurrency in options.concurrency {
      let result = await EmployeeLoad(options: options).run(Array(setup.employees.prefix(concurrency))) {
        _, _, _ in
      }
      emit(
        String(
          format: "%9d  %12.0f  %8.2f  %8.2f  %7d", concurrency, result.callsPerSecond,
          result.millis(50), result.millis(99), result.errors))
    }
    emit("")
    emit(
      "WatchActivities: delay of each LogActivity's event at the Sekda's stream, measured from the "
        + "call's start (sent) and from its acknowledgement (ack; negative: the supervisor had it first)")
    emit("employees    events  sent->event p50 ms  p99 ms   ack->event p50 ms  p99 ms  missed")
    for concurrency in options.watchConcurrency {
      let probe = try await DeliveryProbe(watcher: setup.watcher, options: options)
        .run(Array(setup.employees.prefix(concurrency)))
      emit(
        String(
          format: "%9d  %8d  %18.2f  %6.2f  %17.2f  %6.2f  %6d", concurrency, probe.delivered,
          Percentile.of(probe.fromSent, 50), Percentile.of(probe.fromSent, 99),
          Percentile.of(probe.fromAck, 50), Percentile.of(probe.fromAck, 99), probe.missed))
    }
  }
}

extension Drive {
  /// The same cells as ``run()``, one tab-separated line each and nothing else on standard output:
  /// `logactivity  employees  activities/s  p50 ms  p99 ms  errors  calls` and
  /// `watch  employees  events  sent->event p50 ms  p99 ms  ack->event p50 ms  p99 ms  missed`.
  func runTabular(_ setup: BenchSetup) async throws {
    for concurrency in options.concurrency {
      let result = await EmployeeLoad(options: options).run(Array(setup.employees.prefix(concurrency))) {
        _, _, _ in
      }
      emit(
        String(
          format: "logactivity\t%d\t%.1f\t%.3f\t%.3f\t%d\t%d", concurrency, result.callsPerSecond,
          result.millis(50), result.millis(99), result.errors, result.calls))
    }
    for concurrency in options.watchConcurrency {
      let probe = try await DeliveryProbe(watcher: setup.watcher, options: options)
        .run(Array(setup.employees.prefix(concurrency)))
      emit(
        String(
          format: "watch\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%d", concurrency, probe.delivered,
          Percentile.of(probe.fromSent, 50), Percentile.of(probe.fromSent, 99),
          Percentile.of(probe.fromAck, 50), Percentile.of(probe.fromAck, 99), probe.missed))
    }
  }
}

/// Nearest-rank percentiles of a list of milliseconds.
enum Percentile {
  static func of(_ values: [Double], _ percentile: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let rank = Int((percentile / 100 * Double(sorted.count)).rounded(.up))
    return sorted[max(0, min(sorted.count - 1, rank - 1))]
  }
}

/// Milliseconds between two instants.
func elapsedMillis(_ from: ContinuousClock.Instant, _ to: ContinuousClock.Instant) -> Double {
  let (seconds, attoseconds) = (to - from).components
  return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
}
