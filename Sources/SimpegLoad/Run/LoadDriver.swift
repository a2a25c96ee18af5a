import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC
import Synchronization

/// How a run drives the server.
public struct LoadPlan: Sendable, Equatable {
  /// What callers choose from.
  public var mix: LoadMix
  /// Concurrent callers (in an open loop: the most calls in flight).
  public var callers: Int
  /// The open loop's schedule; nil for a closed loop (each caller calls again when answered).
  public var schedule: OpenLoopSchedule?
  /// Calls before this are not measured.
  public var warmup: Duration
  /// The measured time after the warm-up.
  public var duration: Duration
  /// At most this many calls in all (warm-up included).
  public var maxCalls: Int
  /// Watch streams held open by supervisors for the whole run.
  public var watchers: Int
  /// Seeds every caller's choices.
  public var seed: UInt64

  /// A plan.
  public init(
    mix: LoadMix, callers: Int, schedule: OpenLoopSchedule? = nil, warmup: Duration = .seconds(1),
    duration: Duration = .seconds(10), maxCalls: Int = 10_000_000, watchers: Int = 0, seed: UInt64 = 1
  ) {
    self.mix = mix
    self.callers = callers
    self.schedule = schedule
    self.warmup = warmup
    self.duration = duration
    self.maxCalls = maxCalls
    self.watchers = watchers
    self.seed = seed
  }
}

/// Runs a plan: closed or open loop, a progress line every second, watch streams beside.
/// Failures never stop a run: a daemon that dies is charged `UNAVAILABLE` calls until the
/// duration ends, and calls resume when it is back (the client reconnects on the next call).
public struct LoadDriver: Sendable {
  /// The plan.
  public let plan: LoadPlan
  /// The calls.
  public let calls: LoadCalls

  /// A driver of `plan` making `calls`.
  public init(plan: LoadPlan, calls: LoadCalls) {
    self.plan = plan
    self.calls = calls
  }

  /// What the run did besides the recorder's figures.
  public struct Outcome: Sendable {
    /// The measured time (warm-up excluded), shorter when the call budget ran out.
    public var elapsed: Duration
    /// Open loop: calls due within the run that were never sent (every caller was busy).
    public var unsent: Int
  }

  /// Runs the plan; `progress` receives a line a second.
  public func run(progress: @escaping @Sendable (String) -> Void) async -> Outcome {
    let start = ContinuousClock.now
    let warmupEnd = start + plan.warmup
    let end = warmupEnd + plan.duration
    let recorder = calls.recorder
    let counters = Counters()
    await withTaskGroup(of: Void.self) { background in
      background.addTask {
        var second = 0
        while ContinuousClock.now < end {
          second += 1
          try? await Task.sleep(until: start + .seconds(second), clock: .continuous)
          if Task.isCancelled { return }
          let phase = start + .seconds(second) <= warmupEnd ? " (warm-up)" : ""
          progress(LoadReport.progressLine(second: second, interval: recorder.takeInterval()) + phase)
        }
      }
      for index in 0..<plan.watchers {
        let supervisor = calls.world.supervisors[index % calls.world.supervisors.count]
        background.addTask { await calls.watch(as: supervisor, until: end) }
      }
      await withTaskGroup(of: Void.self) { callers in
        for index in 0..<plan.callers {
          callers.addTask {
            await caller(index, start: start, warmupEnd: warmupEnd, end: end, counters: counters)
          }
        }
      }
      background.cancelAll()
    }
    let finished = ContinuousClock.now
    let budgetSpent = counters.tickets.load(ordering: .relaxed) >= plan.maxCalls
    let measuredEnd =
      budgetSpent ? min(finished, counters.lastMeasuredCall.withLockedValue { $0 } ?? finished) : end
    var unsent = 0
    if let schedule = plan.schedule, !budgetSpent {
      let due = schedule.calls(before: end - start)
      unsent = max(0, due - counters.sent.load(ordering: .relaxed))
    }
    return Outcome(elapsed: max(.zero, measuredEnd - warmupEnd), unsent: unsent)
  }

  /// What the callers of a run share.
  private final class Counters: Sendable {
    /// Calls taken (the next call's number).
    let tickets = Atomic<Int>(0)
    /// Calls sent.
    let sent = Atomic<Int>(0)
    /// When the last measured call finished.
    let lastMeasuredCall = NIOLockedValueBox<ContinuousClock.Instant?>(nil)
  }

  /// One caller: takes the next call's number, waits for its due time in an open loop, makes
  /// it and records it; until the end or the budget.
  private func caller(
    _ index: Int, start: ContinuousClock.Instant, warmupEnd: ContinuousClock.Instant,
    end: ContinuousClock.Instant, counters: Counters
  ) async {
    let recorder = calls.recorder
    var random = SeededRandom(seed: plan.seed, caller: index)
    while true {
      let ticket = counters.tickets.add(1, ordering: .relaxed).oldValue
      guard ticket < plan.maxCalls else { return }
      let intended: ContinuousClock.Instant
      if let schedule = plan.schedule {
        intended = start + schedule.offset(ofCall: ticket)
        guard intended < end else { return }
        try? await Task.sleep(until: intended, clock: .continuous)
        // Behind schedule at the end: what is left counts as unsent, not as late calls.
        guard ContinuousClock.now < end else { return }
      } else {
        intended = ContinuousClock.now
        guard intended < end else { return }
      }
      let operation = plan.mix.pick(using: &random)
      counters.sent.add(1, ordering: .relaxed)
      let status: StatusCode
      do {
        try await calls.perform(operation, using: &random)
        status = .ok
      } catch let error as RPCError {
        status = error.code
      } catch {
        status = .unknown
      }
      let done = ContinuousClock.now
      let measured = intended >= warmupEnd && intended < end
      recorder.record(operation, micros: Self.micros(done - intended), status: status, measured: measured)
      if measured { counters.lastMeasuredCall.withLockedValue { $0 = max($0 ?? done, done) } }
      if status == .unavailable, plan.schedule == nil {
        // The daemon is gone or going: keep trying, without spinning.
        try? await Task.sleep(for: .milliseconds(20))
      }
    }
  }

  /// Whole microseconds of a duration.
  static func micros(_ duration: Duration) -> UInt64 {
    let (seconds, attoseconds) = duration.components
    return UInt64(max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
  }
}
