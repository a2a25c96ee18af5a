import SimpegAPI
import SimpegRPC
import Testing

@testable import SimpegServer

@Suite("ActivityService.WatchActivities: the supervisor's live stream")
struct ActivityWatchTests {
  private func watch(from sequence: UInt64 = 0) -> Simpeg_V1_WatchActivitiesRequest {
    var request = Simpeg_V1_WatchActivitiesRequest()
    request.fromSequence = sequence
    return request
  }

  /// The next event, failing the test if the stream ends.
  private func next(
    _ iterator: inout ResponseStream<Simpeg_V1_ActivityEvent>.AsyncIterator
  ) async throws -> Simpeg_V1_ActivityEvent {
    try #require(try await iterator.next())
  }

  @Test func theStreamDeliversTheBacklogThenLiveAndResumesWithNoGapAndNoDuplicate() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let before = try await Activities.log(by: cast.staff1, plans.staff1, text: "sebelum")

      // First connection: the backlog, the marker, then a change made while watching.
      let (seen, lastSequence) = try await cast.kasi.activities.watchActivities(watch()) { stream in
        var iterator = stream.makeAsyncIterator()
        var seen: [(UInt64, Simpeg_V1_ActivityEvent)] = []
        let backlog = try await next(&iterator)
        seen.append((backlog.sequence, backlog))
        let marker = try await next(&iterator)
        #expect(marker.kind == .caughtUp)
        let live = try await Activities.log(by: cast.staff2, plans.staff2, text: "langsung")
        let event = try await next(&iterator)
        #expect(event.activity.id == live.id)
        seen.append((event.sequence, event))
        return (seen.map(\.1), event.sequence)
      }
      #expect(seen.map(\.kind) == [.logged, .logged])
      #expect(seen.map(\.activity.id)[0] == before.id)
      #expect(seen[0].sequence < seen[1].sequence)

      // Disconnected: a new activity, an activity outside the Kasi's people, a review.
      let whileAway = try await Activities.log(by: cast.staff1, plans.staff1, text: "saat terputus")
      try await Activities.log(by: cast.other, plans.other, text: "bidang lain")
      try await Activities.review(before, by: cast.kasi)

      // Second connection resumes after the last sequence seen.
      let resumed = try await cast.kasi.activities.watchActivities(watch(from: lastSequence)) { stream in
        var iterator = stream.makeAsyncIterator()
        var events: [Simpeg_V1_ActivityEvent] = []
        while true {
          let event = try await next(&iterator)
          events.append(event)
          if event.kind == .caughtUp { return events }
        }
      }
      let changes = resumed.dropLast()
      #expect(changes.map(\.activity.id) == [whileAway.id, before.id])
      #expect(changes.map(\.kind) == [.logged, .reviewed])
      #expect(changes.last?.activity.status == .approved)
      #expect(changes.allSatisfy { $0.sequence > lastSequence })
      #expect(zip(changes, changes.dropFirst()).allSatisfy { $0.sequence < $1.sequence })
    }
  }

  /// A sequence past the log's end comes from another state of the store (one restored from an
  /// older backup since): resuming there used to answer CAUGHT_UP and then wait in silence until
  /// new changes passed it, skipping those before.
  @Test(.timeLimit(.minutes(1))) func aWatchFromPastTheEndOfTheLogIsRefusedAsOutOfRange() async throws {
    try await withKinerjaCity { test, city, cast in
      let end = test.daemon.store.lastSequence
      await expectStatus(.outOfRange, mentioning: ["from_sequence \(end + 1)", "past the end", "from 0"]) {
        try await cast.kasi.activities.watchActivities(watch(from: end + 1)) { stream in
          for try await _ in stream {}
        }
      }
      var inbox = Simpeg_V1_WatchInboxRequest()
      inbox.fromSequence = end + 1_000
      await expectStatus(.outOfRange, mentioning: ["past the end"]) {
        try await Simpeg_V1_InboxService.Client(wrapping: cast.kasi.rpc).watchInbox(inbox) { stream in
          for try await _ in stream {}
        }
      }
      // The end itself is a sequence a watcher may hold: it resumes there.
      let caughtUp = try await cast.kasi.activities.watchActivities(watch(from: end)) { stream in
        var iterator = stream.makeAsyncIterator()
        return try await next(&iterator)
      }
      #expect(caughtUp.kind == .caughtUp)
    }
  }

  @Test func aWatcherSeesOnlyThePeopleBelowThem() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      try await Activities.log(by: cast.staff1, plans.staff1)
      let theirs = try await Activities.log(by: cast.other, plans.other)
      func backlog(of performer: Performer) async throws -> [UInt64] {
        try await performer.activities.watchActivities(watch()) { stream in
          var ids: [UInt64] = []
          for try await event in stream {
            if event.kind == .caughtUp { break }
            ids.append(event.activity.id)
          }
          return ids
        }
      }
      #expect(try await backlog(of: cast.kabidDua) == [theirs.id])
      #expect(try await backlog(of: cast.kadis).count == 2)
      #expect(try await backlog(of: cast.auditor).count == 2)
      #expect(try await backlog(of: cast.other).isEmpty)
    }
  }

  @Test func aWatchStartingAtTheEndSkipsTheBacklog() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      try await Activities.log(by: cast.staff1, plans.staff1)
      var request = Simpeg_V1_WatchActivitiesRequest()
      request.startAtEnd = true
      let first = try await cast.kasi.activities.watchActivities(request) { stream in
        var iterator = stream.makeAsyncIterator()
        return try await next(&iterator)
      }
      #expect(first.kind == .caughtUp)
      #expect(first.sequence == test.daemon.store.lastSequence)
    }
  }

  @Test func theStreamEndsAsUnavailableWhenTheDaemonDrains() async throws {
    try await withKinerjaCity { test, city, cast in
      do {
        try await cast.kasi.activities.watchActivities(watch()) { stream in
          var iterator = stream.makeAsyncIterator()
          #expect(try await next(&iterator).kind == .caughtUp)
          test.daemon.core.health.set(.notServing)
          _ = try await iterator.next()
          Issue.record("the stream went on while the daemon drains")
        }
      } catch let error as RPCError {
        #expect(error.code == .unavailable)
      }
    }
  }
}
