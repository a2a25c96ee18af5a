/// One supervising position looked at while finding an evaluator, and what was decided there.
public struct EvaluatorStep<PositionID: Hashable & Sendable, PersonID: Hashable & Sendable>: Sendable,
  Hashable
{
  /// The supervising position looked at.
  public let position: PositionID
  /// What was decided at that position.
  public let decision: EvaluatorDecision
  /// The person chosen or passed over; nil for a vacant position.
  public let person: PersonID?

  /// Creates a step.
  public init(position: PositionID, decision: EvaluatorDecision, person: PersonID?) {
    self.position = position
    self.decision = decision
    self.person = person
  }
}

/// Why a supervising position did or did not give the evaluator.
public enum EvaluatorDecision: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// The definitive holder of the position is the evaluator.
  case holder = 1
  /// The position has no holder; its Plt is the evaluator.
  case plt = 2
  /// The position has neither holder nor Plt; the search goes one position up.
  case vacantSkipped = 3
  /// The person in the position is the one being evaluated (e.g. a sekretaris who is Plt of their
  /// own kepala dinas); nobody evaluates themselves, so the search goes one position up.
  case evaluatedPersonSkipped = 4

  /// A phrase for a reader, e.g. `vacant, passed to the next position up`.
  public var description: String {
    switch self {
    case .holder: return "the holder evaluates"
    case .plt: return "no holder; the Plt evaluates"
    case .vacantSkipped: return "vacant, passed to the next position up"
    case .evaluatedPersonSkipped: return "held by the person evaluated, passed to the next position up"
    }
  }
}

/// The person found to evaluate, with the position through which they evaluate.
public struct Evaluator<PositionID: Hashable & Sendable, PersonID: Hashable & Sendable>: Sendable, Hashable {
  /// The position whose holder or Plt evaluates.
  public let position: PositionID
  /// The evaluating person.
  public let person: PersonID
  /// Whether the person evaluates as holder or as Plt.
  public let isPlt: Bool

  /// Creates an evaluator.
  public init(position: PositionID, person: PersonID, isPlt: Bool) {
    self.position = position
    self.person = person
    self.isPlt = isPlt
  }
}

/// The outcome of finding the evaluator of one position: the steps taken and who was found.
public struct EvaluatorResolution<PositionID: Hashable & Sendable, PersonID: Hashable & Sendable>: Sendable,
  Hashable
{
  /// The position whose evaluator was looked for.
  public let position: PositionID
  /// Each supervising position looked at, from the nearest up, with the decision taken there.
  public let steps: [EvaluatorStep<PositionID, PersonID>]
  /// The evaluator; nil when the search ran past the top of the tree (the top position itself,
  /// or every position above vacant).
  public let evaluator: Evaluator<PositionID, PersonID>?

  /// Creates a resolution.
  public init(
    position: PositionID, steps: [EvaluatorStep<PositionID, PersonID>],
    evaluator: Evaluator<PositionID, PersonID>?
  ) {
    self.position = position
    self.steps = steps
    self.evaluator = evaluator
  }
}

/// The evaluator (pejabat penilai kinerja) and the evaluator's evaluator (atasan pejabat penilai)
/// of one position.
public struct EvaluatorChain<PositionID: Hashable & Sendable, PersonID: Hashable & Sendable>: Sendable,
  Hashable
{
  /// The position evaluated.
  public let position: PositionID
  /// The person evaluated: the holder, else the Plt; nil for a vacant position.
  public let evaluated: PersonID?
  /// How the pejabat penilai was found.
  public let penilai: EvaluatorResolution<PositionID, PersonID>
  /// How the atasan pejabat penilai was found from the penilai's position; nil when there is no
  /// penilai.
  public let atasanPenilai: EvaluatorResolution<PositionID, PersonID>?

  /// Creates a chain.
  public init(
    position: PositionID, evaluated: PersonID?, penilai: EvaluatorResolution<PositionID, PersonID>,
    atasanPenilai: EvaluatorResolution<PositionID, PersonID>?
  ) {
    self.position = position
    self.evaluated = evaluated
    self.penilai = penilai
    self.atasanPenilai = atasanPenilai
  }
}
