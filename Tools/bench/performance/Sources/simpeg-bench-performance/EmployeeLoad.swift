import Foundation
import SimpegAPI
import SimpegBenchKit

/// A closed loop of employees logging activities, one worker per employee (the idea of the
/// shared `LoadRun`, with each worker bound to its own session): each logs, waits for the
/// durable acknowledgement, logs again; bounded by time and by a total count.
struct EmployeeLoad {
  /// Measured seconds (at most).
  var seconds: Double
  /// Seconds of calls before measuring.
  var warmup: Double
  /// Measured calls at most.
  var maxCalls: Int

  /// A cell as the options say: warm-up, then the measured seconds, at most `--max-calls`.
  init(options: PerformanceBenchOptions) {
    (seconds, warmup, maxCalls) = (options.seconds, options.warmup, options.maxCalls)
  }

  /// Exactly `calls` calls (at most 10 minutes), no warm-up: for counting instructions.
  init(calls: Int) {
    (seconds, warmup, maxCalls) = (600, 0, calls)
  }

  /// What a cell measured.
  struct Result: Sendable {
    var calls = 0
    var errors = 0
    var elapsed: Duration = .zero
    var latencies: [Double] = []

    var callsPerSecond: Double {
      Double(calls) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    func millis(_ percentile: Double) -> Double { Percentile.of(latencies, percentile) }
  }

  /// Runs the loop; `observe(activityID, sent, acknowledged)` sees every measured success.
  func run(
    _ employees: [Drive.Employee],
    observe: @escaping @Sendable (UInt64, ContinuousClock.Instant, ContinuousClock.Instant) -> Void
  ) async -> Result {
    let budget = CallBudget(maxCalls)
    let warmupEnd = ContinuousClock.now + .milliseconds(Int(warmup * 1_000))
    let end = warmupEnd + .milliseconds(Int(seconds * 1_000))
    var total = Result()
    await withTaskGroup(of: Result.self) { group in
      for employee in employees {
        group.addTask {
          var result = Result()
          while true {
            let start = ContinuousClock.now
            if start >= end { break }
            let measuring = start >= warmupEnd
            if measuring, !budget.take() { break }
            do {
              let activity = try await employee.activities.logActivity(employee.request)
              let done = ContinuousClock.now
              if measuring {
                result.calls += 1
                result.latencies.append(elapsedMillis(start, done))
                observe(activity.id, start, done)
              }
            } catch {
              if measuring { result.errors += 1 }
            }
          }
          return result
        }
      }
      for await result in group {
        total.calls += result.calls
        total.errors += result.errors
        total.latencies += result.latencies
      }
    }
    total.elapsed = min(ContinuousClock.now, end) - warmupEnd
    return total
  }
}
