import Foundation
import SimpegAPI
import SimpegStore
import SwiftProtobuf
import Testing

@testable import SimpegServer

/// Turnaround reports checked against figures computed here from the raw timestamps, with an
/// independent count of working days (Foundation's calendar in WIB, day by day, holidays skipped).
@Suite struct TurnaroundReportTests {
  typealias World = PublicServiceWorld

  /// Lebaran 2025 and the day before it: Friday 28 March to Monday 7 April, weekdays only.
  static let holidays: [(Int, Int)] = [(3, 28), (3, 31), (4, 1), (4, 2), (4, 3), (4, 4), (4, 7)]

  /// WIB, independent of the server's conversions.
  static let jakarta: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
    return calendar
  }()

  static func instant(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    jakarta.date(from: DateComponents(year: 2025, month: month, day: day, hour: hour, minute: minute))!
  }

  static func isWorkingDay(_ date: Date) -> Bool {
    let weekday = jakarta.component(.weekday, from: date)  // 1 Sunday ... 7 Saturday
    let parts = jakarta.dateComponents([.month, .day], from: date)
    return weekday != 1 && weekday != 7 && !holidays.contains { $0 == (parts.month!, parts.day!) }
  }

  /// Working days as the Standar Pelayanan counts them, walked day by day: from the first working
  /// day on or after receipt, every working day after it up to the completion day.
  static func workingDays(from received: Date, to completed: Date) -> Int {
    var start = jakarta.startOfDay(for: received)
    while !isWorkingDay(start) { start = jakarta.date(byAdding: .day, value: 1, to: start)! }
    let end = jakarta.startOfDay(for: completed)
    var count = 0
    var day = jakarta.date(byAdding: .day, value: 1, to: start)!
    while day <= end {
      if isWorkingDay(day) { count += 1 }
      day = jakarta.date(byAdding: .day, value: 1, to: day)!
    }
    return count
  }

  static func nearestRank(_ percentile: Int, _ values: [Int]) -> Int {
    let sorted = values.sorted()
    let rank = Int((Double(percentile) * Double(sorted.count) / 100).rounded(.up))
    return sorted[max(rank, 1) - 1]
  }

  static func basisPoints(_ part: Int, _ whole: Int) -> UInt32 {
    UInt32((Double(part) * 10_000 / Double(whole)).rounded(.toNearestOrAwayFromZero))
  }

  /// One request of the scenario.
  struct Case {
    var received: Date
    var completed: Date?
    var assignee: UInt64
  }

  /// Forty requests received between 17 March and 9 April 2025 (one on a Saturday, online), most
  /// of them completed 0-9 days later across the Lebaran holidays, five still open.
  static func scenario() -> [Case] {
    var seed: UInt64 = 20_250_317
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    var cases: [Case] = []
    for index in 0..<40 {
      let offset = next(24)  // 17 March + 0...23 days
      let receivedDay = jakarta.date(byAdding: .day, value: offset, to: instant(3, 17, 0))!
      let received = jakarta.date(byAdding: .minute, value: (8 + next(7)) * 60 + next(60), to: receivedDay)!
      let assignee = index % 2 == 0 ? World.clerkPelayanan : World.kepalaDukcapil
      guard index % 8 != 7 else {
        cases.append(Case(received: received, completed: nil, assignee: assignee))
        continue
      }
      let completedDay = jakarta.date(byAdding: .day, value: next(10), to: jakarta.startOfDay(for: received))!
      var completed = jakarta.date(byAdding: .minute, value: (9 + next(7)) * 60 + next(60), to: completedDay)!
      if completed <= received { completed = received.addingTimeInterval(Double(30 + next(120)) * 60) }
      cases.append(Case(received: received, completed: completed, assignee: assignee))
    }
    return cases
  }

  private func run(
    _ cases: [Case], world: World, service: Simpeg_V1_PublicService
  ) async throws {
    let app = try await world.counterApp()
    for (index, item) in cases.enumerated() {
      var receive = Simpeg_V1_ReceiveServiceRequestRequest()
      receive.serviceID = service.id
      receive.reference = "KK/2025/\(index)"
      receive.channel = .online
      receive.at = Google_Protobuf_Timestamp(date: item.received)
      let request = try await app.receiveServiceRequest(receive)
      var assign = Simpeg_V1_AssignServiceRequestRequest()
      assign.requestID = request.id
      assign.employeeID = item.assignee
      assign.at = Google_Protobuf_Timestamp(date: item.received.addingTimeInterval(60))
      _ = try await app.assignServiceRequest(assign)
      var start = Simpeg_V1_StartServiceRequestRequest()
      start.requestID = request.id
      start.at = Google_Protobuf_Timestamp(date: item.received.addingTimeInterval(120))
      _ = try await app.startServiceRequest(start)
      if let completed = item.completed {
        var complete = Simpeg_V1_CompleteServiceRequestRequest()
        complete.requestID = request.id
        complete.at = Google_Protobuf_Timestamp(date: max(completed, item.received.addingTimeInterval(120)))
        _ = try await app.completeServiceRequest(complete)
      }
    }
  }

  private func setHolidays(_ world: World) async throws {
    let admin = try await world.admin()
    for (month, day) in Self.holidays {
      var request = Simpeg_V1_SetHolidayRequest()
      request.holiday.date = Simpeg_V1_Date.with {
        $0.year = 2025
        $0.month = Int32(month)
        $0.day = Int32(day)
      }
      request.holiday.name = "Idul Fitri 1446 H"
      _ = try await admin.setHoliday(request)
    }
  }

  private func report(
    _ client: Simpeg_V1_PublicServiceService.Client, service: UInt64, from: (Int32, Int32), to: (Int32, Int32)
  ) async throws -> Simpeg_V1_TurnaroundReport {
    var request = Simpeg_V1_GetTurnaroundReportRequest()
    request.unitID = World.disdukcapil
    request.serviceID = service
    request.from = Simpeg_V1_ReportMonth.with {
      $0.year = from.0
      $0.month = from.1
    }
    request.to = Simpeg_V1_ReportMonth.with {
      $0.year = to.0
      $0.month = to.1
    }
    return try await client.getTurnaroundReport(request)
  }

  @Test func monthlyFiguresEqualThoseComputedFromTheRawTimestamps() async throws {
    try await World.run { world in
      try await setHolidays(world)
      let service = try await world.createService(try await world.admin(), name: "Kartu Keluarga", maximum: 2)
      let cases = Self.scenario()
      try await run(cases, world: world, service: service)
      let reader = try world.services(
        try await world.token(username: "portal", kind: .service, scopes: ["services.read"]))
      let report = try await report(reader, service: service.id, from: (2025, 3), to: (2025, 4))
      let months = try #require(report.services.first).months
      #expect(months.count == 2)
      var open = 0
      var previous: Simpeg_V1_TurnaroundFigures?
      for (offset, month) in [3, 4].enumerated() {
        let received = cases.filter { Self.jakarta.component(.month, from: $0.received) == month }
        let done = cases.filter {
          $0.completed.map { Self.jakarta.component(.month, from: $0) == month } ?? false
        }
        let turnarounds = done.map { Self.workingDays(from: $0.received, to: $0.completed!) }
        open += received.count - done.count
        let figures = months[offset].figures
        #expect(months[offset].month.month == Int32(month))
        #expect(figures.received == UInt32(received.count))
        #expect(figures.completed == UInt32(done.count))
        #expect(figures.median == UInt32(Self.nearestRank(50, turnarounds)))
        #expect(figures.percentile90 == UInt32(Self.nearestRank(90, turnarounds)))
        #expect(figures.withinStandard == UInt32(turnarounds.count { $0 <= 2 }))
        #expect(
          figures.shareWithinStandardBasisPoints
            == Self.basisPoints(turnarounds.count { $0 <= 2 }, done.count))
        #expect(figures.backlog == UInt32(open))
        if let previous {
          #expect(months[offset].change.turnaroundComparable)
          #expect(months[offset].change.median == Int32(figures.median) - Int32(previous.median))
          #expect(
            months[offset].change.shareWithinStandardBasisPoints
              == Int32(figures.shareWithinStandardBasisPoints)
              - Int32(previous.shareWithinStandardBasisPoints))
          #expect(months[offset].change.backlog == Int32(figures.backlog) - Int32(previous.backlog))
        }
        previous = figures
      }
      let all = cases.compactMap { item in
        item.completed.map { Self.workingDays(from: item.received, to: $0) }
      }
      let total = try #require(report.services.first).total
      #expect(total.completed == UInt32(all.count))
      #expect(total.median == UInt32(Self.nearestRank(50, all)))
      #expect(total.percentile90 == UInt32(Self.nearestRank(90, all)))
      #expect(total.backlog == UInt32(cases.count { $0.completed == nil }))
    }
  }

  @Test func employeeFiguresEqualThoseComputedFromTheRawTimestamps() async throws {
    try await World.run { world in
      try await setHolidays(world)
      let service = try await world.createService(try await world.admin(), name: "Kartu Keluarga", maximum: 2)
      let cases = Self.scenario()
      try await run(cases, world: world, service: service)
      let clerk = try world.services(
        try await world.token(username: "198609262015051002", employeeID: World.clerkPelayanan))
      var request = Simpeg_V1_GetEmployeeServiceReportRequest()
      request.employeeID = World.clerkPelayanan
      request.year = 2025
      let report = try await clerk.getEmployeeServiceReport(request)
      let mine = cases.filter { $0.assignee == World.clerkPelayanan }.compactMap { item in
        item.completed.map { Self.workingDays(from: item.received, to: $0) }
      }
      #expect(report.completed == UInt32(mine.count))
      #expect(report.handled == UInt32(mine.count))
      #expect(report.withinStandard == UInt32(mine.count { $0 <= 2 }))
      #expect(report.shareWithinStandardBasisPoints == Self.basisPoints(mine.count { $0 <= 2 }, mine.count))
      let section = try #require(report.services.first)
      #expect(section.serviceName == "Kartu Keluarga")
      #expect(section.total.median == UInt32(Self.nearestRank(50, mine)))
      #expect(section.total.percentile90 == UInt32(Self.nearestRank(90, mine)))
    }
  }

  @Test func workingDaysSkipTheHolidaysBetweenReceiptAndCompletion() async throws {
    try await World.run { world in
      try await setHolidays(world)
      let service = try await world.createService(try await world.admin(), name: "Kartu Keluarga", maximum: 2)
      // Received Thursday 27 March, completed Tuesday 8 April: 12 calendar days, of which only
      // 8 April is a working day after the 27th (28 March to 7 April are weekends and holidays).
      let item = Case(
        received: Self.instant(3, 27, 10), completed: Self.instant(4, 8, 11), assignee: World.clerkPelayanan)
      #expect(Self.workingDays(from: item.received, to: item.completed!) == 1)
      try await run([item], world: world, service: service)
      let stored = try world.snapshot().requests[0]
      #expect(stored.turnaround == 1)
      #expect(stored.withinStandard)
    }
  }

  @Test func aRequestReceivedOnAHolidayCountsFromTheNextWorkingDay() async throws {
    try await World.run { world in
      try await setHolidays(world)
      let service = try await world.createService(try await world.admin(), name: "Kartu Keluarga", maximum: 0)
      // Received online on Idul Fitri (31 March), completed on the first working day (8 April): 0.
      try await run(
        [
          Case(
            received: Self.instant(3, 31, 20), completed: Self.instant(4, 8, 15),
            assignee: World.clerkPelayanan)
        ],
        world: world, service: service)
      let stored = try world.snapshot().requests[0]
      #expect(stored.turnaround == 0)
      #expect(stored.withinStandard)
    }
  }

  @Test func daysAndMonthsAreCountedOnTheWIBWallClock() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin(), name: "Kartu Keluarga", maximum: 2)
      // Saturday 1 March 2025, 00:30 WIB, is still Friday 28 February in UTC. Counted in WIB, the
      // request arrives on a weekend in March and completing on Monday 3 March takes 0 days.
      try await run(
        [
          Case(
            received: Self.instant(3, 1, 0, 30), completed: Self.instant(3, 3, 10),
            assignee: World.clerkPelayanan)
        ],
        world: world, service: service)
      #expect(try world.snapshot().requests[0].turnaround == 0)
      let months = try await report(
        try await world.admin(), service: service.id, from: (2025, 2), to: (2025, 3)
      )
      .services[0].months
      #expect(months.map(\.figures.received) == [0, 1])
    }
  }

  @Test func anHourStandardCountsBegunHours() async throws {
    try await World.run { world in
      let service = try await world.createService(
        try await world.admin(), unit: World.kelurahan, name: "Surat Pengantar", maximum: 1,
        in: .calendarHours)
      // Received 09:00, completed 10:01 (the steps in between take two minutes): 61 minutes.
      try await run(
        [
          Case(
            received: Self.instant(5, 5, 9), completed: Self.instant(5, 5, 10, 1),
            assignee: World.clerkKelurahan)
        ],
        world: world, service: service)
      let stored = try world.snapshot().requests[0]
      #expect(stored.turnaround == 2)
      #expect(!stored.withinStandard)
    }
  }

  @Test func reportsOfMoreThanThirtySixMonthsAreRefused() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let error = await rpcError {
        _ = try await report(try await world.admin(), service: service.id, from: (2022, 1), to: (2025, 1))
      }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.contains("1 to 36 months") == true)
    }
  }

  @Test func staffOfAnotherPerangkatDaerahCannotReadTheReport() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let outsider = try world.services(
        try await world.token(username: "198609262015051003", employeeID: World.officerDPMPTSP))
      let error = await rpcError {
        _ = try await report(outsider, service: service.id, from: (2025, 1), to: (2025, 1))
      }
      #expect(error?.code == .permissionDenied)
    }
  }

  @Test func theReportReadsAggregatesNotRequests() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin(), name: "Kartu Keluarga", maximum: 2)
      try await run(Array(Self.scenario().prefix(6)), world: world, service: service)
      // Remove the requests themselves: the report must still come out of the aggregates alone.
      let before = try await report(
        try await world.admin(), service: service.id, from: (2025, 3), to: (2025, 4))
      try await world.store.write { transaction in
        for key in try Tables.serviceRequests.keys(in: transaction) {
          try Tables.serviceRequests.delete(key, in: transaction)
        }
      }
      let after = try await report(
        try await world.admin(), service: service.id, from: (2025, 3), to: (2025, 4))
      #expect(after == before)
      #expect(after.services[0].total.received == 6)
    }
  }
}
