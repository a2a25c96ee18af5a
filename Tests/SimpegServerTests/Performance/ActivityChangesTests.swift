import SimpegAPI
import SimpegRPC
import SimpegStore
import Testing

@testable import SimpegServer

/// The employee's changes to their activities: edit or withdraw until reviewed, correct and
/// resubmit a rejected one; every version kept; the watch stream carries each change.
@Suite("Activities: edit, withdraw, correct and resubmit")
struct ActivityChangesTests {
  static func edit(
    _ activity: Simpeg_V1_Activity, _ plans: ApprovedCity, text: String, quantity: Int64 = 2,
    by performer: Performer
  ) async throws -> Simpeg_V1_Activity {
    var request = Simpeg_V1_EditActivityRequest()
    request.activityID = activity.id
    request.revision = activity.revision
    request.content = Activities.request(plans.staff1, quantity: quantity, text: text)
    return try await performer.activities.editActivity(request)
  }

  static func resubmit(
    _ activity: Simpeg_V1_Activity, _ plans: ApprovedCity, text: String, by performer: Performer
  ) async throws -> Simpeg_V1_Activity {
    var request = Simpeg_V1_ResubmitActivityRequest()
    request.activityID = activity.id
    request.revision = activity.revision
    request.content = Activities.request(plans.staff1, quantity: 3, text: text)
    return try await performer.activities.resubmitActivity(request)
  }

  static func withdraw(_ activity: Simpeg_V1_Activity, by performer: Performer) async throws
    -> Simpeg_V1_Activity
  {
    var request = Simpeg_V1_WithdrawActivityRequest()
    request.activityID = activity.id
    request.revision = activity.revision
    request.reason = "Tercatat dua kali"
    return try await performer.activities.withdrawActivity(request)
  }

  static func revisions(_ activity: Simpeg_V1_Activity, by performer: Performer) async throws
    -> [Simpeg_V1_Activity]
  {
    var request = Simpeg_V1_ListActivityRevisionsRequest()
    request.activityID = activity.id
    return try await performer.activities.listActivityRevisions(request).revisions
  }

  @Test func anEditBeforeReviewIsANewRevisionAndTheOldOneStaysReadable() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let logged = try await Activities.log(by: cast.staff1, plans.staff1, text: "Draf laporan")
      let edited = try await Self.edit(logged, plans, text: "Laporan bulanan selesai", by: cast.staff1)
      #expect(edited.revision == 2)
      #expect(edited.lastChange == .edited)
      #expect(edited.status == .pending)
      #expect(edited.outputQuantity == 2)
      let versions = try await Self.revisions(logged, by: cast.kasi)
      #expect(versions.map(\.description_p) == ["Draf laporan", "Laporan bulanan selesai"])
    }
  }

  @Test func aWithdrawnActivityLeavesThePendingReviewsAndTheCounts() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let logged = try await Activities.log(by: cast.staff1, plans.staff1)
      let withdrawn = try await Self.withdraw(logged, by: cast.staff1)
      #expect(withdrawn.status == .withdrawn)
      #expect(withdrawn.withdrawalReason == "Tercatat dua kali")
      let pending = try await cast.kasi.activities.listPendingReviews(Simpeg_V1_ListPendingReviewsRequest())
      #expect(pending.activities.isEmpty)
      var report = Simpeg_V1_GetUnitReportRequest()
      report.unitID = city.seksiUnit
      report.period = Evaluations.quarter
      #expect(try await cast.kasi.evaluation.getUnitReport(report).activities.logged == 0)
      try await expectRefusal(test, .failedPrecondition, reason: .activityWithdrawn) {
        _ = try await Self.edit(withdrawn, plans, text: "lagi", by: cast.staff1)
      }
    }
  }

  @Test func aReviewedActivityIsNeitherEditedNorWithdrawn() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let logged = try await Activities.log(by: cast.staff1, plans.staff1)
      let approved = try await Activities.review(logged, by: cast.kasi)
      try await expectRefusal(test, .failedPrecondition, reason: .activityReviewed) {
        _ = try await Self.edit(approved, plans, text: "diubah", by: cast.staff1)
      }
      try await expectRefusal(test, .failedPrecondition, reason: .activityReviewed) {
        _ = try await Self.withdraw(approved, by: cast.staff1)
      }
    }
  }

  @Test func aRejectedActivityIsCorrectedResubmittedAndReviewedAgain() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let logged = try await Activities.log(by: cast.staff1, plans.staff1, text: "Tanpa bukti")
      try await expectRefusal(test, .failedPrecondition, reason: .activityNotRejected) {
        _ = try await Self.resubmit(logged, plans, text: "dengan bukti", by: cast.staff1)
      }
      let rejected = try await Activities.review(
        logged, by: cast.kasi, .reject, note: "Lampirkan bukti dukung")
      let resubmitted = try await Self.resubmit(rejected, plans, text: "Dengan bukti dukung", by: cast.staff1)
      #expect(resubmitted.status == .pending)
      #expect(resubmitted.lastChange == .resubmitted)
      #expect(resubmitted.reviewNote.isEmpty && !resubmitted.hasReviewedAt)
      let approved = try await Activities.review(resubmitted, by: cast.kasi)
      #expect(approved.status == .approved)
      let versions = try await Self.revisions(logged, by: cast.staff1)
      #expect(versions.map(\.status) == [.pending, .rejected, .pending, .approved])
      #expect(versions[1].reviewNote == "Lampirkan bukti dukung")
    }
  }

  @Test func onlyTheEmployeeChangesTheirActivityAndOnlyAtTheRevisionRead() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let logged = try await Activities.log(by: cast.staff1, plans.staff1)
      try await expectRefusal(test, .permissionDenied, reason: .notTheEmployee) {
        _ = try await Self.edit(logged, plans, text: "oleh atasan", by: cast.kasi)
      }
      _ = try await Self.edit(logged, plans, text: "pertama", by: cast.staff1)
      let refusal = try await expectRefusal(test, .failedPrecondition, reason: .staleRevision) {
        _ = try await Self.edit(logged, plans, text: "kedua dari versi lama", by: cast.staff1)
      }
      #expect(refusal?.field == "revision")
    }
  }

  @Test func theWatchStreamCarriesEditsWithdrawalsAndResubmissions() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let first = try await Activities.log(by: cast.staff1, plans.staff1, text: "satu")
      let second = try await Activities.log(by: cast.staff1, plans.staff1, text: "dua")
      _ = try await Self.edit(first, plans, text: "satu diubah", by: cast.staff1)
      _ = try await Self.withdraw(second, by: cast.staff1)
      let rejected = try await Activities.review(
        try await cast.staff1.activities.getActivity(.with { $0.activityID = first.id }), by: cast.kasi,
        .reject,
        note: "kurang")
      _ = try await Self.resubmit(rejected, plans, text: "satu diperbaiki", by: cast.staff1)
      let kinds = try await cast.kasi.activities.watchActivities(.with { $0.fromSequence = 0 }) { stream in
        var kinds: [Simpeg_V1_ActivityEventKind] = []
        for try await event in stream {
          if event.kind == .caughtUp { break }
          kinds.append(event.kind)
        }
        return kinds
      }
      #expect(kinds == [.logged, .logged, .edited, .withdrawn, .reviewed, .resubmitted])
    }
  }
}
