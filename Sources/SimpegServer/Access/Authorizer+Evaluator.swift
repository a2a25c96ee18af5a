import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Who acts as the pejabat penilai kinerja (PPK): approving or returning an SKP, rating, and
/// reviewing activities belong to the PPK of the record's position, or to whoever holds the PPK's
/// position on the day as Plt (a vacancy) or Plh (the holder away). A supervisor higher up does
/// not act in the PPK's place, and nobody acts on their own record. Where the PPK is an elected
/// official, or the record's owner is the top (no PPK), BKPSDM (ADMIN) enters the decision.
extension Authorizer {
  /// The rule every refusal of ``requireEvaluator(_:of:owner:action:on:in:)`` names.
  static let evaluatorRule =
    "PP 30/2019 and PermenPANRB 6/2022: only the pejabat penilai kinerja (PPK), or the Plt or Plh of "
    + "the PPK's position on the day, approves an SKP, rates and reviews; a supervisor higher up does not "
    + "act in the PPK's place"

  /// Who acts for the PPK of a record of the position `positionID` on `day`: the PPK's position
  /// as the evaluator chain finds it, with its holder, Plt and Plh of the day; nil at the top.
  static func evaluatorActors(
    of positionID: UInt64, on day: CalendarDate, in transaction: ReadTransaction
  ) throws -> PositionActors? {
    guard positionID != 0 else { return nil }
    let chain = try EvaluatorLookup.chain(for: positionID, in: transaction)
    guard let penilai = chain.penilai.evaluator,
      let position = try Tables.positions.get(penilai.position, in: transaction)
    else { return nil }
    return try PositionActors.of(position, on: day, in: transaction)
  }

  /// Refuses unless `principal` acts as the PPK, on `day`, of the record of `owner` (0 for an
  /// elected official) made for the position `positionID`; `action` says what is done ("rates").
  static func requireEvaluator(
    _ principal: Principal, of positionID: UInt64, owner: UInt64, action: String, on day: CalendarDate,
    in transaction: ReadTransaction
  ) throws {
    if owner != 0, owner == principal.employeeID, !principal.isService {
      throw Refusals.error(
        .permissionDenied, .ownRecord, "nobody \(action) on their own record", rule: evaluatorRule)
    }
    guard let actors = try evaluatorActors(of: positionID, on: day, in: transaction), !actors.isEmpty else {
      guard principal.isAdmin else {
        throw Refusals.error(
          .permissionDenied, .notTheEvaluator,
          "this record has no PPK in the organisation (the top, or every post above vacant); BKPSDM enters "
            + "the decision", rule: evaluatorRule, mayAct: [BKPSDM.person()])
      }
      return
    }
    guard actors.admits(principal) else {
      throw Refusals.error(
        .permissionDenied, .notTheEvaluator,
        "you are not the PPK of this record on \(day), nor the Plt or Plh of "
          + "\(RecordNaming.position(actors.position))", rule: evaluatorRule,
        mayAct: try actors.people(in: transaction))
    }
  }

  /// The refusal for a record that does not exist, the same as for one the caller may not act
  /// on, so it leaks nothing.
  static func notTheEvaluator() -> RPCError {
    Refusals.error(
      .permissionDenied, .notTheEvaluator, "you are not the PPK of this record", rule: evaluatorRule)
  }
}
