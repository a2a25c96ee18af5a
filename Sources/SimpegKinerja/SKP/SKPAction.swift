/// Something the owner or the evaluator does to an SKP version.
public enum SKPAction: Sendable, Hashable, Codable {
  /// Change the contents (RHK, IKI, targets, expectations); the owner, in draft or returned.
  case edit
  /// Send to the evaluator; the owner, from draft or returned.
  case submit
  /// Approve; the evaluator, from submitted. Approving a later version supersedes the earlier.
  case approve
  /// Send back with a note saying what to change; the evaluator, from submitted.
  case returnForRevision(note: String)
  /// Start a new version of an approved SKP, with the reason for the change; the owner.
  case revise(reason: String)

  /// The action without its text.
  public var kind: SKPActionKind {
    switch self {
    case .edit: return .edit
    case .submit: return .submit
    case .approve: return .approve
    case .returnForRevision: return .returnForRevision
    case .revise: return .revise
    }
  }
}

/// The kinds of `SKPAction`, for listing what is allowed.
public enum SKPActionKind: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Edit the contents.
  case edit = 1
  /// Submit for approval.
  case submit = 2
  /// Approve.
  case approve = 3
  /// Return with a note.
  case returnForRevision = 4
  /// Revise an approved SKP into a new version.
  case revise = 5

  /// Who may take the action.
  public var actor: SKPActor {
    switch self {
    case .edit, .submit, .revise: return .owner
    case .approve, .returnForRevision: return .evaluator
    }
  }

  /// The statuses the action may start from.
  public var allowedFrom: Set<SKPStatus> {
    switch self {
    case .edit, .submit: return [.draft, .returned]
    case .approve, .returnForRevision: return [.submitted]
    case .revise: return [.approved]
    }
  }

  /// `edit`, `submit`, `approve`, `return`, `revise`.
  public var description: String {
    switch self {
    case .edit: return "edit"
    case .submit: return "submit"
    case .approve: return "approve"
    case .returnForRevision: return "return"
    case .revise: return "revise"
    }
  }
}
