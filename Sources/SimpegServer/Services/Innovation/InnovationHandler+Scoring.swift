import SimpegAPI
import SimpegKinerja
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
      let transaction = mutation.transaction
      let competition = try Self.competition(request.competitionID, in: transaction)
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
      guard let innovation = try Tables.innovations.get(request.innovationID, in: transaction),
        innovation.competitionID == competition.id
      else {
        throw RPCError(.notFound, "competition \(competition.id) has no innovation \(request.innovationID)")
      }
      let judgeUnit = try Self.perangkatDaerah(of: judge, in: transaction)
      var entrantUnits = Set<UInt64>()
      for unit in innovation.unitIds {
        if let agency = try PerangkatDaerah.of(unit, in: transaction) { entrantUnits.insert(agency) }
      }
      let judging = try Self.judging(of: competition)
      do throws(CompetitionError<UInt64>) {
        try judging.validate(
          Scorecard(judge: UInt64(judge.id), entry: innovation.id, scores: scores),
          judge: CompetitionJudge(id: UInt64(judge.id), unit: judgeUnit),
          entry: CompetitionEntry(
            id: innovation.id, units: entrantUnits, submittedAt: WIBClock.local(innovation.submittedAt)))
      } catch .judgeFromEntrantUnit(_, _, let unit) {
        let name = try Tables.units.get(unit, in: transaction)?.name ?? "unit \(unit)"
        throw RPCError(
          .permissionDenied,
          "judge \(judge.name) works in \(name), which submitted innovation \(innovation.id) ('\(innovation.title)'); "
            + "a judge cannot score an innovation from their own unit (perangkat daerah)")
      } catch {
        throw RPCError(.invalidArgument, "\(error.description) (rule: every criterion scored once, in range)")
      }
      var card = Simpeg_V1_Scorecard()
      card.competitionID = competition.id
      card.innovationID = innovation.id
      card.judgeID = judge.id
      card.scores = competition.criteria.map { criterion in
        var score = Simpeg_V1_CriterionScore()
        score.criterionID = criterion.id
        score.score = UInt32(scores[UInt64(criterion.id)] ?? 0)
        return score
      }
      card.scoredAt = mutation.moment.timestamp
      try Tables.scorecards.put(
        card, for: CompositeKey3(competition.id, innovation.id, judge.id), in: transaction)
      mutation.audit(targets: [
        "competition:\(competition.id)", "innovation:\(innovation.id)", "judge:\(judge.id)",
      ])
      return card
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
