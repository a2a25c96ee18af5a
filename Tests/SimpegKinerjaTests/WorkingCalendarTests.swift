import Foundation
import Testing

@testable import SimpegKinerja

@Suite("Working calendar and turnaround")
struct WorkingCalendarTests {
  private func day(_ month: Int, _ day: Int, _ year: Int = 2025) -> CalendarDate {
    CalendarDate(year: year, month: month, day: day)!
  }

  /// March 2025: Nyepi on Saturday 29 March, cuti bersama on Friday 28 March, Idul Fitri on Monday
  /// 31 March and Tuesday 1 April.
  private var calendar: WorkingCalendar {
    WorkingCalendar(holidays: [day(3, 28), day(3, 29), day(3, 31), day(4, 1)])
  }

  @Test func weekendsAndHolidaysAreNotWorkingDays() {
    #expect(calendar.isWorkingDay(day(3, 27)))
    #expect(!calendar.isWorkingDay(day(3, 28)))
    #expect(!calendar.isWorkingDay(day(3, 30)))
    #expect(calendar.isWorkingDay(day(4, 2)))
  }

  @Test func completionOnTheDayOfReceiptIsZeroWorkingDays() {
    #expect(calendar.workingDays(from: day(3, 3), to: day(3, 3)) == 0)
  }

  @Test func nextWorkingDayIsOne() {
    #expect(calendar.workingDays(from: day(3, 3), to: day(3, 4)) == 1)
  }

  @Test func weekendIsNotCounted() {
    // Friday 7 March to Monday 10 March.
    #expect(calendar.workingDays(from: day(3, 7), to: day(3, 10)) == 1)
  }

  @Test func holidaysAreNotCounted() {
    // Thursday 27 March to Wednesday 2 April: 28, 31 March and 1 April are holidays.
    #expect(calendar.workingDays(from: day(3, 27), to: day(4, 2)) == 1)
  }

  @Test func requestReceivedOnASaturdayCountsFromMonday() {
    #expect(calendar.workingDays(from: day(3, 8), to: day(3, 10)) == 0)
    #expect(calendar.workingDays(from: day(3, 8), to: day(3, 11)) == 1)
  }

  @Test func completionBeforeReceiptGivesNil() {
    #expect(calendar.workingDays(from: day(3, 4), to: day(3, 3)) == nil)
  }

  @Test func countingMatchesDayByDayWalkOverTwoYears() {
    var generator = SeededGenerator(seed: 7)
    let holidays = (0..<30).map { _ in
      CalendarDate(dayNumber: day(1, 1).dayNumber + generator.uniform(below: 730))
    }
    let calendar = WorkingCalendar(holidays: holidays)
    for _ in 0..<300 {
      let start = CalendarDate(dayNumber: day(1, 1).dayNumber + generator.uniform(below: 700))
      let end = start.adding(days: generator.uniform(below: 40))
      var walked = 0
      var cursor = calendar.workingDay(onOrAfter: start)
      while cursor < end {
        cursor = cursor.adding(days: 1)
        if calendar.isWorkingDay(cursor), cursor <= end { walked += 1 }
      }
      #expect(calendar.workingDays(from: start, to: end) == walked, "\(start) \(end)")
    }
  }

  @Test func deadlineIsTheLastDayWithinTheStandard() {
    // Received Thursday 27 March, 3 working days: 2, 3, 4 April.
    let deadline = calendar.deadline(received: day(3, 27), workingDays: 3)
    #expect(deadline == day(4, 4))
    #expect(calendar.workingDays(from: day(3, 27), to: deadline) == 3)
  }

  @Test func workingDayTurnaroundUsesTheCalendar() throws {
    let standard = ServiceStandard(maximum: 3, unit: .workingDays)
    let received = LocalDateTime(date: day(3, 7), hour: 15, minute: 55)!
    let completed = LocalDateTime(date: day(3, 12), hour: 8, minute: 0)!
    let turnaround = try standard.turnaround(received: received, completed: completed, calendar: calendar)
    #expect(turnaround == 3)
    #expect(standard.isWithin(turnaround))
  }

  @Test func hourTurnaroundCountsBegunHours() throws {
    let standard = ServiceStandard(maximum: 1, unit: .calendarHours)
    let received = LocalDateTime(date: day(3, 3), hour: 8, minute: 0)!
    let sixty = LocalDateTime(date: day(3, 3), hour: 9, minute: 0)!
    let sixtyOne = LocalDateTime(date: day(3, 3), hour: 9, minute: 1)!
    #expect(try standard.turnaround(received: received, completed: sixty, calendar: calendar) == 1)
    #expect(try standard.turnaround(received: received, completed: sixtyOne, calendar: calendar) == 2)
    #expect(try standard.turnaround(received: received, completed: received, calendar: calendar) == 0)
  }

  @Test func hourTurnaroundRunsThroughNightsAndHolidays() throws {
    let standard = ServiceStandard(maximum: 24, unit: .calendarHours)
    let received = LocalDateTime(date: day(3, 27), hour: 10, minute: 0)!
    let completed = LocalDateTime(date: day(3, 28), hour: 10, minute: 0)!
    #expect(try standard.turnaround(received: received, completed: completed, calendar: calendar) == 24)
  }

  @Test func completionBeforeReceiptIsAnError() {
    let standard = ServiceStandard(maximum: 1, unit: .calendarHours)
    let received = LocalDateTime(date: day(3, 3), hour: 8, minute: 0)!
    let earlier = LocalDateTime(date: day(3, 3), hour: 7, minute: 59)!
    #expect(throws: TurnaroundError.completedBeforeReceived(received: received, completed: earlier)) {
      try standard.turnaround(received: received, completed: earlier, calendar: calendar)
    }
  }

  @Test func calendarRoundTripsThroughCodable() throws {
    let data = try JSONEncoder().encode(calendar)
    let decoded = try JSONDecoder().decode(WorkingCalendar.self, from: data)
    #expect(decoded == calendar)
    #expect(decoded.workingDays(from: day(3, 27), to: day(4, 2)) == 1)
  }
}
