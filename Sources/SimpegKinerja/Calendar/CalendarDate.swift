/// A day of the proleptic Gregorian calendar, without a time or a time zone.
///
/// Dates in personnel records (birth dates, TMT, activity dates) are local calendar days in
/// Indonesia, so they need neither a time zone nor Foundation. `dayNumber` counts days from
/// 1970-01-01, which makes day arithmetic and weekdays exact integer operations.
public struct CalendarDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The year, e.g. 1986.
  public let year: Int
  /// The month, 1 (January) to 12 (December).
  public let month: Int
  /// The day of the month, 1 to 31.
  public let day: Int

  /// Creates the date, or returns nil when the three numbers are not a calendar date.
  ///
  /// Leap years follow the Gregorian rule: 2000 had a 29 February, 1900 did not.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Creates the date that lies `dayNumber` days after 1970-01-01 (negative: before).
  public init(dayNumber: Int) {
    // The inverse of `dayNumber`, after H. Hinnant's civil_from_days.
    let shifted = dayNumber + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    self.month = month
    self.day = day
  }

  /// Whether `year` has a 29 February.
  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// The number of days of `month` (1-12) in `year`; 0 for a month outside 1-12.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: return 31
    case 4, 6, 9, 11: return 30
    case 2: return isLeapYear(year) ? 29 : 28
    default: return 0
    }
  }

  /// Days since 1970-01-01; negative before it.
  public var dayNumber: Int {
    // H. Hinnant's days_from_civil: exact for every Gregorian date.
    let adjustedYear = month <= 2 ? year - 1 : year
    let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
    let yearOfEra = adjustedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The day of the week.
  public var weekday: Weekday {
    // 1970-01-01 was a Thursday.
    let index = ((dayNumber % 7) + 7 + 3) % 7  // 0 = Monday
    return Weekday(rawValue: index + 1)!
  }

  /// The date `days` days later (earlier when negative).
  public func adding(days: Int) -> CalendarDate {
    CalendarDate(dayNumber: dayNumber + days)
  }

  /// Completed years of age on `date` for someone born on this date.
  ///
  /// Someone born on 29 February completes a year on 1 March in years without 29 February.
  public func age(on date: CalendarDate) -> Int {
    let hadBirthday = (date.month, date.day) >= (month, day)
    return date.year - year - (hadBirthday ? 0 : 1)
  }

  /// The month this date lies in.
  public var yearMonth: YearMonth { YearMonth(year: year, month: month)! }

  /// ISO 8601 form, e.g. `1986-09-26`.
  public var description: String {
    "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
  }

  /// Orders dates chronologically.
  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
