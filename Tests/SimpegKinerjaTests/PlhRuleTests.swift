import Testing

@testable import SimpegKinerja

private func day(_ month: Int, _ day: Int) -> CalendarDate {
  CalendarDate(year: 2026, month: month, day: day)!
}
private let today = day(6, 10)

@Suite("Plh: a stand-in for a holder who is away")
struct PlhRuleTests {
  @Test func aPlhForAHeldPositionOverDaysToComeIsAccepted() throws {
    try PlhRule.checkAssignment(
      standIn: "budi", holder: "siti", range: PlhRange(first: day(6, 10), last: day(6, 20)),
      others: [PlhRange(first: day(5, 1), last: day(6, 9))], today: today)
  }

  @Test func aVacantPositionTakesAPltNotAPlh() {
    #expect(throws: PlhError.vacantPosition) {
      try PlhRule.checkAssignment(
        standIn: "budi", holder: nil, range: PlhRange(first: day(6, 10), last: day(6, 11)), others: [],
        today: today)
    }
  }

  @Test func theHolderCannotStandInForThemselves() {
    #expect(throws: PlhError.standInIsTheHolder) {
      try PlhRule.checkAssignment(
        standIn: "siti", holder: "siti", range: PlhRange(first: day(6, 10), last: day(6, 11)), others: [],
        today: today)
    }
  }

  @Test func rangesSharingOneDayOverlap() {
    let other = PlhRange(first: day(6, 1), last: day(6, 12))
    #expect(throws: PlhError.overlaps(other)) {
      try PlhRule.checkAssignment(
        standIn: "budi", holder: "siti", range: PlhRange(first: day(6, 12), last: day(6, 14)),
        others: [other],
        today: today)
    }
  }

  @Test func anEmptyRangeAndOneEndedYesterdayAreRefused() {
    let empty = PlhRange(first: day(6, 12), last: day(6, 11))
    #expect(throws: PlhError.emptyRange(empty)) {
      try PlhRule.checkAssignment(standIn: "budi", holder: "siti", range: empty, others: [], today: today)
    }
    let past = PlhRange(first: day(6, 1), last: day(6, 9))
    #expect(throws: PlhError.endsInThePast(past, today: today)) {
      try PlhRule.checkAssignment(standIn: "budi", holder: "siti", range: past, others: [], today: today)
    }
  }

  @Test func endingAPlhUnderWayKeepsTheDaysServed() throws {
    let range = PlhRange(first: day(6, 5), last: day(6, 20))
    #expect(
      try PlhRule.end(range, on: day(6, 9), today: today) == PlhRange(first: day(6, 5), last: day(6, 9)))
    #expect(throws: PlhError.rewritesThePast(range, newLast: day(6, 8), today: today)) {
      _ = try PlhRule.end(range, on: day(6, 8), today: today)
    }
    #expect(throws: PlhError.extends(range, newLast: day(6, 21))) {
      _ = try PlhRule.end(range, on: day(6, 21), today: today)
    }
  }

  @Test func endingAPlhBeforeItBeginsCancelsIt() throws {
    let range = PlhRange(first: day(6, 15), last: day(6, 20))
    #expect(try PlhRule.end(range, on: day(6, 14), today: today) == nil)
    #expect(
      try PlhRule.end(range, on: day(6, 16), today: today) == PlhRange(first: day(6, 15), last: day(6, 16)))
  }
}
