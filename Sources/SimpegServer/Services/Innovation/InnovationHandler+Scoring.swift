import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// A judge scores every criterion of an innovation while the competition is being judged; the
/// rules check the scorecard (every criterion once, each in range) and that the judge is not
/// from the innovation's unit.
///
/// The unit rule compares perangkat daerah (``PerangkatDaerah``): a judge may not score an
/// innovation whose authors work in the judge's own agency, whether in the same unit, in a unit
/// below it or in the unit above it (a Bidang's judge and its Dinas's innovation, a Kecamatan's
/// judge and a Kelurahan's innovation). It is checked with the judge's unit when they score; a
/// judge from outside the city government (an account without an employee) has no unit.
extension InnovationHandler {
  func scoreInnovation(request: Simpeg_V1_ScoreInnovationRequest, context: ServerContext) async throws
    -> Simpeg_V1_Scorecard
  {
    let principal = try context.principal()
    var scores: [UInt64: Int] = [:]
    for score in request.scores {
      guard scores.updateValue(Int(score.score), forKey: UInt64(score.criterionID)) == nil else {
        throw RPCError(.invalidArgument, "criterion \(score.criterionID) is scored more than once")
      }
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { [scores] mutation in
      let competition = try Self.competition(request.competitionID, in: mutation.transaction)
      try Self.requireUnpublished(competition, "score an innovation")
      guard competition.state == .judging else {
        throw RPCError(
          .failedPrecondition,
          "competition \(competition.id) is still open for submissions; judging has not started")
      }
      guard
        let judge = competition.judges.first(where: {
          ($0.employeeID != 0 && $0.employeeID == principal.employeeID)
            || ($0.accountID != 0 && $0.accountID == principal.accountID)
        })
      else {
        throw RPCError(
          .permissionDenied, "only the judges of competition \(competition.id) score its innovations")
      }
      return try Simpeg_V1_Scorecard(
        CompetitionCommands.score(
          request.innovationID, of: competition, by: judge, scores: scores, at: mutation.moment.timestamp,
          in: mutation))
    }
  }

  /// The perangkat daerah a judge works in now; nil for a judge from outside.
  static func perangkatDaerah(of judge: Simpeg_V1_CompetitionJudge, in transaction: ReadTransaction) throws
    -> UInt64?
  {
    guard judge.employeeID != 0, let employee = try Tables.employees.get(judge.employeeID, in: transaction),
      employee.unitID != 0
    else { return nil }
    return try PerangkatDaerah.of(employee.unitID, in: transaction)
  }
}
