/// How a service's turnaround is measured: in working days or in calendar hours.
public enum TurnaroundUnit: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Working days of the `WorkingCalendar` (most standards: "3 hari kerja").
  case workingDays = 1
  /// Hours of the clock, begun hours counted whole (standards such as "1 jam" or "24 jam").
  case calendarHours = 2

  /// `working days` or `hours`.
  public var description: String {
    switch self {
    case .workingDays: return "working days"
    case .calendarHours: return "hours"
    }
  }
}

/// The jangka waktu penyelesaian of a service's Standar Pelayanan, and how turnaround is measured
/// against it.
public struct ServiceStandard: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The longest turnaround within the standard, in `unit`.
  public let maximum: Int
  /// The unit of `maximum` and of measured turnarounds.
  public let unit: TurnaroundUnit

  /// Creates a standard; `maximum` must be zero or more (0 working days: same day).
  public init(maximum: Int, unit: TurnaroundUnit) {
    precondition(maximum >= 0, "a completion standard cannot be negative")
    self.maximum = maximum
    self.unit = unit
  }

  /// The turnaround of one request in this standard's unit; throws when completed before received.
  ///
  /// Working days are counted by `WorkingCalendar.workingDays(from:to:)` over the two dates.
  /// Calendar hours are the elapsed minutes rounded up to whole hours: 61 minutes is 2 hours, so
  /// "within 1 hour" means at most 60 minutes.
  public func turnaround(
    received: LocalDateTime, completed: LocalDateTime, calendar: WorkingCalendar
  ) throws(TurnaroundError) -> Int {
    guard completed >= received else {
      throw .completedBeforeReceived(received: received, completed: completed)
    }
    switch unit {
    case .workingDays:
      return calendar.workingDays(from: received.date, to: completed.date)!
    case .calendarHours:
      return (completed.minutesSinceEpoch - received.minutesSinceEpoch + 59) / 60
    }
  }

  /// Whether a turnaround (in this standard's unit) is within the standard.
  public func isWithin(_ turnaround: Int) -> Bool { turnaround <= maximum }

  /// `3 working days`.
  public var description: String { "\(maximum) \(unit)" }
}

/// Why a turnaround cannot be measured.
public enum TurnaroundError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The completion time is before the reception time.
  case completedBeforeReceived(received: LocalDateTime, completed: LocalDateTime)

  /// A message naming the problem.
  public var description: String {
    switch self {
    case .completedBeforeReceived(let received, let completed):
      return "the request is completed at \(completed), before it was received at \(received)"
    }
  }
}
