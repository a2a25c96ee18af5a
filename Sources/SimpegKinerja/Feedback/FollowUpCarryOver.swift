/// What a performance dialogue does to the open follow-ups of the unit's earlier dialogues: the
/// ones marked met close; every other open one, whether looked at or not, carries over to this
/// dialogue and stays open until a later dialogue marks it met.
public enum FollowUpCarryOver {
  /// Splits the `open` follow-ups by the dialogue's `resolutions` (follow-up id and whether it
  /// was met). Each resolution must name an open follow-up, once.
  public static func apply<ID: Hashable & Sendable>(
    open: [ID], resolutions: [(id: ID, met: Bool)]
  ) throws(FollowUpCarryOverError<ID>) -> FollowUpOutcome<ID> {
    let openSet = Set(open)
    var decided: [ID: Bool] = [:]
    for resolution in resolutions {
      guard openSet.contains(resolution.id) else { throw .notOpen(resolution.id) }
      guard decided.updateValue(resolution.met, forKey: resolution.id) == nil else {
        throw .resolvedTwice(resolution.id)
      }
    }
    var closed: [ID] = []
    var carried: [ID] = []
    for id in open {
      if decided[id] == true {
        closed.append(id)
      } else {
        carried.append(id)
      }
    }
    return FollowUpOutcome(closed: closed, carried: carried)
  }
}

/// The open follow-ups after a dialogue, in the order given.
public struct FollowUpOutcome<ID: Hashable & Sendable>: Sendable, Hashable {
  /// Marked met at this dialogue.
  public let closed: [ID]
  /// Still open: carried over to this dialogue.
  public let carried: [ID]

  /// Creates an outcome.
  public init(closed: [ID], carried: [ID]) {
    self.closed = closed
    self.carried = carried
  }
}

/// Why a dialogue's resolutions cannot be applied.
public enum FollowUpCarryOverError<ID: Hashable & Sendable>: Error, Sendable, Hashable,
  CustomStringConvertible
{
  /// The resolution names a follow-up that is not open in the unit (unknown, or met already).
  case notOpen(ID)
  /// Two resolutions name the same follow-up.
  case resolvedTwice(ID)

  /// A message naming the rule.
  public var description: String {
    switch self {
    case .notOpen(let id):
      return "follow-up \(id) is not an open follow-up of this unit's earlier dialogues"
    case .resolvedTwice(let id):
      return "follow-up \(id) is resolved twice in one dialogue"
    }
  }
}
