/// The working days of government offices: Monday to Friday, except the public holidays and cuti
/// bersama given as data (they change every year by joint ministerial decree).
public struct WorkingCalendar: Sendable, Hashable, Codable {
  /// The non-working weekdays: public holidays and cuti bersama. Weekend dates in it change nothing.
  public let holidays: Set<CalendarDate>
  private let sortedHolidayDayNumbers: [Int]

  /// Creates a calendar with the given holidays.
  public init(holidays: some Sequence<CalendarDate> = []) {
    let set = Set(holidays)
    self.holidays = set
    self.sortedHolidayDayNumbers = set.filter { !$0.weekday.isWeekend }.map(\.dayNumber).sorted()
  }

  /// Whether offices are open on `date`.
  public func isWorkingDay(_ date: CalendarDate) -> Bool {
    !date.weekday.isWeekend && !holidays.contains(date)
  }

  /// The first working day on or after `date`.
  public func workingDay(onOrAfter date: CalendarDate) -> CalendarDate {
    var day = date
    while !isWorkingDay(day) { day = day.adding(days: 1) }
    return day
  }

  /// The working days from `received` to `completed`, counting as a service standard does.
  ///
  /// A request received on a non-working day counts as received on the next working day. Then the
  /// result is the number of working days after that day up to and including the completion day:
  /// completed the same working day is 0, the next working day 1. A completion on a non-working
  /// day counts as the last working day before it. Returns nil when `completed` is before
  /// `received`.
  public func workingDays(from received: CalendarDate, to completed: CalendarDate) -> Int? {
    guard completed >= received else { return nil }
    let start = workingDay(onOrAfter: received).dayNumber
    let end = completed.dayNumber
    guard end > start else { return 0 }
    return weekdays(from: start + 1, through: end) - holidaysOnWeekdays(from: start + 1, through: end)
  }

  /// The date `days` working days after `received` (counted as `workingDays(from:to:)` does):
  /// the last day a request may complete within a standard of `days` working days.
  public func deadline(received: CalendarDate, workingDays days: Int) -> CalendarDate {
    var day = workingDay(onOrAfter: received)
    var remaining = days
    while remaining > 0 {
      day = day.adding(days: 1)
      if isWorkingDay(day) { remaining -= 1 }
    }
    return day
  }

  /// Monday-Friday days with day numbers in `first...last`.
  private func weekdays(from first: Int, through last: Int) -> Int {
    guard last >= first else { return 0 }
    // Count weekdays in [0, n) with day 0 = 1970-01-01 (a Thursday); shift so index 0 is a Monday.
    func weekdaysBefore(_ dayNumber: Int) -> Int {
      let shifted = dayNumber + 3  // 1969-12-29 was a Monday
      let weeks = floorDivide(shifted, 7)
      let rest = shifted - weeks * 7
      return weeks * 5 + min(rest, 5)
    }
    return weekdaysBefore(last + 1) - weekdaysBefore(first)
  }

  private func holidaysOnWeekdays(from first: Int, through last: Int) -> Int {
    lowerBound(of: last + 1) - lowerBound(of: first)
  }

  /// The index of the first holiday day number not less than `value`.
  private func lowerBound(of value: Int) -> Int {
    var low = 0
    var high = sortedHolidayDayNumbers.count
    while low < high {
      let middle = (low + high) / 2
      if sortedHolidayDayNumbers[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }

  private enum CodingKeys: String, CodingKey {
    case holidays
  }

  /// Decodes the holidays and rebuilds the index.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(holidays: try container.decode([CalendarDate].self, forKey: .holidays))
  }

  /// Encodes the holidays in date order.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(holidays.sorted(), forKey: .holidays)
  }
}

func floorDivide(_ a: Int, _ b: Int) -> Int {
  let quotient = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
}
