import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import Testing

@testable import SimpegServer

/// One performance cycle of the current year walked end to end against the daemon loaded with the
/// sample Kota Salatiga: plan and cascade from the Wali Kota down to a Seksi, approval, activities
/// watched live by the Kasi across a disconnect, reviews, feedback, dialogues, a quarterly and an
/// annual evaluation with the curve refused and overridden, acknowledgement, angka kredit and the
/// reports.
@Suite("A full performance cycle on the sample Kota Salatiga")
struct FullCycleTests {
  @Test func aYearFromPlanToPredikat() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let chain = try SampleChain.find(in: test.daemon.store)
      #expect(!chain.fungsional.isEmpty, "the walk needs a functional post for angka kredit")
      let year = KinerjaCity.year
      let admin = try await Performer.user(test, roles: [.admin])
      let sekda = try await Performer.user(test, employee: chain.sekda.employee)
      let kadis = try await Performer.user(test, employee: chain.kadis.employee)
      let kabid = try await Performer.user(test, employee: chain.kabid.employee)
      let kasi = try await Performer.user(test, employee: chain.kasi.employee)
      var staff: [Performer] = []
      for seat in chain.staff { staff.append(try await Performer.user(test, employee: seat.employee)) }

      // Plan: the cascade from the Wali Kota down to every member of the Seksi.
      let waliKotaSKP = try await Plans.approved(
        Plans.create(year: year, content: Plans.content(parents: [0, 0]), official: chain.waliKota),
        owner: admin, approver: admin)
      let sekdaSKP = try await Plans.approved(
        Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(waliKotaSKP)], jpt: true)),
        owner: sekda, approver: admin)
      let kadisSKP = try await Plans.approved(
        Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(sekdaSKP)], jpt: true)),
        owner: kadis, approver: sekda)
      let kabidSKP = try await Plans.approved(
        Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(kadisSKP)])), owner: kabid,
        approver: kadis)
      let kasiSKP = try await Plans.approved(
        Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(kabidSKP)])), owner: kasi,
        approver: kabid)
      #expect(kasiSKP.evaluator.employeeID == chain.kabid.employee)
      var staffSKPs: [Simpeg_V1_SKP] = []
      for member in staff {
        let skp = try await member.plan.createSKP(
          Plans.create(year: year, content: Plans.content(parents: [Plans.rhk(kasiSKP)])))
        #expect(skp.evaluator.employeeID == chain.kasi.employee)
        try await Plans.submit(skp, by: member)
        staffSKPs.append(skp)
      }
      var waiting = Simpeg_V1_ListSKPsRequest()
      waiting.year = year
      waiting.status = .submitted
      #expect(try await kasi.plan.listSKPs(waiting).skps.count == staff.count)
      for skp in staffSKPs { try await Plans.approve(skp, by: kasi) }
      var cascadeRequest = Simpeg_V1_GetCascadeRequest()
      cascadeRequest.unitID = chain.seksiUnit
      cascadeRequest.year = year
      let cascade = try await kabid.plan.getCascade(cascadeRequest)
      #expect(cascade.nodes.map(\.depth) == [0] + Array(repeating: 1, count: staff.count))
      #expect(cascade.nodes.first?.rhk.parentRhkID == Plans.rhk(kabidSKP))
      #expect(cascade.employeesWithoutApprovedSkp.isEmpty)

      // Activities, watched live by the Kasi, across a disconnect.
      var watch = Simpeg_V1_WatchActivitiesRequest()
      watch.startAtEnd = true
      let live = try await kasi.activities.watchActivities(watch) { stream in
        var iterator = stream.makeAsyncIterator()
        #expect(try #require(try await iterator.next()).kind == .caughtUp)
        var events: [Simpeg_V1_ActivityEvent] = []
        for (member, skp) in zip(staff, staffSKPs) {
          let logged = try await Activities.log(by: member, skp, quantity: 5)
          let event = try #require(try await iterator.next())
          #expect(event.activity.id == logged.id)
          events.append(event)
        }
        return events
      }
      let resumeAfter = try #require(live.last).sequence
      var away: [Simpeg_V1_Activity] = []
      for (member, skp) in zip(staff, staffSKPs) {
        away.append(try await Activities.log(by: member, skp, quantity: 3))
      }
      watch.startAtEnd = false
      watch.fromSequence = resumeAfter
      let resumed = try await kasi.activities.watchActivities(watch) { stream in
        var events: [Simpeg_V1_ActivityEvent] = []
        for try await event in stream {
          if event.kind == .caughtUp { break }
          events.append(event)
        }
        return events
      }
      #expect(resumed.map(\.activity.id) == away.map(\.id))
      #expect(Set(resumed.map(\.sequence)).isDisjoint(with: live.map(\.sequence)))

      // Reviews: one by one, then the rest in bulk.
      try await Activities.review(live[0].activity, by: kasi)
      var bulk = Simpeg_V1_ReviewActivitiesRequest()
      bulk.activityIds = live.dropFirst().map(\.activity.id) + away.map(\.id)
      bulk.decision = .approve
      #expect(
        try await kasi.activities.reviewActivities(bulk).activities.allSatisfy { $0.status == .approved })
      var realisation = Simpeg_V1_GetRealisationRequest()
      realisation.skpID = staffSKPs[0].id
      let month = Activities.today.month
      #expect(
        try await staff[0].activities.getRealisation(realisation).rhks[0].ikis[0].monthlyQuantity[month - 1]
          == 8)

      // Feedback and two dialogues, the second carrying a follow-up over.
      var feedback = Simpeg_V1_GiveFeedbackRequest()
      feedback.employeeID = chain.staff[0].employee
      feedback.year = year
      feedback.rhkID = Plans.rhk(staffSKPs[0])
      feedback.text = "Pertahankan kecepatan layanan"
      _ = try await kasi.feedback.giveFeedback(feedback)
      var mine = Simpeg_V1_ListFeedbackRequest()
      mine.year = year
      #expect(
        try await staff[0].feedback.listFeedback(mine).feedback.map(\.text) == [
          "Pertahankan kecepatan layanan"
        ])
      let attendees = [chain.kasi.employee] + chain.staff.map(\.employee)
      var first = Simpeg_V1_RecordDialogueRequest()
      first.unitID = chain.seksiUnit
      first.date = Simpeg_V1_Date(Activities.today.adding(days: -7))
      first.attendeeIds = attendees
      first.agenda = "Capaian awal"
      first.followUps = chain.staff.prefix(2).map { seat in
        var followUp = Simpeg_V1_NewFollowUp()
        followUp.employeeID = seat.employee
        followUp.action = "Tuntaskan berkas"
        return followUp
      }
      let firstDialogue = try await kasi.feedback.recordDialogue(first)
      var second = first
      second.date = Simpeg_V1_Date(Activities.today)
      second.followUps = []
      var met = Simpeg_V1_FollowUpResolution()
      met.followUpID = firstDialogue.agreed[0].id
      met.met = true
      second.resolutions = [met]
      let secondDialogue = try await kasi.feedback.recordDialogue(second)
      #expect(secondDialogue.closed.map(\.id) == [firstDialogue.agreed[0].id])
      #expect(secondDialogue.carriedOver.map(\.id) == [firstDialogue.agreed[1].id])

      // The quarter: organisation first (the Kabid sets the Seksi's), everyone Baik breaks the
      // curve, refused, then overridden. The Kasi's own rating goes with the Bidang's set.
      let people = chain.staff
      try await Evaluations.organisation(chain.seksiUnit, Evaluations.quarter, by: kabid)
      for seat in people {
        try await Evaluations.rate(
          seat.employee, Evaluations.quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: kasi)
      }
      try await expectRefusal(test, .failedPrecondition, containing: "too many") {
        _ = try await Evaluations.finalise(chain.seksiUnit, Evaluations.quarter, by: kasi)
      }
      let overridden = try await Evaluations.finalise(
        chain.seksiUnit, Evaluations.quarter, reason: "Evaluasi uji coba seksi", by: admin)
      #expect(overridden.overridden)
      #expect(overridden.finalised == UInt32(people.count))

      // The year: a conforming distribution finalised by the Kasi, with angka kredit.
      try await Evaluations.organisation(chain.seksiUnit, Evaluations.annual, by: kabid)
      let predikats = SamplePerformance.baikDistribution(size: people.count)
      for (index, seat) in people.enumerated() {
        let (hasilKerja, perilaku) = SamplePerformance.ratings(for: predikats[index], variant: index)
        try await Evaluations.rate(
          seat.employee, Evaluations.annual, Simpeg_V1_Rating(rawValue: hasilKerja.rawValue)!,
          Simpeg_V1_Rating(rawValue: perilaku.rawValue)!, by: kasi)
      }
      let annual = try await Evaluations.finalise(chain.seksiUnit, Evaluations.annual, by: kasi)
      #expect(!annual.overridden)
      #expect(annual.report.conforms)

      // The employees acknowledge; functional posts earn angka kredit.
      var list = Simpeg_V1_ListEvaluationsRequest()
      list.year = year
      let evaluations = try await staff[0].evaluation.listEvaluations(list).evaluations
      #expect(evaluations.map(\.period.kind) == [.triwulan, .tahunan])
      var acknowledge = Simpeg_V1_AcknowledgeEvaluationRequest()
      acknowledge.evaluationID = evaluations[1].id
      #expect(try await staff[0].evaluation.acknowledgeEvaluation(acknowledge).status == .acknowledged)
      for seat in chain.fungsional {
        var get = Simpeg_V1_GetEvaluationRequest()
        get.employeePeriod.employeeID = seat.employee
        get.employeePeriod.period = Evaluations.annual
        let evaluation = try await kasi.evaluation.getEvaluation(get)
        let level = try #require(JabatanLevel(rawValue: evaluation.level.rawValue))
        let expected = try AngkaKreditRule.credit(predikat: #require(evaluation.predikat.rule), level: level)
        #expect(evaluation.angkaKredit == expected.formatted())
      }

      // The reports.
      var unitReport = Simpeg_V1_GetUnitReportRequest()
      unitReport.unitID = chain.seksiUnit
      unitReport.period = Evaluations.quarter
      let report = try await kabid.evaluation.getUnitReport(unitReport)
      #expect(report.organisation.finalised)
      #expect(report.skpProgress.approved == report.skpProgress.people)
      #expect(report.activities.approved == UInt32(2 * staff.count))
      var employeeReport = Simpeg_V1_GetEmployeeReportRequest()
      employeeReport.employeeID = chain.staff[0].employee
      let history = try await staff[0].evaluation.getEmployeeReport(employeeReport)
      #expect(history.years.last?.year == year)
      #expect(history.years.last?.annual == Simpeg_V1_Predikat(predikats[0]))
      let trail = try test.daemon.store.read { try AuditTrail.verify(in: $0) }
      #expect(trail.intact)
    }
  }
}
