/// Finds the pejabat penilai kinerja and the atasan pejabat penilai over a position tree.
///
/// The rule (DOMAIN.md, "Who evaluates whom"): the evaluator of a position is the holder of its
/// supervising position; with no holder, that position's Plt; with neither, the search passes to
/// the next position up. A position held (or acted in) by the very person being evaluated is
/// passed over too, since nobody evaluates themselves. The atasan pejabat penilai is found by the
/// same rule starting from the position through which the evaluator evaluates. The top position
/// (the Wali Kota) has no evaluator in the system.
///
/// Broken data is reported, never looped on: a supervising position missing from the tree, or a
/// cycle of supervising positions, is a typed error.
public struct EvaluatorResolver<PositionID: Hashable & Sendable, PersonID: Hashable & Sendable>: Sendable {
  private let positions: [PositionID: PositionOccupancy<PositionID, PersonID>]

  /// Indexes the positions; throws when two records share an id.
  public init(_ positions: some Sequence<PositionOccupancy<PositionID, PersonID>>)
    throws(EvaluatorChainError<PositionID>)
  {
    var index: [PositionID: PositionOccupancy<PositionID, PersonID>] = [:]
    for position in positions {
      guard index.updateValue(position, forKey: position.id) == nil else {
        throw .duplicatePosition(position.id)
      }
    }
    self.positions = index
  }

  /// The occupancy record of a position, if it is in the tree.
  public func occupancy(of position: PositionID) -> PositionOccupancy<PositionID, PersonID>? {
    positions[position]
  }

  /// Finds the evaluator of `position`, passing over any position held by a person in `excluded`.
  public func evaluator(
    of position: PositionID, excluding excluded: Set<PersonID> = []
  ) throws(EvaluatorChainError<PositionID>) -> EvaluatorResolution<PositionID, PersonID> {
    guard let start = positions[position] else { throw .unknownPosition(position) }
    var steps: [EvaluatorStep<PositionID, PersonID>] = []
    var path = [position]
    var visited: Set<PositionID> = [position]
    var current = start
    while let supervisorID = current.supervisor {
      guard let supervisor = positions[supervisorID] else {
        throw .unknownSupervisor(position: current.id, supervisor: supervisorID)
      }
      path.append(supervisorID)
      guard visited.insert(supervisorID).inserted else { throw .cycle(path: path) }
      if let holder = supervisor.holder {
        if !excluded.contains(holder) {
          steps.append(EvaluatorStep(position: supervisorID, decision: .holder, person: holder))
          let found = Evaluator(position: supervisorID, person: holder, isPlt: false)
          return EvaluatorResolution(position: position, steps: steps, evaluator: found)
        }
        steps.append(EvaluatorStep(position: supervisorID, decision: .evaluatedPersonSkipped, person: holder))
      } else if let plt = supervisor.plt {
        if !excluded.contains(plt) {
          steps.append(EvaluatorStep(position: supervisorID, decision: .plt, person: plt))
          let found = Evaluator(position: supervisorID, person: plt, isPlt: true)
          return EvaluatorResolution(position: position, steps: steps, evaluator: found)
        }
        steps.append(EvaluatorStep(position: supervisorID, decision: .evaluatedPersonSkipped, person: plt))
      } else {
        steps.append(EvaluatorStep(position: supervisorID, decision: .vacantSkipped, person: nil))
      }
      current = supervisor
    }
    return EvaluatorResolution(position: position, steps: steps, evaluator: nil)
  }

  /// The pejabat penilai and the atasan pejabat penilai of `position`.
  ///
  /// The person evaluated is the position's holder, else its Plt; both the evaluated person and
  /// the penilai are passed over when looking for the atasan.
  public func chain(for position: PositionID) throws(EvaluatorChainError<PositionID>) -> EvaluatorChain<
    PositionID, PersonID
  > {
    guard let occupancy = positions[position] else { throw .unknownPosition(position) }
    let evaluated = occupancy.holder ?? occupancy.plt
    let excluded: Set<PersonID> = evaluated.map { [$0] } ?? []
    let penilai = try evaluator(of: position, excluding: excluded)
    var atasan: EvaluatorResolution<PositionID, PersonID>?
    if let found = penilai.evaluator {
      atasan = try evaluator(of: found.position, excluding: excluded.union([found.person]))
    }
    return EvaluatorChain(position: position, evaluated: evaluated, penilai: penilai, atasanPenilai: atasan)
  }

  /// Every evaluator from `position` up to the top: the penilai, the penilai's penilai, and so on.
  ///
  /// The last element is the evaluator with no evaluator of their own (normally the Wali Kota).
  public func evaluatorsToTop(
    from position: PositionID
  ) throws(EvaluatorChainError<PositionID>) -> [Evaluator<PositionID, PersonID>] {
    guard let occupancy = positions[position] else { throw .unknownPosition(position) }
    var result: [Evaluator<PositionID, PersonID>] = []
    var path = [position]
    var seen: Set<PositionID> = [position]
    var current = position
    var excluded: Set<PersonID> = (occupancy.holder ?? occupancy.plt).map { [$0] } ?? []
    while let found = try evaluator(of: current, excluding: excluded).evaluator {
      path.append(found.position)
      guard seen.insert(found.position).inserted else { throw .cycle(path: path) }
      result.append(found)
      excluded = [found.person]
      current = found.position
    }
    return result
  }
}
