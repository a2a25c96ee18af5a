import Dispatch
import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegStore
import Testing

@testable import SimpegServer

/// The days the calendar turns: midnight of 31 December WIB (when UTC still says 31 December,
/// 17:00), a leap day, a call in flight across midnight, and a supervisor's last day of the year.
/// Each test sets the daemon's clock; none depends on the day it runs.
@Suite("The WIB clock at the edges of the year")
struct CalendarEdgeTests {
  static let newYearsEve = CalendarDate(year: 2027, month: 12, day: 31)!
  static let newYearsDay = CalendarDate(year: 2028, month: 1, day: 1)!
  static let leapDay = CalendarDate(year: 2028, month: 2, day: 29)!

  @Test func theDayTurnsAtMidnightWIBWhileUTCIsStillTheDayBefore() {
    let lastSecond = Moment(Date(timeIntervalSince1970: 1_830_272_399))  // 2027-12-31 16:59:59 UTC
    let firstSecond = Moment(Date(timeIntervalSince1970: 1_830_272_400))  // 2027-12-31 17:00:00 UTC
    #expect(lastSecond.today == Self.newYearsEve)
    #expect(lastSecond.local.description == "2027-12-31 23:59")
    #expect(firstSecond.today == Self.newYearsDay)
    #expect(firstSecond.local.description == "2028-01-01 00:00")
    #expect(firstSecond.instant == TestClock.instant(Self.newYearsDay, hour: 0))
  }

  @Test func anActivityOfTheYearsLastEveningIsOfTheOldYearAndTomorrowIsStillTheFuture() async throws {
    let clock = TestClock(Self.newYearsEve, hour: 23, minute: 59)
    try await withKinerjaCity(configure: { $0.clock = clock.wib }) { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast, year: 2027)
      let next = try await ApprovedCity.plan(city, cast, year: 2028)
      let logged = try await cast.staff1.activities.logActivity(
        Activities.request(plans.staff1, date: Self.newYearsEve))
      #expect(logged.date == Simpeg_V1_Date(Self.newYearsEve))
      #expect(logged.loggedAt.date == TestClock.instant(Self.newYearsEve, hour: 23, minute: 59))
      try await expectRefusal(test, .invalidArgument, containing: "is in the future") {
        _ = try await cast.staff1.activities.logActivity(
          Activities.request(next.staff1, date: Self.newYearsDay))
      }
    }
  }

  @Test func theNewYearsFirstQuarterOpensAtMidnightWIBWhileUTCStillSaysTheOldYear() async throws {
    let clock = TestClock(Self.newYearsEve, hour: 23, minute: 59, second: 59)
    try await withKinerjaCity(configure: { $0.clock = clock.wib }) { test, city, cast in
      _ = try await ApprovedCity.plan(city, cast, year: 2028)
      var quarter = Simpeg_V1_EvaluationPeriod()
      quarter.year = 2028
      quarter.kind = .triwulan
      quarter.number = 1
      try await Evaluations.organisation(city.seksiUnit, quarter, by: cast.kabid)
      try await expectRefusal(test, .failedPrecondition, containing: "has not begun") {
        try await Evaluations.rate(
          city.staff1.employee, quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      }
      clock.advance(by: 2)  // 2028-01-01 00:00:01 WIB; 2027-12-31 17:00:01 UTC
      let rated = try await Evaluations.rate(
        city.staff1.employee, quarter, .sesuaiEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      #expect(rated.status == .rated)
      #expect(rated.ratedAt.date == TestClock.instant(Self.newYearsDay, hour: 0, second: 1))
    }
  }

  @Test func onALeapDayWorkIsLoggedFor29FebruaryAnd1MarchIsTomorrow() async throws {
    let clock = TestClock(Self.leapDay, hour: 16)
    try await withKinerjaCity(configure: { $0.clock = clock.wib }) { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast, year: 2028)
      let logged = try await cast.staff1.activities.logActivity(
        Activities.request(plans.staff1, date: Self.leapDay))
      #expect(logged.date == Simpeg_V1_Date(Self.leapDay))
      try await expectRefusal(test, .invalidArgument, containing: "is in the future") {
        _ = try await cast.staff1.activities.logActivity(
          Activities.request(plans.staff1, date: Self.leapDay.adding(days: 1)))
      }
    }
  }

  @Test func aPromotionWithoutADateTakesEffectOnTheLeapDayItIsMade() async throws {
    let clock = TestClock(Self.leapDay, hour: 10)
    try await withTestDaemon(configure: { $0.clock = clock.wib }) { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var promote = Simpeg_V1_PromoteEmployeeRequest()
      promote.employeeID = city.holder(of: city.staf)
      promote.golongan.pns = .golonganIiic
      _ = try await admin.employees.promoteEmployee(promote)
      var history = Simpeg_V1_GetEmployeeHistoryRequest()
      history.employeeID = promote.employeeID
      let ranks = try await admin.employees.getEmployeeHistory(history).ranks
      #expect(ranks.last?.tmt == Simpeg_V1_Date(Self.leapDay))
    }
  }

  @Test func aCallInFlightAcrossMidnightIsStampedWithTheMomentItBegan() async throws {
    let clock = TestClock(Self.newYearsEve, hour: 23, minute: 59, second: 59)
    try await withKinerjaCity(configure: { $0.clock = clock.wib }) { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast, year: 2027)
      let attendance = try await Performer.service(test, scopes: [ServiceScopes.activitiesWrite])
      var request = Activities.request(plans.staff1, date: Self.newYearsEve)
      request.employeeID = city.staff1.employee
      let writer = try await WriterHold.hold(test.daemon.store)
      let readings = clock.readings
      async let logging = attendance.activities.logActivity(request)
      // The call reads the clock once (an API key has no session to expire), then queues its write
      // behind the held writer; the year ends before the write runs.
      await clock.waitForReadings(readings + 1)
      clock.set(Self.newYearsDay, hour: 0, second: 1)
      writer.release()
      let logged = try await logging
      try await writer.finished()
      let began = TestClock.instant(Self.newYearsEve, hour: 23, minute: 59, second: 59)
      #expect(logged.loggedAt.date == began)
      let audit = try #require(try test.auditRecords().last)
      #expect(audit.method == "simpeg.v1.ActivityService/LogActivity")
      #expect(audit.time.date == began)
    }
  }

  @Test func aLeaderHoldsTheYearsLastDialogueOn31DecemberWithFollowUpsDueThatDay() async throws {
    let clock = TestClock(Self.newYearsEve, hour: 23, minute: 30)
    try await withKinerjaCity(configure: { $0.clock = clock.wib }) { test, city, cast in
      var request = Simpeg_V1_RecordDialogueRequest()
      request.unitID = city.seksiUnit
      request.date = Simpeg_V1_Date(Self.newYearsEve)
      request.attendeeIds = [city.kasi.employee, city.staff1.employee]
      request.agenda = "Penutupan tahun"
      var followUp = Simpeg_V1_NewFollowUp()
      followUp.employeeID = city.staff1.employee
      followUp.action = "Menyerahkan laporan akhir tahun"
      followUp.due = Simpeg_V1_Date(Self.newYearsEve)
      request.followUps = [followUp]
      let dialogue = try await cast.kasi.feedback.recordDialogue(request)
      #expect(dialogue.agreed.first?.due == Simpeg_V1_Date(Self.newYearsEve))
      request.date = Simpeg_V1_Date(Self.newYearsDay)
      request.followUps = []
      try await expectRefusal(test, .invalidArgument, containing: "is in the future") {
        _ = try await cast.kasi.feedback.recordDialogue(request)
      }
    }
  }

  @Test func aSupervisorRatesTheFourthQuarterOnItsLastDay() async throws {
    let clock = TestClock(Self.newYearsEve, hour: 23, minute: 59)
    try await withKinerjaCity(configure: { $0.clock = clock.wib }) { _, city, cast in
      _ = try await ApprovedCity.plan(city, cast, year: 2027)
      var quarter = Simpeg_V1_EvaluationPeriod()
      quarter.year = 2027
      quarter.kind = .triwulan
      quarter.number = 4
      try await Evaluations.organisation(city.seksiUnit, quarter, by: cast.kabid)
      let rated = try await Evaluations.rate(
        city.staff1.employee, quarter, .diAtasEkspektasi, .sesuaiEkspektasi, by: cast.kasi)
      #expect(rated.period.number == 4 && rated.months == 3)
      #expect(rated.ratedAt.date == TestClock.instant(Self.newYearsEve, hour: 23, minute: 59))
    }
  }
}

/// Keeps the store's writer busy until released, so a test can let time pass between a call
/// reading the clock and its write running.
final class WriterHold: Sendable {
  private let started = DispatchSemaphore(value: 0)
  private let gate = DispatchSemaphore(value: 0)
  private let task: Task<Void, any Error>

  private init(store: Store) {
    let started = started
    let gate = gate
    task = Task {
      try await store.write { _ in
        started.signal()
        gate.wait()
      }
    }
  }

  /// Holds `store`'s writer; returns once the writer runs the holding write.
  static func hold(_ store: Store) async throws -> WriterHold {
    let hold = WriterHold(store: store)
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        hold.started.wait()
        continuation.resume()
      }
    }
    return hold
  }

  /// Lets the writer go on.
  func release() {
    gate.signal()
  }

  /// Waits for the holding write to end.
  func finished() async throws {
    try await task.value
  }
}
