import Foundation
import NIOConcurrencyHelpers
import SimpegKinerja

@testable import SimpegServer

/// The day the server tests run on, whatever the calendar says: `SIMPEG_TEST_TODAY`
/// (`yyyy-mm-dd`) when set, else 1 July 2026; at 10:00 WIB. Every ``TestDaemon`` reads this
/// clock unless a test gives its own, and the test support (``KinerjaCity/year``,
/// ``Activities/today``, ``Evaluations/quarter``) takes its dates from it, so the suite exercises
/// the same things on 31 December as on 1 July. Run it on another day with, e.g.,
/// `SIMPEG_TEST_TODAY=2027-12-31 swift test --skip-build --filter SimpegServerTests`.
enum TestToday {
  /// The environment variable that pins the day.
  static let variable = "SIMPEG_TEST_TODAY"
  /// The day when the variable is not set.
  static let defaultDate = CalendarDate(year: 2026, month: 7, day: 1)!

  /// The day the tests run on.
  static let date: CalendarDate = {
    guard let text = ProcessInfo.processInfo.environment[variable], !text.isEmpty else { return defaultDate }
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, let date = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else {
      fatalError("\(variable)=\(text) is not a date yyyy-mm-dd")
    }
    return date
  }()

  /// 10:00 WIB on ``date``.
  static var instant: Date { TestClock.instant(date, hour: 10) }

  /// A clock standing still at ``instant``.
  static var clock: WIBClock { .fixed(instant) }

  /// The year of ``date``.
  static var year: Int32 { Int32(date.year) }
}

/// A clock a test sets and moves, and that tells when the server read it.
final class TestClock: Sendable {
  private struct State {
    var now: Date
    var readings = 0
    var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
  }

  private let state: NIOLockedValueBox<State>

  /// A clock standing at `instant` (10:00 WIB of the test day by default).
  init(_ instant: Date = TestToday.instant) {
    state = NIOLockedValueBox(State(now: instant))
  }

  /// A clock standing at `hour:minute:second` WIB of `date`.
  convenience init(_ date: CalendarDate, hour: Int, minute: Int = 0, second: Int = 0) {
    self.init(Self.instant(date, hour: hour, minute: minute, second: second))
  }

  /// The instant of `hour:minute:second` WIB on `date`.
  static func instant(_ date: CalendarDate, hour: Int, minute: Int = 0, second: Int = 0) -> Date {
    let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - 7 * 3600
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  /// The clock to give the daemon.
  var wib: WIBClock {
    WIBClock { [self] in self.read() }
  }

  /// The time now, without counting as a reading.
  var now: Date { state.withLockedValue { $0.now } }

  /// How often the server has read the clock.
  var readings: Int { state.withLockedValue { $0.readings } }

  /// Sets the time.
  func set(_ instant: Date) {
    state.withLockedValue { $0.now = instant }
  }

  /// Sets the time to `hour:minute:second` WIB of `date`.
  func set(_ date: CalendarDate, hour: Int, minute: Int = 0, second: Int = 0) {
    set(Self.instant(date, hour: hour, minute: minute, second: second))
  }

  /// Moves the time on by `seconds`.
  func advance(by seconds: TimeInterval) {
    state.withLockedValue { $0.now = $0.now.addingTimeInterval(seconds) }
  }

  /// Returns once the server has read the clock `count` times in all.
  func waitForReadings(_ count: Int) async {
    await withCheckedContinuation { continuation in
      let ready = state.withLockedValue { state -> Bool in
        if state.readings >= count { return true }
        state.waiters.append((count, continuation))
        return false
      }
      if ready { continuation.resume() }
    }
  }

  private func read() -> Date {
    let (now, ready) = state.withLockedValue { state -> (Date, [CheckedContinuation<Void, Never>]) in
      state.readings += 1
      let ready = state.waiters.filter { $0.count <= state.readings }.map(\.continuation)
      state.waiters.removeAll { $0.count <= state.readings }
      return (state.now, ready)
    }
    for continuation in ready { continuation.resume() }
    return now
  }
}
