import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegStore
import Testing

@testable import SimpegServer

/// Every list pages and every report reads every page: nothing is cut at a fixed number of rows.
/// The rows are written straight into the store, more than the caps lists and reports used to
/// read (10,000 feedback, 10,000 services of a unit, 100,000 innovations of a competition) or
/// more than one page of a report's reading.
@Suite struct PagingTests {
  /// Pages through a list with `pageSize` until it ends; returns the pages' items in order.
  private func everyPage<Item>(
    pageSize: UInt32,
    _ call: (Simpeg_V1_PageRequest) async throws -> (items: [Item], info: Simpeg_V1_PageInfo)
  ) async throws -> (items: [Item], pages: Int) {
    var request = Simpeg_V1_PageRequest()
    request.pageSize = pageSize
    var items: [Item] = []
    var pages = 0
    repeat {
      let page = try await call(request)
      items += page.items
      pages += 1
      request.pageToken = page.info.nextPageToken
    } while !request.pageToken.isEmpty && pages < 1_000
    return (items, pages)
  }

  @Test func feedbackBeyondTheOldCapOfTenThousandIsListedInFull() async throws {
    try await withTestDaemon { test in
      let city = try await KinerjaCity.build(test)
      let staff = city.staff1.employee
      try await test.daemon.store.write { transaction in
        for number in 1...10_001 {
          var feedback = Simpeg_Internal_V1_FeedbackRecord()
          feedback.id = try Tables.nextID("feedback", in: transaction)
          feedback.employeeID = staff
          feedback.year = KinerjaCity.year
          feedback.value = .akuntabel
          feedback.text = "Umpan balik \(number)"
          try Tables.feedback.insert(feedback, for: feedback.id, in: transaction)
        }
      }
      let employee = try await Performer.user(test, employee: staff)
      let listed = try await everyPage(pageSize: 1_000) { page in
        var request = Simpeg_V1_ListFeedbackRequest()
        request.page = page
        let response = try await employee.feedback.listFeedback(request)
        return (response.feedback.map(\.id), response.page)
      }
      #expect(listed.items.count == 10_001)
      #expect(listed.items == listed.items.sorted() && Set(listed.items).count == 10_001)
      #expect(listed.pages == 11)
    }
  }

  @Test func aTurnaroundReportCoversMoreServicesThanTheOldCapOfTenThousand() async throws {
    try await PublicServiceWorld.run { world in
      try await world.store.write { transaction in
        for number in 1...10_001 {
          var service = Simpeg_Internal_V1_PublicServiceRecord()
          service.id = try Tables.nextID("public_service", in: transaction)
          service.unitID = PublicServiceWorld.disdukcapil
          service.name = "Layanan \(number)"
          service.standard.maximum = 3
          service.standard.unit = .workingDays
          service.active = true
          try Tables.publicServices.insert(service, for: service.id, in: transaction)
        }
      }
      var request = Simpeg_V1_GetTurnaroundReportRequest()
      request.unitID = PublicServiceWorld.disdukcapil
      request.from = Simpeg_V1_ReportMonth.with {
        $0.year = 2025
        $0.month = 3
      }
      request.to = request.from
      let report = try await world.admin().getTurnaroundReport(request)
      #expect(report.services.count == 10_001)
    }
  }

  @Test func theRankingReadsEveryInnovationBeyondTheOldCapOfOneHundredThousand() async throws {
    try await withTestDaemon { test in
      let competitionID: UInt64 = 1
      try await test.daemon.store.write { transaction in
        var competition = Simpeg_Internal_V1_CompetitionRecord()
        competition.id = competitionID
        competition.year = 2026
        competition.name = "Lomba besar"
        competition.state = .judging
        competition.categories = try InnovationHandler.categories(["Pelayanan Publik"])
        (competition.scoreMin, competition.scoreMax) = (1, 100)
        var criterion = Simpeg_V1_CriterionSpec()
        criterion.name = "Kemanfaatan"
        criterion.weight = 100
        competition.criteria = try InnovationHandler.criteria([criterion], scoreRange: 1...100)
        try Tables.competitions.insert(competition, for: competitionID, in: transaction)
        for id in UInt64(1)...100_001 {
          var innovation = Simpeg_Internal_V1_InnovationRecord()
          innovation.id = id
          innovation.competitionID = competitionID
          innovation.categoryID = 1
          innovation.title = "Inovasi \(id)"
          try Tables.innovations.insert(innovation, for: id, in: transaction)
        }
      }
      let results = try test.daemon.store.read { transaction in
        try InnovationHandler.rank(
          try InnovationHandler.competition(competitionID, in: transaction), in: transaction)
      }
      #expect(results.categories.first?.unscoredInnovationIds.count == 100_001)
    }
  }

  @Test func aUnitReportCountsEveryActivityOfAMonthBeyondOnePageOfReading() async throws {
    try await withTestDaemon { test in
      let city = try await KinerjaCity.build(test)
      let count = Paging.chunk * 2 + 500
      try await test.daemon.store.write { transaction in
        for number in 0..<count {
          var activity = Simpeg_Internal_V1_ActivityRecord()
          activity.id = try Tables.nextID("activity", in: transaction)
          activity.employeeID = city.staff1.employee
          activity.unitID = city.seksiUnit
          activity.date = Simpeg_V1_Date(
            CalendarDate(year: Int(KinerjaCity.year), month: 2, day: 1 + number % 28)!)
          activity.status = number % 3 == 0 ? .approved : .pending
          activity.revision = 1
          try Tables.activities.insert(activity, for: activity.id, in: transaction)
        }
      }
      let auditor = try await Performer.user(test, roles: [.auditor])
      var request = Simpeg_V1_GetUnitReportRequest()
      request.unitID = city.seksiUnit
      request.period = Evaluations.annual
      let report = try await auditor.evaluation.getUnitReport(request)
      #expect(report.activities.logged == UInt32(count))
      #expect(report.activities.approved == UInt32((count + 2) / 3))
    }
  }

  @Test func evaluationsAreListedPageByPage() async throws {
    try await withTestDaemon { test in
      let city = try await KinerjaCity.build(test)
      let staff = city.staff1.employee
      try await test.daemon.store.write { transaction in
        for year in Int32(2000)...2059 {
          var evaluation = Simpeg_Internal_V1_EvaluationRecord()
          evaluation.id = try Tables.nextID("evaluation", in: transaction)
          evaluation.employeeID = staff
          evaluation.period.year = year
          evaluation.period.kind = .tahunan
          evaluation.period.number = 1
          evaluation.status = .finalised
          try Tables.evaluations.insert(evaluation, for: evaluation.id, in: transaction)
        }
      }
      let employee = try await Performer.user(test, employee: staff)
      let listed = try await everyPage(pageSize: 25) { page in
        var request = Simpeg_V1_ListEvaluationsRequest()
        request.page = page
        let response = try await employee.evaluation.listEvaluations(request)
        return (response.evaluations.map(\.period.year), response.page)
      }
      #expect(listed.items == Array(Int32(2000)...2059))
      #expect(listed.pages == 3)
    }
  }

  @Test func followUpsAreListedPageByPage() async throws {
    try await withTestDaemon { test in
      let city = try await KinerjaCity.build(test)
      let staff = city.staff1.employee
      try await test.daemon.store.write { transaction in
        for number in 1...120 {
          var followUp = Simpeg_Internal_V1_FollowUpRecord()
          followUp.id = try Tables.nextID("follow_up", in: transaction)
          followUp.unitID = city.seksiUnit
          followUp.employeeID = staff
          followUp.action = "Tindak lanjut \(number)"
          followUp.status = number % 2 == 0 ? .open : .met
          try Tables.followUps.insert(followUp, for: followUp.id, in: transaction)
        }
      }
      let employee = try await Performer.user(test, employee: staff)
      let listed = try await everyPage(pageSize: 25) { page in
        var request = Simpeg_V1_ListFollowUpsRequest()
        request.openOnly = true
        request.page = page
        let response = try await employee.feedback.listFollowUps(request)
        return (response.followUps, response.page)
      }
      #expect(listed.items.count == 60)
      #expect(listed.items.allSatisfy { $0.status == .open })
      #expect(Set(listed.items.map(\.id)).count == 60)
    }
  }

  @Test func apiKeysAreListedPageByPage() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      try await test.daemon.store.write { transaction in
        for number in 1...120 {
          let id = try Tables.nextID("apikey", in: transaction)
          let record = ApiKeys.record(
            id: id, accountID: service.account.id, secret: Credentials.newAPIKey(), label: "kunci \(number)",
            now: TestToday.instant)
          try Tables.apiKeys.insert(record, for: id, in: transaction)
        }
      }
      let listed = try await everyPage(pageSize: 50) { page in
        var request = Simpeg_V1_ListApiKeysRequest()
        request.account = .byName("absensi")
        request.page = page
        let response = try await admin.accounts.listApiKeys(request)
        return (response.keys.map(\.id), response.page)
      }
      #expect(listed.items.count == 121)
      #expect(listed.items == listed.items.sorted())
    }
  }

  @Test func competitionsAndTheirInnovationsAreListedPageByPage() async throws {
    try await PublicServiceWorld.run { world in
      try await world.store.write { transaction in
        for id in UInt64(1)...60 {
          var competition = Simpeg_Internal_V1_CompetitionRecord()
          competition.id = id
          competition.year = id % 2 == 0 ? 2025 : 2026
          competition.name = "Lomba \(id)"
          competition.categories = try InnovationHandler.categories(["Umum"])
          try Tables.competitions.insert(competition, for: id, in: transaction)
        }
        for id in UInt64(1)...70 {
          var innovation = Simpeg_Internal_V1_InnovationRecord()
          innovation.id = id
          innovation.competitionID = 1
          innovation.categoryID = 1
          innovation.title = "Inovasi \(id)"
          try Tables.innovations.insert(innovation, for: id, in: transaction)
        }
      }
      let client = try world.innovation(try await world.token(username: "pegawai"))
      let competitions = try await everyPage(pageSize: 20) { page in
        var request = Simpeg_V1_ListCompetitionsRequest()
        request.year = 2025
        request.page = page
        let response = try await client.listCompetitions(request)
        return (response.competitions.map(\.id), response.page)
      }
      #expect(competitions.items == stride(from: UInt64(2), through: 60, by: 2).map { $0 })
      let innovations = try await everyPage(pageSize: 30) { page in
        var request = Simpeg_V1_ListInnovationsRequest()
        request.competitionID = 1
        request.page = page
        let response = try await client.listInnovations(request)
        return (response.innovations.map(\.id), response.page)
      }
      #expect(innovations.items == Array(UInt64(1)...70))
      #expect(innovations.pages == 3)
    }
  }
}
