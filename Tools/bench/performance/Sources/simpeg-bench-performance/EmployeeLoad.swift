import Foundation
import SimpegAPI
import Synchronization

/// A closed loop of employees logging activities, one worker per employee (the idea of the
/// shared `LoadRun`, with each worker bound to its own session): each logs, waits for the
/// durable acknowledgement, logs again; bounded by time and by a total count.
struct EmployeeLoad {
  let options: PerformanceBenchOptions

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
    let budget = CallBudget(options.maxCalls)
    let warmupEnd = ContinuousClock.now + .milliseconds(Int(options.warmup * 1_000))
    let end = warmupEnd + .milliseconds(Int(options.seconds * 1_000))
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

/// The calls a cell may still make, shared by its workers.
final class CallBudget: Sendable {
  private let remaining: Atomic<Int>

  init(_ calls: Int) { remaining = Atomic(calls) }

  /// Takes one call from the budget; false once it is spent.
  func take() -> Bool { remaining.subtract(1, ordering: .relaxed).newValue >= 0 }
}
