import Testing

@testable import SimpegKinerja

@Suite("Calendar dates")
struct CalendarDateTests {
  @Test func epochIsDayZeroAndAThursday() {
    let epoch = CalendarDate(year: 1970, month: 1, day: 1)!
    #expect(epoch.dayNumber == 0)
    #expect(epoch.weekday == .thursday)
  }

  @Test func dayNumberRoundTripsOverFourCenturies() {
    let start = CalendarDate(year: 1900, month: 1, day: 1)!.dayNumber
    let end = CalendarDate(year: 2300, month: 12, day: 31)!.dayNumber
    var previous: CalendarDate?
    for number in start...end {
      let date = CalendarDate(dayNumber: number)
      #expect(date.dayNumber == number)
      if let previous { #expect(previous < date) }
      previous = date
    }
  }

  @Test func knownWeekdays() {
    #expect(CalendarDate(year: 1945, month: 8, day: 17)!.weekday == .friday)
    #expect(CalendarDate(year: 2025, month: 1, day: 1)!.weekday == .wednesday)
    #expect(CalendarDate(year: 2024, month: 2, day: 29)!.weekday == .thursday)
  }

  @Test func gregorianLeapYears() {
    #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
    #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
    #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
    #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
  }

  @Test func ageCountsCompletedYears() {
    let birth = CalendarDate(year: 1986, month: 9, day: 26)!
    #expect(birth.age(on: CalendarDate(year: 2004, month: 9, day: 25)!) == 17)
    #expect(birth.age(on: CalendarDate(year: 2004, month: 9, day: 26)!) == 18)
  }

  @Test func descriptionIsISO8601() {
    #expect(CalendarDate(year: 2015, month: 5, day: 1)!.description == "2015-05-01")
    #expect(YearMonth(year: 2015, month: 5)!.description == "2015-05")
  }
}
