import Foundation
import SimpegAPI
import SimpegBenchKit
import Synchronization

/// Measures the watch stream: the Sekda watches everyone below while employees log in a closed
/// loop; each event's arrival is compared with its LogActivity's start and acknowledgement.
struct DeliveryProbe {
  let watcher: Simpeg_V1_ActivityService.Client
  let options: PerformanceBenchOptions

  /// The delays of one cell, in milliseconds.
  struct Outcome: Sendable {
    var delivered = 0
    var missed = 0
    var fromSent: [Double] = []
    var fromAck: [Double] = []
  }

  /// When each activity was sent and acknowledged, and when its event arrived.
  private final class Timeline: Sendable {
    struct Entry {
      var sent: ContinuousClock.Instant?
      var acknowledged: ContinuousClock.Instant?
      var arrived: ContinuousClock.Instant?
    }
    let entries = Mutex<[UInt64: Entry]>([:])
    let acknowledgedCount = Atomic<Int>(0)
    let arrivedCount = Atomic<Int>(0)

    func acknowledged(_ id: UInt64, sent: ContinuousClock.Instant, at time: ContinuousClock.Instant) {
      entries.withLock {
        $0[id, default: Entry()].sent = sent
        $0[id, default: Entry()].acknowledged = time
      }
      acknowledgedCount.add(1, ordering: .relaxed)
    }

    func arrived(_ id: UInt64, at time: ContinuousClock.Instant) {
      entries.withLock { $0[id, default: Entry()].arrived = time }
      arrivedCount.add(1, ordering: .relaxed)
    }
  }

  func run(_ employees: [Drive.Employee]) async throws -> Outcome {
    let timeline = Timeline()
    let (caughtUp, signal) = AsyncStream.makeStream(of: Void.self)
    var request = Simpeg_V1_WatchActivitiesRequest()
    request.startAtEnd = true
    let watch = Task {
      defer { signal.finish() }
      try await watcher.watchActivities(request) { stream in
        for try await event in stream {
          switch event.kind {
          case .caughtUp: signal.yield()
          case .logged: timeline.arrived(event.activity.id, at: ContinuousClock.now)
          default: break
          }
        }
      }
    }
    var live = false
    for await _ in caughtUp {
      live = true
      break
    }
    guard live else {
      _ = try await watch.value
      throw BenchError("the watch stream ended before it caught up")
    }
    _ = await EmployeeLoad(options: options).run(employees) { id, sent, acknowledged in
      timeline.acknowledged(id, sent: sent, at: acknowledged)
    }
    // Wait (bounded) for the events of every acknowledged activity to arrive.
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
      let pending = timeline.entries.withLock {
        $0.values.contains { $0.acknowledged != nil && $0.arrived == nil }
      }
      if !pending { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    watch.cancel()
    _ = try? await watch.value
    var outcome = Outcome()
    for entry in timeline.entries.withLock({ Array($0.values) }) {
      guard let sent = entry.sent, let acknowledged = entry.acknowledged else { continue }
      guard let arrived = entry.arrived else {
        outcome.missed += 1
        continue
      }
      outcome.delivered += 1
      outcome.fromSent.append(elapsedMillis(sent, arrived))
      outcome.fromAck.append(elapsedMillis(acknowledged, arrived))
    }
    return outcome
  }
}
