/// Where one version of an SKP stands in its approval workflow; stable codes 1-5.
public enum SKPStatus: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Being written by its owner.
  case draft = 1
  /// Submitted to the evaluator, awaiting approval or return.
  case submitted = 2
  /// Approved by the evaluator: frozen.
  case approved = 3
  /// Returned by the evaluator with a note, to be edited and submitted again.
  case returned = 4
  /// An approved version replaced by the approval of a later version: history only.
  case superseded = 5

  /// `draft`, `submitted`, `approved`, `returned`, `superseded`.
  public var description: String {
    switch self {
    case .draft: return "draft"
    case .submitted: return "submitted"
    case .approved: return "approved"
    case .returned: return "returned"
    case .superseded: return "superseded"
    }
  }
}

/// Who acts on an SKP.
public enum SKPActor: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// The employee whose SKP it is.
  case owner = 1
  /// The pejabat penilai kinerja, who approves or returns it.
  case evaluator = 2

  /// `the owner` or `the evaluator`.
  public var description: String {
    switch self {
    case .owner: return "the owner"
    case .evaluator: return "the evaluator"
    }
  }
}

/// One version of an SKP as the workflow sees it.
public struct SKPVersion: Sendable, Hashable, Codable {
  /// The version number, 1 for the first plan.
  public var number: Int
  /// The version's status.
  public var status: SKPStatus
  /// Why this version revises the previous approved one; nil for version 1.
  public var revisionReason: String?
  /// The evaluator's note from the last return; nil if never returned.
  public var returnNote: String?

  /// Creates a version record.
  public init(number: Int, status: SKPStatus, revisionReason: String? = nil, returnNote: String? = nil) {
    self.number = number
    self.status = status
    self.revisionReason = revisionReason
    self.returnNote = returnNote
  }

  /// A new SKP: version 1, draft.
  public static let initial = SKPVersion(number: 1, status: .draft)
}
