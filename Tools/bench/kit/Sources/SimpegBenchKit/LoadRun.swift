import Foundation
import Histogram
import Synchronization

/// One cell of a benchmark, whatever the transport: a closed loop of `concurrency` callers, each making one call after
/// another for `duration` (after `warmup`), bounded also by `maxCalls` in all.
public struct LoadRun {
  /// Callers running at once.
  public var concurrency: Int
  /// How long the measured part lasts.
  public var duration: Duration
  /// How long callers run before measuring starts.
  public var warmup: Duration
  /// At most this many measured calls in all.
  public var maxCalls: Int

  /// Creates a run.
  public init(concurrency: Int, duration: Duration, warmup: Duration, maxCalls: Int) {
    self.concurrency = concurrency
    self.duration = duration
    self.warmup = warmup
    self.maxCalls = maxCalls
  }

  /// What a cell measured.
  public struct Result: Sendable {
    /// Calls that succeeded while measuring.
    public var calls: UInt64
    /// Calls that failed while measuring.
    public var errors: UInt64
    /// The measured time.
    public var elapsed: Duration
    /// Latencies in microseconds.
    public var histogram: Histogram<UInt64>

    /// Successful calls per second.
    public var callsPerSecond: Double {
      Double(calls) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Latency at `percentile`, in microseconds.
    public func micros(_ percentile: Double) -> UInt64 { histogram.valueAtPercentile(percentile) }
  }

  /// Runs `call` in the loop; latencies are recorded in microseconds.
  public func run(_ call: @escaping @Sendable () async throws -> Void) async -> Result {
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
public final class CallBudget: Sendable {
  private let remaining: Atomic<Int>

  /// A budget of `calls`.
  public init(_ calls: Int) { remaining = Atomic(calls) }

  /// Takes one call from the budget; false once it is spent.
  public func take() -> Bool { remaining.subtract(1, ordering: .relaxed).newValue >= 0 }
}
