import SimpegAPI
import SimpegRPC
import SimpegStore
import Testing

@testable import SimpegServer

/// The inbox: per account, what awaits them, as a list and as a resumable live stream, judged
/// by the same rules as the actions themselves.
@Suite("Inbox: what awaits each account, listed and live")
struct InboxTests {
  static func inbox(_ performer: Performer) async throws -> [Simpeg_V1_InboxItem] {
    try await Simpeg_V1_InboxService.Client(wrapping: performer.rpc).listInbox(Simpeg_V1_ListInboxRequest())
      .items
  }

  static func kinds(_ performer: Performer) async throws -> [Simpeg_V1_InboxItemKind] {
    try await inbox(performer).map(\.kind)
  }

  /// Staf Satu's SKP, submitted to the Kasi.
  static func submitted(_ city: KinerjaCity, _ cast: Cast) async throws -> Simpeg_V1_SKP {
    let (kasi, _) = try await Plans.topDown(city, cast)
    let created = try await cast.staff1.plan.createSKP(
      Plans.create(content: Plans.content(parents: [Plans.rhk(kasi)])))
    return try await Plans.submit(created, by: cast.staff1)
  }

  @Test func aSubmittedSKPAwaitsItsPPKAloneAndAReturnedOneItsOwner() async throws {
    try await withKinerjaCity { test, city, cast in
      let skp = try await Self.submitted(city, cast)
      let kasi = try await Self.inbox(cast.kasi)
      #expect(kasi.map(\.kind) == [.skpToApprove])
      #expect(kasi.first?.recordID == skp.id && kasi.first?.employeeID == city.staff1.employee)
      #expect(try await Self.kinds(cast.kabid).isEmpty)
      var returning = Simpeg_V1_ReturnSKPRequest()
      returning.skpID = skp.id
      returning.version = skp.version
      returning.note = "Tambahkan IKI kualitas"
      _ = try await cast.kasi.plan.returnSKP(returning)
      #expect(try await Self.kinds(cast.kasi).isEmpty)
      #expect(try await Self.kinds(cast.staff1) == [.skpToRevise])
    }
  }

  @Test func aPlhFindsTheHoldersWorkInTheirInboxOnTheDaysTheyStandIn() async throws {
    try await withKinerjaCity { test, city, cast in
      _ = try await Self.submitted(city, cast)
      var plh = Simpeg_V1_AssignPlhRequest()
      plh.positionID = city.kasi.position
      plh.employeeID = city.staff2.employee
      plh.firstDay = Simpeg_V1_Date(Activities.today)
      plh.lastDay = Simpeg_V1_Date(Activities.today)
      _ = try await cast.admin.org.assignPlh(plh)
      #expect(try await Self.kinds(cast.staff2) == [.skpToApprove])
    }
  }

  @Test func pendingActivitiesAwaitThePPK() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let activity = try await Activities.log(by: cast.staff1, plans.staff1)
      let items = try await Self.inbox(cast.kasi)
      #expect(items.map(\.kind) == [.activityToReview])
      #expect(items.first?.recordID == activity.id)
      try await Activities.review(activity, by: cast.kasi)
      #expect(try await Self.kinds(cast.kasi).isEmpty)
    }
  }

  @Test func aFinalisedResultAwaitsAcknowledgementAndItsKeberatanWindowUntilObjectedTo() async throws {
    try await withKinerjaCity { test, city, cast in
      let evaluation = try await KeberatanTests.finalisedYear(city, cast)
      let items = try await Self.inbox(cast.staff1)
      #expect(items.map(\.kind) == [.evaluationToAcknowledge, .keberatanDeadline])
      let window = DaemonConfiguration().keberatanWindow.components.seconds
      #expect(items.last?.due.seconds == evaluation.finalisedAt.seconds + window)
      let filed = try await KeberatanTests.file(evaluation, by: cast.staff1)
      #expect(try await Self.kinds(cast.staff1) == [.evaluationToAcknowledge])
      let kabid = try await Self.inbox(cast.kabid)
      #expect(kabid.map(\.kind) == [.keberatanToDecide])
      #expect(kabid.first?.recordID == filed.id)
    }
  }

  @Test func anOpenFollowUpAwaitsItsEmployeeUntilItsDueDay() async throws {
    try await withKinerjaCity { test, city, cast in
      var request = Simpeg_V1_RecordDialogueRequest()
      request.unitID = city.seksiUnit
      request.date = Simpeg_V1_Date(Activities.today)
      request.attendeeIds = [city.kasi.employee, city.staff1.employee, city.staff2.employee]
      request.agenda = "Capaian bulan ini"
      var followUp = Simpeg_V1_NewFollowUp()
      followUp.employeeID = city.staff1.employee
      followUp.action = "Tuntaskan berkas"
      followUp.due = Simpeg_V1_Date(Activities.today.adding(days: 7))
      request.followUps = [followUp]
      _ = try await cast.kasi.feedback.recordDialogue(request)
      let items = try await Self.inbox(cast.staff1)
      #expect(items.map(\.kind) == [.followUpDue])
      #expect(items.first?.due == WIBClock.timestamp(Activities.today.adding(days: 7), minute: 24 * 60 - 1))
    }
  }

  @Test func theStreamDeliversTheInboxThenChangesLiveAndResumesAfterTheLastSequenceSeen() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let first = try await Activities.log(by: cast.staff1, plans.staff1, text: "pertama")
      let inbox = Simpeg_V1_InboxService.Client(wrapping: cast.kasi.rpc)
      let (opening, lastSeen) = try await inbox.watchInbox(.with { $0.fromSequence = 0 }) { stream in
        var iterator = stream.makeAsyncIterator()
        var events: [Simpeg_V1_InboxEvent] = []
        while let event = try await iterator.next() {
          events.append(event)
          if event.kind == .caughtUp { break }
        }
        let live = try await Activities.log(by: cast.staff2, plans.staff2, text: "langsung")
        let event = try #require(try await iterator.next())
        #expect(event.kind == .added && event.item.recordID == live.id)
        events.append(event)
        return (events, event.sequence)
      }
      #expect(opening.prefix(2).map(\.kind) == [.added, .caughtUp])
      #expect(opening.first?.item.recordID == first.id)

      // Away: the first is reviewed (it leaves), a third is logged (it arrives).
      try await Activities.review(first, by: cast.kasi)
      let third = try await Activities.log(by: cast.staff1, plans.staff1, text: "ketiga")
      let resumed = try await inbox.watchInbox(.with { $0.fromSequence = lastSeen }) { stream in
        var events: [Simpeg_V1_InboxEvent] = []
        for try await event in stream {
          if event.kind == .caughtUp { break }
          events.append(event)
        }
        return events
      }
      #expect(resumed.allSatisfy { $0.sequence > lastSeen })
      let removed = resumed.filter { $0.kind == .removed }.map(\.item.key)
      let added = resumed.filter { $0.kind == .added }.map(\.item.recordID)
      #expect(removed.contains(InboxItems.Key.activityToReview(first.id)))
      #expect(added.contains(third.id))
    }
  }

  /// Events until CAUGHT_UP (excluded) of `performer`'s inbox stream from `sequence`.
  static func watched(_ performer: Performer, from sequence: UInt64) async throws -> [Simpeg_V1_InboxEvent] {
    try await Simpeg_V1_InboxService.Client(wrapping: performer.rpc).watchInbox(
      .with { $0.fromSequence = sequence }
    ) { stream in
      var events: [Simpeg_V1_InboxEvent] = []
      for try await event in stream {
        if event.kind == .caughtUp { break }
        events.append(event)
      }
      return events
    }
  }

  @Test func aStreamCutBetweenTwoEventsOfOneChangeResumesWithTheWholeChange() async throws {
    try await withKinerjaCity { test, city, cast in
      // Finalising the year gives Staf Satu two items from one change: the result to acknowledge
      // and its keberatan window. Watched from before it, they share a sequence.
      let before = test.daemon.store.lastSequence
      _ = try await KeberatanTests.finalisedYear(city, cast)
      let changes = try await Self.watched(cast.staff1, from: before)
      let finalised = try #require(
        Dictionary(grouping: changes, by: \.sequence).values.first { $0.count == 2 }?
          .sorted { $0.resumeFrom < $1.resumeFrom })
      let sequence = finalised[0].sequence
      // The first event of the change resumes from the sequence before it; the last from its own.
      #expect(finalised.map(\.resumeFrom) == [sequence - 1, sequence])
      // Cut after the first: resuming from it delivers the second again, and nothing is skipped.
      let resumed = try await Self.watched(cast.staff1, from: finalised[0].resumeFrom)
      #expect(
        Set(resumed.filter { $0.sequence == sequence }.map(\.item.key)) == Set(finalised.map(\.item.key)))
      #expect(
        try await Self.watched(cast.staff1, from: finalised[1].resumeFrom).allSatisfy {
          $0.sequence > sequence
        })

      // The opening inbox: every item but the last resumes from 0 (the whole inbox again).
      let opening = try await Self.watched(cast.staff1, from: 0)
      #expect(opening.count == 2)
      #expect(opening.map(\.resumeFrom) == [0, opening[1].sequence])
    }
  }
}
