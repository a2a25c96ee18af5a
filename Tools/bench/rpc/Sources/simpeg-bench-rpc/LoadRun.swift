import Foundation
import Histogram
import Synchronization

/// One cell of a benchmark: a closed loop of `concurrency` callers, each making one call after
/// another for `duration` (after `warmup`), bounded also by `maxCalls` in all.
struct LoadRun {
  var concurrency: Int
  var duration: Duration
  var warmup: Duration
  var maxCalls: Int

  /// What a cell measured.
  struct Result {
    var calls: UInt64
    var errors: UInt64
    var elapsed: Duration
    var histogram: Histogram<UInt64>

    var callsPerSecond: Double {
      Double(calls) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Latency at `percentile`, in microseconds.
    func micros(_ percentile: Double) -> UInt64 { histogram.valueAtPercentile(percentile) }
  }

  /// Runs `call` in the loop; latencies are recorded in microseconds.
  func run(_ call: @escaping @Sendable () async throws -> Void) async -> Result {
    let budget = CallBudget(maxCalls)
    let warmupEnd = ContinuousClock.now + warmup
    let end = warmupEnd + duration
    let results = await withTaskGroup(of: (Histogram<UInt64>, UInt64, UInt64).self) { group in
      for _ in 0..<concurrency {
        group.addTask {
          var histogram = Histogram<UInt64>(
            highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
          var calls: UInt64 = 0
          var errors: UInt64 = 0
          while true {
            let start = ContinuousClock.now
            if start >= end { break }
            let measuring = start >= warmupEnd
            if measuring, !budget.take() { break }
            do {
              try await call()
              if measuring {
                let (seconds, attos) = (ContinuousClock.now - start).components
                _ = histogram.record(UInt64(seconds) * 1_000_000 + UInt64(attos / 1_000_000_000_000))
                calls += 1
              }
            } catch {
              if measuring { errors += 1 }
            }
          }
          return (histogram, calls, errors)
        }
      }
      var total = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
      var calls: UInt64 = 0
      var errors: UInt64 = 0
      for await (histogram, c, e) in group {
        total.add(histogram)
        calls += c
        errors += e
      }
      return (total, calls, errors)
    }
    let elapsed = min(ContinuousClock.now, end) - warmupEnd
    return Result(calls: results.1, errors: results.2, elapsed: elapsed, histogram: results.0)
  }
}

/// The calls a run may still make, shared by its callers.
final class CallBudget: Sendable {
  private let remaining: Atomic<Int>

  init(_ calls: Int) { remaining = Atomic(calls) }

  /// Takes one call from the budget; false once it is spent.
  func take() -> Bool { remaining.subtract(1, ordering: .relaxed).newValue >= 0 }
}
