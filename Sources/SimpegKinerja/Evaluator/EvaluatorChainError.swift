/// Why the evaluator of a position cannot be determined from the position tree.
public enum EvaluatorChainError<PositionID: Hashable & Sendable>: Error, Sendable, Hashable,
  CustomStringConvertible
{
  /// Two records describe the same position.
  case duplicatePosition(PositionID)
  /// The position asked about is not in the tree.
  case unknownPosition(PositionID)
  /// A position names a supervising position that is not in the tree.
  case unknownSupervisor(position: PositionID, supervisor: PositionID)
  /// Following supervising positions comes back to a position already passed: the tree is broken.
  /// `path` lists the positions from the start up to and including the repeated one.
  case cycle(path: [PositionID])

  /// A message for an operator who must repair the organisation data.
  public var description: String {
    switch self {
    case .duplicatePosition(let id):
      return "position \(id) appears more than once in the organisation"
    case .unknownPosition(let id):
      return "position \(id) is not in the organisation"
    case .unknownSupervisor(let position, let supervisor):
      return "position \(position) names supervising position \(supervisor), which is not in the organisation"
    case .cycle(let path):
      return "the supervising positions form a cycle: \(path.map { "\($0)" }.joined(separator: " -> "))"
    }
  }
}
