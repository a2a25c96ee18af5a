/// A calendar month of a year, such as the TMT CPNS month `2015-05` in a NIP.
public struct YearMonth: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The year.
  public let year: Int
  /// The month, 1 to 12.
  public let month: Int

  /// Creates the month, or returns nil when `month` is not 1-12.
  public init?(year: Int, month: Int) {
    guard (1...12).contains(month) else { return nil }
    self.year = year
    self.month = month
  }

  /// The first day of the month: the TMT (terhitung mulai tanggal) of an appointment in that month.
  public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }

  /// `YYYY-MM`.
  public var description: String { "\(CalendarDate.pad(year, 4))-\(CalendarDate.pad(month, 2))" }

  /// Orders months chronologically.
  public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
    (lhs.year, lhs.month) < (rhs.year, rhs.month)
  }
}
