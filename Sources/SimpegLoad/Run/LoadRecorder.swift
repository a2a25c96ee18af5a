import Histogram
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC

/// Collects what callers measured: per operation, latencies of successful calls in an
/// HdrHistogram (microseconds, 3 significant digits) and failures by status code; and, for the
/// progress line, the same for the current interval. Safe to call from any task.
public final class LoadRecorder: Sendable {
  /// The largest latency the histograms track: one hour, in microseconds.
  public static let highestTrackableMicros: UInt64 = 3_600_000_000

  /// One operation's figures.
  public struct Figures: Sendable {
    /// Latencies of successful calls, in microseconds.
    public var latencies = LoadRecorder.makeHistogram()
    /// Successful calls.
    public var succeeded = 0
    /// Failed calls by status code.
    public var failures: [StatusCode: Int] = [:]

    /// Failed calls.
    public var failed: Int { failures.values.reduce(0, +) }

    mutating func add(micros: UInt64?, status: StatusCode) {
      if status == .ok {
        succeeded += 1
        if let micros { _ = latencies.record(min(micros, LoadRecorder.highestTrackableMicros)) }
      } else {
        failures[status, default: 0] += 1
      }
    }

    mutating func merge(_ other: Figures) {
      latencies.add(other.latencies)
      succeeded += other.succeeded
      for (code, count) in other.failures { failures[code, default: 0] += count }
    }
  }

  private struct State {
    var measured: [LoadOperation: Figures] = [:]
    var interval = Figures()
    var watchEvents = 0
    var watchFailures: [StatusCode: Int] = [:]
    var acknowledgedWrites = 0
  }

  private let state = NIOLockedValueBox(State())

  /// An empty recorder.
  public init() {}

  /// An empty histogram of microseconds.
  public static func makeHistogram() -> Histogram<UInt64> {
    Histogram<UInt64>(highestTrackableValue: highestTrackableMicros, numberOfSignificantValueDigits: .three)
  }

  /// Records one call: `status` `.ok` with its latency, or the status it failed with.
  /// Unmeasured calls (warm-up) show only in the progress line.
  public func record(_ operation: LoadOperation, micros: UInt64, status: StatusCode, measured: Bool) {
    state.withLockedValue {
      $0.interval.add(micros: micros, status: status)
      if measured { $0.measured[operation, default: Figures()].add(micros: micros, status: status) }
    }
  }

  /// Counts one acknowledged write (whether measured or not).
  public func acknowledgedWrite() { state.withLockedValue { $0.acknowledgedWrites += 1 } }

  /// Counts one event delivered on a watch stream.
  public func watchEvent() { state.withLockedValue { $0.watchEvents += 1 } }

  /// Counts a watch stream that failed with `status` (it is reopened).
  public func watchFailed(_ status: StatusCode) {
    state.withLockedValue { $0.watchFailures[status, default: 0] += 1 }
  }

  /// The figures of the interval since the last call, which starts a new interval.
  public func takeInterval() -> Figures {
    state.withLockedValue {
      let interval = $0.interval
      $0.interval = Figures()
      return interval
    }
  }

  /// Everything measured so far.
  public func totals() -> Totals {
    state.withLockedValue {
      Totals(
        operations: $0.measured, watchEvents: $0.watchEvents, watchFailures: $0.watchFailures,
        acknowledgedWrites: $0.acknowledgedWrites)
    }
  }

  /// What a run measured.
  public struct Totals: Sendable {
    /// Per operation.
    public var operations: [LoadOperation: Figures]
    /// Events delivered on watch streams.
    public var watchEvents: Int
    /// Watch streams that failed, by status.
    public var watchFailures: [StatusCode: Int]
    /// Writes the server acknowledged (warm-up included).
    public var acknowledgedWrites: Int

    /// All operations together.
    public var all: Figures {
      var all = Figures()
      for figures in operations.values { all.merge(figures) }
      return all
    }
  }
}
