import Foundation
import SimpegAPI
import SimpegKinerja

/// The wall clock of Kota Salatiga: Western Indonesia Time (WIB), UTC+7 all year, no daylight
/// saving. Instants travel as UTC timestamps; days, months and working days are counted on this
/// clock.
enum WallClock {
  /// The offset of WIB from UTC.
  static let offsetSeconds: Int64 = 7 * 3600

  /// The local time (to the minute, seconds dropped) of an instant.
  static func local(_ timestamp: Google_Protobuf_Timestamp) -> LocalDateTime {
    let seconds = timestamp.seconds + offsetSeconds
    let minutes = Int(seconds >= 0 ? seconds / 60 : (seconds - 59) / 60)
    let day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
    let minuteOfDay = minutes - day * 1440
    return LocalDateTime(
      date: CalendarDate(dayNumber: day), hour: minuteOfDay / 60, minute: minuteOfDay % 60)!
  }

  /// The instant of a local time.
  static func timestamp(_ time: LocalDateTime) -> Google_Protobuf_Timestamp {
    Google_Protobuf_Timestamp(seconds: Int64(time.minutesSinceEpoch) * 60 - offsetSeconds, nanos: 0)
  }

  /// The month key (`yyyymm`) of a local date.
  static func monthKey(_ date: CalendarDate) -> UInt32 {
    UInt32(date.year * 100 + date.month)
  }

  /// The date key (`yyyymmdd`) of a local date.
  static func dateKey(_ date: CalendarDate) -> UInt32 {
    UInt32(date.year * 10_000 + date.month * 100 + date.day)
  }

  /// The date of a date key, or nil when it is not a real date.
  static func date(fromKey key: UInt32) -> CalendarDate? {
    CalendarDate(year: Int(key / 10_000), month: Int(key / 100 % 100), day: Int(key % 100))
  }
}

extension Google_Protobuf_Timestamp {
  /// The instants accepted for public-service events: 2000-01-01 to 2099-12-31 UTC, with valid nanos.
  static let plausibleSeconds: ClosedRange<Int64> = 946_684_800...4_102_444_799

  /// Whether this instant lies before `other`.
  func isBefore(_ other: Google_Protobuf_Timestamp) -> Bool {
    (seconds, nanos) < (other.seconds, other.nanos)
  }

  /// Whether this is a plausible time for an event of this century.
  var isPlausible: Bool {
    Self.plausibleSeconds.contains(seconds) && (0..<1_000_000_000).contains(nanos)
  }
}
