import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import Testing

/// Real-time activity reporting through the real simpegd: an employee of the sample logs
/// activities, the supervisor watches them arrive live, loses the stream (and the daemon
/// restarts), resumes from the last sequence seen with no gap and no duplicate, and reviews.
@Suite(.serialized) struct ActivityWatchEndToEndTests {
  /// Events received by a watch running in the background.
  final class Received: Sendable {
    private let events = NIOLockedValueBox<[Simpeg_V1_ActivityEvent]>([])
    func add(_ event: Simpeg_V1_ActivityEvent) { events.withLockedValue { $0.append(event) } }
    var all: [Simpeg_V1_ActivityEvent] { events.withLockedValue { $0 } }
    var logged: [Simpeg_V1_ActivityEvent] { all.filter { $0.kind == .logged } }
    var caughtUp: Bool { all.contains { $0.kind == .caughtUp } }
  }

  /// Starts watching in the background; cancel the task to drop the stream.
  static func watch(_ caller: Caller, from request: Simpeg_V1_WatchActivitiesRequest) -> (
    Received, Task<Void, any Error>
  ) {
    let received = Received()
    let task = Task {
      try await Simpeg_V1_ActivityService.Client(wrapping: caller.client).watchActivities(request) { stream in
        for try await event in stream { received.add(event) }
      }
    }
    return (received, task)
  }

  /// Today in Salatiga (WIB, UTC+7).
  static var today: Simpeg_V1_Date { salatigaToday }

  static let password = "sandi-kinerja-2026"

  @Test func aSupervisorSeesActivitiesLiveAndResumesAfterARestartWithNoGapAndNoDuplicate() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let arguments = ["--sample-seed", "11", "--sample-year", "\(SampleCast.today.year)"]
    var daemon = try await SimpegdProcess.start(in: folder, arguments: arguments)
    let admin = try await daemon.admin()

    // A staff member with an approved SKP this year, and the supervisor who evaluates them.
    let cast = try await SampleCast.find(admin: admin, password: Self.password)
    let (staffRecord, supervisorRecord) = (cast.staff, cast.supervisor)
    func logActivity(_ caller: Caller, _ text: String) async throws -> Simpeg_V1_Activity {
      try await Simpeg_V1_ActivityService.Client(wrapping: caller.client).logActivity(cast.logRequest(text))
    }

    // Live: the supervisor watches from the end of the log and sees the activity as it commits.
    var staff = try await daemon.caller(staffRecord.nip, Self.password)
    var supervisor = try await daemon.caller(supervisorRecord.nip, Self.password)
    var fromEnd = Simpeg_V1_WatchActivitiesRequest()
    fromEnd.startAtEnd = true
    let (live, liveTask) = Self.watch(supervisor, from: fromEnd)
    #expect(await eventually { live.caughtUp })
    let first = try await logActivity(staff, "Verifikasi berkas permohonan akta kelahiran")
    #expect(await eventually { live.logged.contains { $0.activity.id == first.id } })
    let lastSeen = try #require(live.logged.last { $0.activity.id == first.id }?.sequence)
    liveTask.cancel()
    _ = await liveTask.result

    // While nobody watches, two more activities; then the daemon restarts.
    let second = try await logActivity(staff, "Entri data permohonan KTP-el")
    let third = try await logActivity(staff, "Rapat koordinasi pelayanan")
    await daemon.stop()
    daemon = try await SimpegdProcess.start(in: folder, arguments: arguments)
    staff = try await daemon.caller(staffRecord.nip, Self.password)
    supervisor = try await daemon.caller(supervisorRecord.nip, Self.password)

    // Resuming after the last sequence seen: exactly the two missed, in order, then live again.
    var resume = Simpeg_V1_WatchActivitiesRequest()
    resume.fromSequence = lastSeen
    let (resumed, resumedTask) = Self.watch(supervisor, from: resume)
    #expect(await eventually { resumed.caughtUp })
    #expect(resumed.logged.map(\.activity.id) == [second.id, third.id])
    let fourth = try await logActivity(staff, "Penyusunan laporan bulanan")
    #expect(await eventually { resumed.logged.count == 3 })
    #expect(resumed.logged.map(\.activity.id) == [second.id, third.id, fourth.id])
    let sequences = resumed.all.filter { $0.kind != .caughtUp }.map(\.sequence)
    #expect(sequences == sequences.sorted() && Set(sequences).count == sequences.count)
    #expect(sequences.allSatisfy { $0 > lastSeen })

    // The supervisor's review reaches the same stream.
    var review = Simpeg_V1_ReviewActivityRequest()
    review.activityID = fourth.id
    review.decision = .approve
    review.note = "Baik"
    let reviewed = try await Simpeg_V1_ActivityService.Client(wrapping: supervisor.client).reviewActivity(
      review)
    #expect(reviewed.status == .approved)
    #expect(await eventually { resumed.all.contains { $0.kind == .reviewed && $0.activity.id == fourth.id } })

    // The employee cannot review their own work, and nothing changed.
    review.activityID = third.id
    #expect(
      await status {
        try await Simpeg_V1_ActivityService.Client(wrapping: staff.client).reviewActivity(review)
      }
        == .permissionDenied)
    resumedTask.cancel()
    _ = await resumedTask.result
    await daemon.stop()
  }
}
