/// Where a keberatan stands.
public enum KeberatanState: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Filed by the employee, awaiting the hearing.
  case filed = 1
  /// The atasan PPK heard the PPK and the employee.
  case heard = 2
  /// Decided: the ratings stand.
  case upheld = 3
  /// Decided: the ratings were changed.
  case changed = 4

  /// Whether the keberatan is decided (and so final).
  public var isDecided: Bool { self == .upheld || self == .changed }

  /// `filed`, `heard`, `upheld`, `changed`.
  public var description: String {
    switch self {
    case .filed: return "filed"
    case .heard: return "heard"
    case .upheld: return "upheld"
    case .changed: return "changed"
    }
  }
}

/// Why a keberatan cannot move as asked.
public enum KeberatanError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The decision comes after hearing the PPK and the employee.
  case notHeard
  /// The keberatan is decided; the decision is final.
  case decided(KeberatanState)
  /// The window closed before the keberatan was filed.
  case windowClosed(millisecondsLate: Int64)

  /// What is wrong, for a person.
  public var description: String {
    switch self {
    case .notHeard:
      return "the atasan PPK decides after hearing the PPK and the employee: record the hearing first"
    case .decided(let state):
      return "the keberatan was decided (\(state)); the decision is final"
    case .windowClosed(let late):
      let days = late / 86_400_000
      return days >= 1
        ? "the window for a keberatan closed \(days) day(s) ago"
        : "the window for a keberatan has closed"
    }
  }
}

/// The life of a keberatan (PP 30/2019 art. 59; PermenPANRB 6/2022): the employee files it with
/// reasons within the window after receiving the result; the atasan of the PPK hears the PPK and
/// the employee (again, if need be, until deciding), then upholds or changes the ratings, and
/// that decision is final.
public enum KeberatanWorkflow {
  /// Whether a keberatan filed at `now` on a result received at `received` is within a window of
  /// `window`, all in milliseconds: up to and including `received + window`.
  public static func checkWindow(received: Int64, now: Int64, window: Int64) throws(KeberatanError) {
    let late = now - (received + window)
    guard late <= 0 else { throw .windowClosed(millisecondsLate: late) }
  }

  /// The state after recording a hearing in `state`.
  public static func hear(_ state: KeberatanState) throws(KeberatanError) -> KeberatanState {
    guard !state.isDecided else { throw .decided(state) }
    return .heard
  }

  /// The state after deciding in `state`: upheld, or changed when the ratings differ.
  public static func decide(_ state: KeberatanState, changesRatings: Bool) throws(KeberatanError)
    -> KeberatanState
  {
    guard !state.isDecided else { throw .decided(state) }
    guard state == .heard else { throw .notHeard }
    return changesRatings ? .changed : .upheld
  }
}
