import Testing

@testable import SimpegKinerja

@Suite("Activity dates")
struct ActivityDateRuleTests {
  let today = CalendarDate(year: 2025, month: 6, day: 15)!

  @Test func dateInTheSKPYearUpToTodayIsAccepted() throws {
    try ActivityDateRule.check(CalendarDate(year: 2025, month: 1, day: 1)!, skpYear: 2025, today: today)
    try ActivityDateRule.check(today, skpYear: 2025, today: today)
  }

  @Test func tomorrowIsRejected() {
    let tomorrow = today.adding(days: 1)
    #expect(throws: ActivityDateError.inFuture(date: tomorrow, today: today)) {
      try ActivityDateRule.check(tomorrow, skpYear: 2025, today: today)
    }
  }

  @Test func dateOfThePreviousYearIsRejected() {
    let date = CalendarDate(year: 2024, month: 12, day: 31)!
    #expect(throws: ActivityDateError.outsideSKPYear(date: date, year: 2025)) {
      try ActivityDateRule.check(date, skpYear: 2025, today: today)
    }
  }

  @Test func pastYearsSKPAcceptsItsOwnDates() throws {
    try ActivityDateRule.check(CalendarDate(year: 2024, month: 12, day: 31)!, skpYear: 2024, today: today)
  }
}
