/// Where a citizen's service request is in its life; the raw values are the schema's codes.
public enum ServiceRequestState: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Received at the counter or through the portal.
  case received = 1
  /// Given to an employee to handle.
  case assigned = 2
  /// The employee is working on it.
  case inProcess = 3
  /// Done: the document is ready. Final.
  case completed = 4
  /// Refused, with a reason. Final.
  case rejected = 5

  /// Whether nothing can happen to the request any more.
  public var isFinal: Bool { self == .completed || self == .rejected }

  /// `in process`.
  public var description: String {
    switch self {
    case .received: return "received"
    case .assigned: return "assigned"
    case .inProcess: return "in process"
    case .completed: return "completed"
    case .rejected: return "rejected"
    }
  }
}

/// What can be done to a service request.
public enum ServiceRequestAction: Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Give it to an employee (again, before work starts).
  case assign
  /// The assignee starts work.
  case start
  /// The assignee finishes it.
  case complete
  /// Refuse it, with a reason.
  case reject

  /// The state the action leads to.
  public var target: ServiceRequestState {
    switch self {
    case .assign: return .assigned
    case .start: return .inProcess
    case .complete: return .completed
    case .reject: return .rejected
    }
  }

  /// The states the action may start from.
  public var allowedFrom: [ServiceRequestState] {
    switch self {
    case .assign: return [.received, .assigned]
    case .start: return [.assigned]
    case .complete: return [.inProcess]
    case .reject: return [.received, .assigned, .inProcess]
    }
  }

  /// `complete`.
  public var description: String {
    switch self {
    case .assign: return "assign"
    case .start: return "start"
    case .complete: return "complete"
    case .reject: return "reject"
    }
  }
}

/// The order of a service request's life: received -> assigned -> in process -> completed, or
/// rejected from any state before completion. A request may be reassigned until work starts.
/// Completed and rejected are final.
public enum ServiceRequestLifecycle {
  /// The state after `action` on a request in `state`; throws when the step is out of order.
  public static func apply(_ action: ServiceRequestAction, to state: ServiceRequestState)
    throws(ServiceRequestTransitionError) -> ServiceRequestState
  {
    guard action.allowedFrom.contains(state) else {
      throw ServiceRequestTransitionError(action: action, state: state)
    }
    return action.target
  }
}

/// A step taken out of order, such as completing a rejected request.
public struct ServiceRequestTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was attempted.
  public let action: ServiceRequestAction
  /// The state the request was in.
  public let state: ServiceRequestState

  /// Creates the error.
  public init(action: ServiceRequestAction, state: ServiceRequestState) {
    self.action = action
    self.state = state
  }

  /// A message naming the rule, e.g. "a rejected request cannot be completed: ...".
  public var description: String {
    let allowed = action.allowedFrom.map(\.description).joined(separator: " or ")
    let rule =
      "the order is received -> assigned -> in process -> completed, or rejected before completion; "
      + "completed and rejected are final"
    return "a request that is \(state) cannot be \(Self.pastParticiple(action)): only a request that is "
      + "\(allowed) can (\(rule))"
  }

  private static func pastParticiple(_ action: ServiceRequestAction) -> String {
    switch action {
    case .assign: return "assigned"
    case .start: return "started"
    case .complete: return "completed"
    case .reject: return "rejected"
    }
  }
}
