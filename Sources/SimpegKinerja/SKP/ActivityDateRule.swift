/// The date rules of an activity (kegiatan) recorded against an SKP: it must fall within the
/// SKP's year and not after today.
public enum ActivityDateRule {
  /// Checks the activity date; `today` is the caller's current local date.
  public static func check(_ date: CalendarDate, skpYear: Int, today: CalendarDate) throws(ActivityDateError)
  {
    guard date.year == skpYear else { throw .outsideSKPYear(date: date, year: skpYear) }
    guard date <= today else { throw .inFuture(date: date, today: today) }
  }
}

/// Why an activity date is not accepted.
public enum ActivityDateError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The date is not in the SKP's year.
  case outsideSKPYear(date: CalendarDate, year: Int)
  /// The date is after today: activities are recorded as done, not planned.
  case inFuture(date: CalendarDate, today: CalendarDate)

  /// A message naming the rule.
  public var description: String {
    switch self {
    case .outsideSKPYear(let date, let year):
      return "the activity date \(date) is outside the SKP year \(year)"
    case .inFuture(let date, let today):
      return "the activity date \(date) is in the future (today is \(today)); record activities once done"
    }
  }
}
