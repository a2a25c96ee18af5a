/// A local wall-clock time in Indonesia (no daylight saving), to the minute.
public struct LocalDateTime: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The date.
  public let date: CalendarDate
  /// Minutes since midnight, 0-1439.
  public let minuteOfDay: Int

  /// Creates the time, or nil when `hour` or `minute` is out of range.
  public init?(date: CalendarDate, hour: Int, minute: Int) {
    guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
    self.date = date
    self.minuteOfDay = hour * 60 + minute
  }

  /// Minutes since 1970-01-01 00:00 on the same wall clock.
  public var minutesSinceEpoch: Int { date.dayNumber * 1440 + minuteOfDay }

  /// `2025-03-04 08:30`.
  public var description: String {
    "\(date) \(CalendarDate.pad(minuteOfDay / 60, 2)):\(CalendarDate.pad(minuteOfDay % 60, 2))"
  }

  /// Orders chronologically.
  public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
    lhs.minutesSinceEpoch < rhs.minutesSinceEpoch
  }
}
