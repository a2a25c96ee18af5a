import Foundation
import SimpegKinerja

/// Local dates of Kota Salatiga: Western Indonesian Time (WIB, UTC+7, no daylight saving).
enum PerformanceCalendar {
  /// Seconds east of UTC.
  static let offsetSeconds = 7 * 3600

  /// Today in Salatiga.
  static func today(now: Date = Date()) -> CalendarDate {
    let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + offsetSeconds
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    return CalendarDate(dayNumber: days)
  }
}
