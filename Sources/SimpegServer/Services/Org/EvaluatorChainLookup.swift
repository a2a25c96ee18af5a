import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// The evaluator chain of a position from the store: the position and those above it become
/// SimpegKinerja's ``PositionOccupancy`` records and ``EvaluatorResolver`` decides. Elected
/// officials (`Position.official_holder`) count as holders; closed positions as vacant. A holder
/// away on the day asked is shown with the Plh who stands in for them and acts in their place.
enum EvaluatorChainLookup {
  /// Who sits in a position, as the resolver compares people.
  enum Occupant: Hashable, Sendable {
    /// An employee, by id.
    case employee(UInt64)
    /// An elected official, by name.
    case official(String)
  }

  /// The chain of `positionID` on `day`: the pejabat penilai, the atasan and every step on the
  /// way up, each holder with their Plh of the day.
  static func chain(for positionID: UInt64, on day: CalendarDate, in transaction: ReadTransaction) throws
    -> Simpeg_V1_GetEvaluatorChainResponse
  {
    let start = try OrgLookup.position(positionID, field: "position_id", in: transaction)
    var records: [UInt64: Simpeg_Internal_V1_PositionRecord] = [positionID: start]
    var current = start
    // Load upwards until the top, a missing supervisor or a repeat: the resolver reports the
    // last two as broken data.
    while current.supervisorPositionID != 0, records[current.supervisorPositionID] == nil,
      records.count <= Authorizer.maximumDepth,
      let above = try Tables.positions.get(current.supervisorPositionID, in: transaction)
    {
      records[above.id] = above
      current = above
    }
    let chain: EvaluatorChain<UInt64, Occupant>
    do {
      let resolver = try EvaluatorResolver(records.values.map(occupancy))
      chain = try resolver.chain(for: positionID)
    } catch {
      throw RPCError(
        .failedPrecondition,
        "the supervising positions above position \(positionID) are broken: \(error); repair the organisation"
      )
    }
    var response = Simpeg_V1_GetEvaluatorChainResponse()
    if let found = chain.penilai.evaluator {
      response.evaluator = step(found, records: records)
    }
    if let found = chain.atasanPenilai?.evaluator {
      response.atasan = step(found, records: records)
    }
    response.steps = (chain.penilai.steps + (chain.atasanPenilai?.steps ?? [])).map {
      step($0, records: records)
    }
    if response.hasEvaluator { try withPlh(&response.evaluator, on: day, in: transaction) }
    if response.hasAtasan { try withPlh(&response.atasan, on: day, in: transaction) }
    for index in response.steps.indices {
      try withPlh(&response.steps[index], on: day, in: transaction)
    }
    return response
  }

  /// Adds to a holder's step the Plh standing in for them on `day`.
  private static func withPlh(
    _ step: inout Simpeg_V1_EvaluatorStep, on day: CalendarDate, in transaction: ReadTransaction
  ) throws {
    guard step.basis == .holder, step.employeeID != 0,
      let plh = try PlhRecords.standing(in: step.positionID, on: day, in: transaction)
    else { return }
    step.plh = try PlhRecords.named(plh, in: transaction)
  }

  private static func occupancy(_ position: Simpeg_Internal_V1_PositionRecord) -> PositionOccupancy<
    UInt64, Occupant
  > {
    var holder: Occupant?
    var plt: Occupant?
    if !position.closed {
      if position.holderEmployeeID != 0 {
        holder = .employee(position.holderEmployeeID)
      } else if !position.officialHolder.isEmpty {
        holder = .official(position.officialHolder)
      }
      plt = position.actingEmployeeID == 0 ? nil : .employee(position.actingEmployeeID)
    }
    let supervisor = position.supervisorPositionID
    return PositionOccupancy(
      id: position.id, supervisor: supervisor == 0 ? nil : supervisor, holder: holder, plt: plt)
  }

  private static func step(
    _ step: EvaluatorStep<UInt64, Occupant>, records: [UInt64: Simpeg_Internal_V1_PositionRecord]
  ) -> Simpeg_V1_EvaluatorStep {
    let basis: Simpeg_V1_EvaluatorBasis
    switch step.decision {
    case .holder: basis = .holder
    case .plt: basis = .acting
    case .vacantSkipped: basis = .vacantSkipped
    case .evaluatedPersonSkipped: basis = .selfSkipped
    }
    // Skipped steps name nobody (the proto's rule): only a chosen holder or Plt is named.
    let chosen = basis == .holder || basis == .acting
    return message(
      position: step.position, person: chosen ? step.person : nil, basis: basis, records: records)
  }

  private static func step(
    _ evaluator: Evaluator<UInt64, Occupant>, records: [UInt64: Simpeg_Internal_V1_PositionRecord]
  ) -> Simpeg_V1_EvaluatorStep {
    message(
      position: evaluator.position, person: evaluator.person, basis: evaluator.isPlt ? .acting : .holder,
      records: records)
  }

  private static func message(
    position: UInt64, person: Occupant?, basis: Simpeg_V1_EvaluatorBasis,
    records: [UInt64: Simpeg_Internal_V1_PositionRecord]
  ) -> Simpeg_V1_EvaluatorStep {
    var message = Simpeg_V1_EvaluatorStep()
    message.positionID = position
    message.positionTitle = records[position]?.title ?? ""
    message.basis = basis
    switch person {
    case .employee(let id): message.employeeID = id
    case .official(let name): message.officialHolder = name
    case nil: break
    }
    return message
  }
}
