/// The approval workflow of an SKP: draft -> submitted -> approved, or returned (with a note)
/// -> edited -> submitted again. An approved SKP is frozen; changing it needs a reason and
/// creates a new draft version, and the earlier version stays approved (and in force) until the
/// new one is approved, which supersedes it. History is never rewritten.
public enum SKPWorkflow {
  /// Applies `action` by `actor` to `version`, or throws the rule it breaks.
  public static func apply(
    _ action: SKPAction, to version: SKPVersion, by actor: SKPActor
  ) throws(SKPWorkflowError) -> SKPTransition {
    let kind = action.kind
    guard version.status != .superseded else { throw .superseded(version: version.number) }
    guard actor == kind.actor else { throw .wrongActor(action: kind, required: kind.actor) }
    guard kind.allowedFrom.contains(version.status) else {
      switch (kind, version.status) {
      case (.edit, .approved), (.submit, .approved): throw .frozen
      case (.edit, .submitted), (.submit, .submitted): throw .awaitingEvaluator
      default: throw .notAllowed(action: kind, from: version.status)
      }
    }
    var next = version
    switch action {
    case .edit:
      return SKPTransition(version: next, isNewVersion: false, supersedes: nil)
    case .submit:
      next.status = .submitted
      return SKPTransition(version: next, isNewVersion: false, supersedes: nil)
    case .approve:
      next.status = .approved
      let superseded = version.number > 1 ? version.number - 1 : nil
      return SKPTransition(version: next, isNewVersion: false, supersedes: superseded)
    case .returnForRevision(let note):
      guard !isBlank(note) else { throw .returnNoteRequired }
      next.status = .returned
      next.returnNote = note
      return SKPTransition(version: next, isNewVersion: false, supersedes: nil)
    case .revise(let reason):
      guard !isBlank(reason) else { throw .revisionReasonRequired }
      let draft = SKPVersion(number: version.number + 1, status: .draft, revisionReason: reason)
      return SKPTransition(version: draft, isNewVersion: true, supersedes: nil)
    }
  }

  /// The actions `actor` may take on a version in `status`.
  public static func allowedActions(in status: SKPStatus, for actor: SKPActor) -> [SKPActionKind] {
    guard status != .superseded else { return [] }
    return SKPActionKind.allCases.filter { $0.actor == actor && $0.allowedFrom.contains(status) }
  }

  private static func isBlank(_ text: String) -> Bool {
    text.allSatisfy(\.isWhitespace)
  }
}

/// The result of an allowed workflow action.
public struct SKPTransition: Sendable, Hashable, Codable {
  /// The version after the action: the same version in its new status, or the new draft version.
  public let version: SKPVersion
  /// Whether `version` is a new version (a revision) to store beside the unchanged approved one.
  public let isNewVersion: Bool
  /// The number of the earlier version that this approval supersedes (to mark `superseded`).
  public let supersedes: Int?

  /// Creates a transition result.
  public init(version: SKPVersion, isNewVersion: Bool, supersedes: Int?) {
    self.version = version
    self.isNewVersion = isNewVersion
    self.supersedes = supersedes
  }
}

/// The workflow rule an action breaks.
public enum SKPWorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The action belongs to the other party (the owner plans, the evaluator approves).
  case wrongActor(action: SKPActionKind, required: SKPActor)
  /// An approved SKP cannot be edited or resubmitted; it must be revised with a reason.
  case frozen
  /// A submitted SKP cannot be edited or resubmitted until the evaluator approves or returns it.
  case awaitingEvaluator
  /// A superseded version is history and takes no action.
  case superseded(version: Int)
  /// The action is not allowed from the status.
  case notAllowed(action: SKPActionKind, from: SKPStatus)
  /// Returning an SKP needs a note saying what to change.
  case returnNoteRequired
  /// Revising an approved SKP needs a reason.
  case revisionReasonRequired

  /// A message naming the rule.
  public var description: String {
    switch self {
    case .wrongActor(let action, let required):
      return "only \(required) may \(action) an SKP"
    case .frozen:
      return "an approved SKP is frozen; revise it with a reason to create a new version"
    case .awaitingEvaluator:
      return "a submitted SKP cannot change until the evaluator approves or returns it"
    case .superseded(let version):
      return "version \(version) of the SKP has been superseded and is kept as history only"
    case .notAllowed(let action, let status):
      let from = action.allowedFrom.sorted { $0.rawValue < $1.rawValue }.map(\.description)
      return "cannot \(action) an SKP that is \(status); allowed only when \(from.joined(separator: " or "))"
    case .returnNoteRequired:
      return "returning an SKP needs a note saying what to change"
    case .revisionReasonRequired:
      return "revising an approved SKP needs a reason"
    }
  }
}
