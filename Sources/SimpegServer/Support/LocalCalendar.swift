import Foundation
import SimpegKinerja

/// Today's date where the city is: Kota Salatiga keeps Western Indonesian Time (WIB, UTC+7).
enum LocalCalendar {
  /// The time zone of personnel dates.
  static let timeZone = TimeZone(identifier: "Asia/Jakarta") ?? TimeZone(secondsFromGMT: 7 * 3600)!

  /// The calendar day of `instant` in WIB.
  static func today(at instant: Date = Date()) -> CalendarDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: instant)
    return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
  }
}
