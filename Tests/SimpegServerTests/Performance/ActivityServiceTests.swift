import Crypto
import Foundation
import SimpegAPI
import SimpegKinerja
import Testing

@testable import SimpegServer

@Suite("ActivityService: activities, evidence, reviews and realisation")
struct ActivityServiceTests {
  @Test func aLoggedActivityIsPendingAmongTheEvaluatorsReviews() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let activity = try await Activities.log(by: cast.staff1, plans.staff1)
      #expect(activity.status == .pending)
      #expect(activity.revision == 1)
      #expect(activity.evaluatorEmployeeID == city.kasi.employee)
      #expect(activity.ikiID == plans.staff1.content.rhks[0].ikis[0].id)
      #expect(activity.outputUnit == "dokumen")
      let pending = try await cast.kasi.activities.listPendingReviews(Simpeg_V1_ListPendingReviewsRequest())
      #expect(pending.activities.map(\.id) == [activity.id])
    }
  }

  @Test func anActivityDatedOutsideItsSKPYearIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let lastYear = CalendarDate(year: Int(KinerjaCity.year) - 1, month: 12, day: 31)!
      try await expectRefusal(test, .invalidArgument, containing: "outside the SKP year") {
        _ = try await cast.staff1.activities.logActivity(Activities.request(plans.staff1, date: lastYear))
      }
    }
  }

  @Test func anActivityDatedInTheFutureIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      let tomorrow = Activities.today.adding(days: 1)
      // The SKP of tomorrow's year, so that only the future rule can refuse it.
      let year = Int32(tomorrow.year)
      let waliKota = try await Plans.approved(
        Plans.create(year: year, content: Plans.content(parents: [0]), official: city.waliKota.position),
        owner: cast.admin, approver: cast.admin)
      let sekda = try await Plans.approved(
        Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(waliKota)], jpt: true)),
        owner: cast.sekda, approver: cast.admin)
      try await expectRefusal(test, .invalidArgument, containing: "is in the future") {
        _ = try await cast.sekda.activities.logActivity(Activities.request(sekda, date: tomorrow))
      }
    }
  }

  @Test func anActivityForAnRHKOutsideTheApprovedSKPIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      var request = Activities.request(plans.staff1)
      request.rhkID = Plans.rhk(plans.kasi)
      try await expectRefusal(test, .invalidArgument, containing: "is not an RHK of the approved version") {
        _ = try await cast.staff1.activities.logActivity(request)
      }
    }
  }

  @Test func anActivityNeedsAnApprovedSKP() async throws {
    try await withKinerjaCity { test, city, cast in
      let draft = try await cast.sekda.plan.createSKP(
        Plans.create(content: Plans.content(parents: [0], jpt: true, kind: .tambahan)))
      try await expectRefusal(test, .failedPrecondition, containing: "no approved version") {
        _ = try await cast.sekda.activities.logActivity(Activities.request(draft))
      }
    }
  }

  @Test func anEmployeeLogsOnlyTheirOwnActivities() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      var request = Activities.request(plans.staff1)
      request.employeeID = city.staff1.employee
      try await expectRefusal(test, .permissionDenied, containing: "only your own activities") {
        _ = try await cast.kasi.activities.logActivity(request)
      }
    }
  }

  @Test func anAttendanceServiceWithTheScopeLogsForAnEmployee() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let service = try await Performer.service(test, scopes: ["activities.write"]).activities
      var request = Activities.request(plans.staff1)
      request.employeeID = city.staff1.employee
      let activity = try await service.logActivity(request)
      #expect(activity.loggedBy.hasPrefix("app-"))
      #expect(activity.employeeID == city.staff1.employee)
    }
  }

  @Test func aServiceWithoutTheScopeCannotLogActivities() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let service = try await Performer.service(test, scopes: ["performance.read"]).activities
      var request = Activities.request(plans.staff1)
      request.employeeID = city.staff1.employee
      try await expectRefusal(test, .permissionDenied, containing: "actSubject(activities.write)") {
        _ = try await service.logActivity(request)
      }
    }
  }

  @Test func evidenceBytesAreKeptAndServedBack() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let content = Data("berita acara pelayanan".utf8)
      var request = Activities.request(plans.staff1)
      request.evidence = [Activities.evidence(content)]
      var reference = Simpeg_V1_EvidenceUpload()
      reference.name = "foto-kegiatan.jpg"
      reference.uri = "https://arsip.example/foto.jpg"
      reference.sha256 = Data(repeating: 7, count: 32)
      request.evidence.append(reference)
      let activity = try await cast.staff1.activities.logActivity(request)
      #expect(activity.evidence.map(\.stored) == [true, false])
      #expect(activity.evidence[0].sizeBytes == UInt64(content.count))
      var get = Simpeg_V1_GetEvidenceRequest()
      get.activityID = activity.id
      let served = try await cast.kasi.activities.getEvidence(get)
      #expect(served.content == content)
      #expect(served.evidence.sha256 == Data(SHA256.hash(data: content)))
      get.index = 1
      #expect(try await cast.kasi.activities.getEvidence(get).content.isEmpty)
    }
  }

  @Test func evidenceWhoseHashDoesNotMatchItsBytesIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      var request = Activities.request(plans.staff1)
      var evidence = Activities.evidence(Data("asli".utf8))
      evidence.content = Data("palsu".utf8)
      request.evidence = [evidence]
      try await expectRefusal(test, .invalidArgument, containing: "does not match the content") {
        _ = try await cast.staff1.activities.logActivity(request)
      }
    }
  }

  @Test func evidenceLargerThanTheConfiguredSizeIsRefused() async throws {
    try await withKinerjaCity(configure: { $0.maxEvidenceBytes = 8 }) { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      var request = Activities.request(plans.staff1)
      request.evidence = [Activities.evidence(Data("sembilan!".utf8))]
      try await expectRefusal(test, .invalidArgument, containing: "at most 8 bytes") {
        _ = try await cast.staff1.activities.logActivity(request)
      }
    }
  }

  @Test func theSupervisorApprovesOrRejectsWithANote() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let first = try await Activities.log(by: cast.staff1, plans.staff1)
      let second = try await Activities.log(by: cast.staff1, plans.staff1)
      let approved = try await Activities.review(first, by: cast.kasi)
      #expect(approved.status == .approved)
      #expect(approved.revision == 2)
      try await expectRefusal(test, .invalidArgument, containing: "needs a note") {
        try await Activities.review(second, by: cast.kasi, .reject)
      }
      let rejected = try await Activities.review(second, by: cast.kasi, .reject, note: "Tanpa bukti dukung")
      #expect(rejected.status == .rejected)
      #expect(rejected.reviewNote == "Tanpa bukti dukung")
    }
  }

  @Test func aReviewIsFinal() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let activity = try await Activities.log(by: cast.staff1, plans.staff1)
      try await Activities.review(activity, by: cast.kasi)
      try await expectRefusal(test, .failedPrecondition, containing: "a review is final") {
        try await Activities.review(activity, by: cast.kasi, .reject, note: "salah")
      }
    }
  }

  @Test func onlyThePPKOfTheEmployeeReviews() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let activity = try await Activities.log(by: cast.staff1, plans.staff1)
      for outsider in [cast.kabidDua, cast.kabid] {
        try await expectRefusal(test, .permissionDenied, reason: .notTheEvaluator) {
          try await Activities.review(activity, by: outsider)
        }
      }
      try await expectRefusal(test, .permissionDenied, reason: .ownRecord) {
        try await Activities.review(activity, by: cast.staff1)
      }
    }
  }

  @Test func aBulkReviewChangesEveryActivityOrNone() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let first = try await Activities.log(by: cast.staff1, plans.staff1)
      let second = try await Activities.log(by: cast.staff2, plans.staff2)
      let outside = try await Activities.log(by: cast.other, plans.other)
      var bulk = Simpeg_V1_ReviewActivitiesRequest()
      bulk.activityIds = [first.id, second.id, outside.id]
      bulk.decision = .approve
      try await expectRefusal(test, .permissionDenied, containing: "activity_ids[2]") {
        _ = try await cast.kasi.activities.reviewActivities(bulk)
      }
      bulk.activityIds = [first.id, second.id]
      let reviewed = try await cast.kasi.activities.reviewActivities(bulk)
      #expect(reviewed.activities.map(\.status) == [.approved, .approved])
      let pending = try await cast.kasi.activities.listPendingReviews(Simpeg_V1_ListPendingReviewsRequest())
      #expect(pending.activities.isEmpty)
    }
  }

  @Test func realisationCountsApprovedOutputPerMonthAndQuarterAgainstTheTarget() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let done = try await Activities.log(by: cast.staff1, plans.staff1, quantity: 10)
      try await Activities.review(done, by: cast.kasi)
      try await Activities.log(by: cast.staff1, plans.staff1, quantity: 50)
      var request = Simpeg_V1_GetRealisationRequest()
      request.skpID = plans.staff1.id
      let realisation = try await cast.kasi.activities.getRealisation(request)
      let rhk = try #require(realisation.rhks.first)
      let month = Activities.today.month
      let quarter = (month - 1) / 3
      // Target 120 a year: 10 a month, 30 a quarter; only the approved 10 count.
      #expect(rhk.ikis[0].monthlyQuantity[month - 1] == 10)
      #expect(rhk.monthlyBasisPoints[month - 1] == 10_000)
      #expect(rhk.quarterlyBasisPoints[quarter] == 3_333)
      #expect(rhk.yearBasisPoints == 833)
      #expect(rhk.pendingActivities == 1)
    }
  }

  @Test func anEmployeeListsTheirActivitiesAndSomeoneOutsideTheChainCannot() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let activity = try await Activities.log(by: cast.staff1, plans.staff1)
      var list = Simpeg_V1_ListActivitiesRequest()
      let own = try await cast.staff1.activities.listActivities(list)
      #expect(own.activities.map(\.id) == [activity.id])
      list.employeeID = city.staff1.employee
      list.status = .approved
      #expect(try await cast.kadis.activities.listActivities(list).activities.isEmpty)
      try await expectRefusal(test, .permissionDenied, containing: "may not see") {
        _ = try await cast.other.activities.listActivities(list)
      }
    }
  }
}
