/// The intended send times of an open loop at a fixed rate: call `i` is due `i / rate` seconds
/// after the start, whatever happened to earlier calls. Latency is measured from the intended
/// time, so a server that stalls is charged for the calls that queued behind the stall (no
/// coordinated omission). Pure arithmetic on nanoseconds.
public struct OpenLoopSchedule: Sendable, Equatable {
  /// Calls per second.
  public let rate: Double

  /// A schedule of `rate` calls per second; throws unless `rate` is positive and at most
  /// 10,000,000.
  public init(rate: Double) throws(LoadUsageError) {
    guard rate.isFinite, rate > 0, rate <= 10_000_000 else {
      throw LoadUsageError("the rate must be more than 0 and at most 10,000,000 calls/s, not \(rate)")
    }
    self.rate = rate
  }

  /// Nanoseconds from the start to call `index`'s intended send time (rounded down).
  public func offsetNanoseconds(ofCall index: Int) -> Int64 {
    Int64((Double(index) * 1e9 / rate).rounded(.down))
  }

  /// From the start to call `index`'s intended send time.
  public func offset(ofCall index: Int) -> Duration { .nanoseconds(offsetNanoseconds(ofCall: index)) }

  /// How many calls are due strictly before `elapsed` from the start: the calls of a run that
  /// lasts `elapsed`.
  public func calls(before elapsed: Duration) -> Int {
    let nanoseconds = Self.nanoseconds(elapsed)
    guard nanoseconds > 0 else { return 0 }
    var count = Int((Double(nanoseconds) * rate / 1e9).rounded(.up))
    // Settle floating-point edges against offsetNanoseconds, the one definition of "due".
    while count > 0, offsetNanoseconds(ofCall: count - 1) >= nanoseconds { count -= 1 }
    while offsetNanoseconds(ofCall: count) < nanoseconds { count += 1 }
    return count
  }

  /// The latency of a call due at `index` that completed `completed` after the start: from the
  /// intended send time, not from when it was actually sent. Never negative.
  public func latency(ofCall index: Int, completedAt completed: Duration) -> Duration {
    max(.zero, completed - offset(ofCall: index))
  }

  /// Whole nanoseconds of a duration.
  static func nanoseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}
