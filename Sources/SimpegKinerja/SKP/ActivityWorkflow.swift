/// Where an activity stands.
public enum ActivityState: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Logged (or resubmitted), awaiting review.
  case pending = 1
  /// Approved: counts toward realisation.
  case approved = 2
  /// Rejected with a note.
  case rejected = 3
  /// Withdrawn by the employee before review.
  case withdrawn = 4

  /// `pending`, `approved`, `rejected`, `withdrawn`.
  public var description: String {
    switch self {
    case .pending: return "pending"
    case .approved: return "approved"
    case .rejected: return "rejected"
    case .withdrawn: return "withdrawn"
    }
  }
}

/// What may be done to an activity.
public enum ActivityAction: Sendable, Hashable {
  /// The employee changes it before review.
  case edit
  /// The employee withdraws it before review.
  case withdraw
  /// The employee corrects a rejected one and submits it again.
  case resubmit
  /// The evaluator approves or rejects it.
  case review(approve: Bool)
}

/// Why an activity cannot change as asked.
public enum ActivityWorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
  /// It was reviewed: a review is final; only a rejected one is corrected and resubmitted.
  case reviewed(ActivityState)
  /// Only a rejected activity is resubmitted.
  case notRejected(ActivityState)
  /// It was withdrawn and changes no more.
  case withdrawn

  /// What is wrong, for a person.
  public var description: String {
    switch self {
    case .reviewed(let state):
      return state == .rejected
        ? "the activity was rejected; correct it and resubmit it instead"
        : "the activity was \(state) already; a review is final"
    case .notRejected(let state):
      return "the activity is \(state); only a rejected activity is corrected and resubmitted"
    case .withdrawn:
      return "the activity was withdrawn and changes no more; log a new one"
    }
  }
}

/// The life of an activity: logged as pending; the employee may edit or withdraw it until it is
/// reviewed; the evaluator approves or rejects it, finally; a rejected one may be corrected and
/// resubmitted (pending again). Every change is a new revision; earlier ones are kept.
public enum ActivityWorkflow {
  /// The state after `action` in `state`, or why it is refused.
  public static func apply(_ action: ActivityAction, to state: ActivityState) throws(ActivityWorkflowError)
    -> ActivityState
  {
    if state == .withdrawn { throw .withdrawn }
    switch action {
    case .edit:
      guard state == .pending else { throw .reviewed(state) }
      return .pending
    case .withdraw:
      guard state == .pending else { throw .reviewed(state) }
      return .withdrawn
    case .resubmit:
      guard state == .rejected else { throw .notRejected(state) }
      return .pending
    case .review(let approve):
      guard state == .pending else { throw .reviewed(state) }
      return approve ? .approved : .rejected
    }
  }
}
