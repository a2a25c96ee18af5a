/// The days a Plh (pelaksana harian) stands in for a position's holder: from `first` to `last`,
/// both included.
public struct PlhRange: Sendable, Hashable, CustomStringConvertible {
  /// The first day.
  public let first: CalendarDate
  /// The last day, included.
  public let last: CalendarDate

  /// A range; it may be empty (`last` before `first`), which ``PlhRule`` refuses.
  public init(first: CalendarDate, last: CalendarDate) {
    self.first = first
    self.last = last
  }

  /// Whether the Plh stands in on `day`.
  public func contains(_ day: CalendarDate) -> Bool { first <= day && day <= last }

  /// Whether the two ranges share a day.
  public func overlaps(_ other: PlhRange) -> Bool { first <= other.last && other.first <= last }

  /// `2025-06-02..2025-06-13`.
  public var description: String { "\(first)..\(last)" }
}

/// Why a Plh cannot be assigned or ended as asked.
public enum PlhError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The last day comes before the first.
  case emptyRange(PlhRange)
  /// The range ends before today: a stand-in is assigned for days to come or under way.
  case endsInThePast(PlhRange, today: CalendarDate)
  /// The position has no holder to stand in for: a vacancy takes a Plt.
  case vacantPosition
  /// The stand-in is the holder themselves.
  case standInIsTheHolder
  /// Another Plh of the same position stands in on some of the same days.
  case overlaps(PlhRange)
  /// Ending may only bring the last day forward.
  case extends(PlhRange, newLast: CalendarDate)
  /// Days already served stay: a Plh under way ends yesterday at the earliest.
  case rewritesThePast(PlhRange, newLast: CalendarDate, today: CalendarDate)

  /// What is wrong, for a person.
  public var description: String {
    switch self {
    case .emptyRange(let range):
      return "the last day \(range.last) comes before the first day \(range.first)"
    case .endsInThePast(let range, let today):
      return "the range \(range) ends before today, \(today); a Plh is assigned for days to come or under way"
    case .vacantPosition:
      return "the position is vacant: a Plh stands in for a holder who is away, a vacancy takes a Plt"
    case .standInIsTheHolder:
      return "the holder cannot stand in for themselves"
    case .overlaps(let other):
      return "another Plh of the position stands in from \(other.first) to \(other.last); one Plh at a time"
    case .extends(let range, let newLast):
      return
        "\(newLast) is after the last day \(range.last); a Plh is ended early, not extended: assign another"
    case .rewritesThePast(let range, let newLast, let today):
      return
        "the Plh \(range) is under way on \(today); it can end on \(today.adding(days: -1)) at the earliest, "
        + "not \(newLast)"
    }
  }
}

/// The rules of a Plh (pelaksana harian) beside the Plt: a Plh stands in for the holder of a
/// position while the holder is away (leave, duty travel), for a dated range, and acts for them
/// on those days; a Plt fills a vacancy (SE Kepala BKN 1/2021 on Plh and Plt).
public enum PlhRule {
  /// Checks a new Plh: `standIn` for the position held by `holder` (nil when vacant) over
  /// `range`, beside the position's other Plh `others`, on `today`.
  public static func checkAssignment<Person: Equatable>(
    standIn: Person, holder: Person?, range: PlhRange, others: [PlhRange], today: CalendarDate
  ) throws(PlhError) {
    guard range.first <= range.last else { throw .emptyRange(range) }
    guard range.last >= today else { throw .endsInThePast(range, today: today) }
    guard let holder else { throw .vacantPosition }
    guard holder != standIn else { throw .standInIsTheHolder }
    if let other = others.first(where: { $0.overlaps(range) }) { throw .overlaps(other) }
  }

  /// The range after ending `range` on `newLast`, on `today`; nil when the Plh had not begun and
  /// ends before its first day (it is cancelled).
  public static func end(
    _ range: PlhRange, on newLast: CalendarDate, today: CalendarDate
  ) throws(PlhError) -> PlhRange? {
    guard newLast <= range.last else { throw .extends(range, newLast: newLast) }
    if range.first > today {
      return newLast < range.first ? nil : PlhRange(first: range.first, last: newLast)
    }
    guard newLast >= today.adding(days: -1) else {
      throw .rewritesThePast(range, newLast: newLast, today: today)
    }
    return newLast < range.first ? nil : PlhRange(first: range.first, last: newLast)
  }
}
