import Foundation
import SimpegAPI
import SimpegKinerja
import SwiftProtobuf

/// The one clock of simpegd, read on the wall clock of Kota Salatiga: Western Indonesia Time
/// (WIB), UTC+7 all year, no daylight saving.
///
/// Instants travel as UTC timestamps; days, months, periods and working days are counted in WIB,
/// so 31 December 23:30 WIB is still the old year although UTC is then 16:30 of the same day, and
/// 1 January 00:30 WIB is the new year while UTC still says 31 December 17:30.
///
/// ``ServerCore`` holds the daemon's clock and every handler, the sample, sessions and the audit
/// trail read it through there: nothing in SimpegServer asks the system for the time. simpegd
/// reads the system's (``system``); tests pin it (``fixed(_:)`` or a source of their own), so
/// what they exercise does not depend on the day they run. The rules (SimpegKinerja) never read
/// a clock: they take the dates they judge as arguments.
public struct WIBClock: Sendable {
  private let source: @Sendable () -> Date

  /// A clock reading instants from `source`.
  public init(_ source: @escaping @Sendable () -> Date) {
    self.source = source
  }

  /// The system's clock.
  public static let system = WIBClock { Date() }

  /// A clock that always reads `instant`.
  public static func fixed(_ instant: Date) -> WIBClock {
    WIBClock { instant }
  }

  /// The present: one reading of the clock.
  public func now() -> Moment {
    Moment(source())
  }

  // MARK: WIB

  /// The offset of WIB from UTC, in seconds.
  public static let offsetSeconds: Int64 = 7 * 3600

  /// The WIB time (to the minute, seconds dropped) of an instant.
  public static func local(_ timestamp: Google_Protobuf_Timestamp) -> LocalDateTime {
    local(seconds: timestamp.seconds)
  }

  /// The WIB time (to the minute, seconds dropped) of `seconds` since 1970 UTC.
  static func local(seconds: Int64) -> LocalDateTime {
    let shifted = seconds + offsetSeconds
    let minutes = Int(shifted >= 0 ? shifted / 60 : (shifted - 59) / 60)
    let day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
    let minuteOfDay = minutes - day * 1440
    return LocalDateTime(
      date: CalendarDate(dayNumber: day), hour: minuteOfDay / 60, minute: minuteOfDay % 60)!
  }

  /// The instant of a WIB time.
  public static func timestamp(_ time: LocalDateTime) -> Google_Protobuf_Timestamp {
    Google_Protobuf_Timestamp(seconds: Int64(time.minutesSinceEpoch) * 60 - offsetSeconds, nanos: 0)
  }

  /// The instant of `minute` minutes after midnight WIB of `date`.
  public static func timestamp(_ date: CalendarDate, minute: Int) -> Google_Protobuf_Timestamp {
    Google_Protobuf_Timestamp(seconds: Int64(date.dayNumber * 86_400 + minute * 60) - offsetSeconds, nanos: 0)
  }

  /// The month key (`yyyymm`) of a date.
  static func monthKey(_ date: CalendarDate) -> UInt32 {
    UInt32(date.year * 100 + date.month)
  }

  /// The date key (`yyyymmdd`) of a date.
  static func dateKey(_ date: CalendarDate) -> UInt32 {
    UInt32(date.year * 10_000 + date.month * 100 + date.day)
  }

  /// The date of a date key, or nil when it is not a real date.
  static func date(fromKey key: UInt32) -> CalendarDate? {
    CalendarDate(year: Int(key / 10_000), month: Int(key / 100 % 100), day: Int(key % 100))
  }
}

/// One reading of the ``WIBClock``: an instant with the WIB day it falls on.
///
/// A call reads the clock once and judges everything by that reading (whether a date lies in the
/// future, whether a period has begun) and stamps its records and its audit record with it, so a
/// call in flight across midnight is of one day throughout.
public struct Moment: Sendable, Hashable, CustomStringConvertible {
  /// The instant.
  public let instant: Date

  /// The reading of `instant`.
  public init(_ instant: Date) {
    self.instant = instant
  }

  /// The instant as a timestamp.
  public var timestamp: Google_Protobuf_Timestamp { Google_Protobuf_Timestamp(date: instant) }

  /// The WIB time, to the minute.
  public var local: LocalDateTime {
    WIBClock.local(seconds: Int64(instant.timeIntervalSince1970.rounded(.down)))
  }

  /// The WIB date: today in Salatiga.
  public var today: CalendarDate { local.date }

  /// `2027-12-31 23:59 WIB`.
  public var description: String { "\(local) WIB" }
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
