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
    /// What the first failed call threw, for a report that has errors to explain.
    public var firstError: String? = nil
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
    await run { (_: Int) in try await call() }
  }

  /// Runs `call` in the loop, giving each call its caller's index (0 up to `concurrency`), so a
  /// caller can keep to a connection or session of its own; latencies in microseconds.
  public func run(_ call: @escaping @Sendable (Int) async throws -> Void) async -> Result {
    let budget = CallBudget(maxCalls)
    let warmupEnd = ContinuousClock.now + warmup
    let end = warmupEnd + duration
    let results = await withTaskGroup(of: (Histogram<UInt64>, UInt64, UInt64, String?).self) { group in
      for caller in 0..<concurrency {
        group.addTask {
          var histogram = Histogram<UInt64>(
            highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
          var calls: UInt64 = 0
          var errors: UInt64 = 0
          var firstError: String?
          while true {
            let start = ContinuousClock.now
            if start >= end { break }
            let measuring = start >= warmupEnd
            if measuring, !budget.take() { break }
            do {
              try await call(caller)
              if measuring {
                let (seconds, attos) = (ContinuousClock.now - start).components
                _ = histogram.record(UInt64(seconds) * 1_000_000 + UInt64(attos / 1_000_000_000_000))
                calls += 1
              }
            } catch {
              if measuring {
                errors += 1
                if firstError == nil { firstError = String(describing: error) }
              }
            }
          }
          return (histogram, calls, errors, firstError)
        }
      }
      var total = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
      var calls: UInt64 = 0
      var errors: UInt64 = 0
      var firstError: String?
      for await (histogram, c, e, first) in group {
        total.add(histogram)
        calls += c
        errors += e
        firstError = firstError ?? first
      }
      return (total, calls, errors, firstError)
    }
    let elapsed = min(ContinuousClock.now, end) - warmupEnd
    return Result(
      calls: results.1, errors: results.2, firstError: results.3, elapsed: elapsed, histogram: results.0)
  }
}

extension LoadRun {
  /// What a counted run measured: calls, failures and the server's instructions meanwhile.
  public struct Count: Sendable {
    /// Calls that succeeded while counting.
    public var calls: UInt64
    /// Calls that failed while counting.
    public var errors: UInt64
    /// Instructions the server executed while counting.
    public var instructions: UInt64

    /// Instructions per successful call.
    public var perCall: UInt64 { instructions / max(1, calls) }

    /// A count of `calls` successes and `errors` failures over `instructions`.
    public init(calls: UInt64, errors: UInt64, instructions: UInt64) {
      (self.calls, self.errors, self.instructions) = (calls, errors, instructions)
    }
  }

  /// Makes `warmupCalls` calls uncounted, then exactly `calls` calls (at most 10 minutes) with
  /// the server's instructions counted by `probe`; `concurrency` callers in a closed loop.
  public static func counted(
    _ calls: Int, concurrency: Int, warmupCalls: Int, by probe: CallgrindProbe,
    _ call: @escaping @Sendable (Int) async throws -> Void
  ) async throws -> Count {
    let bound = Duration.seconds(600)
    if warmupCalls > 0 {
      _ = await LoadRun(concurrency: concurrency, duration: bound, warmup: .zero, maxCalls: warmupCalls).run(
        call)
    }
    try await probe.start()
    let result = await LoadRun(concurrency: concurrency, duration: bound, warmup: .zero, maxCalls: calls).run(
      call)
    let instructions = try await probe.stop()
    return Count(calls: result.calls, errors: result.errors, instructions: instructions)
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
