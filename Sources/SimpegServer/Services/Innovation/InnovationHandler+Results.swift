import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// The ranking of a competition, per category, by the rules' `CompetitionJudging`: the mean over
/// its judges of each innovation's weighted sum, equal scores sharing a rank, strict positions by
/// the heaviest criterion, then the earlier submission (to the minute, WIB), then the smaller id.
/// Publishing stores the results; from then on the competition changes no more.
extension InnovationHandler {
  func getResults(request: Simpeg_V1_GetResultsRequest, context: ServerContext) async throws
    -> Simpeg_V1_CompetitionResults
  {
    let principal = try context.principal()
    return try store.read { transaction in
      let competition = try Self.competition(request.competitionID, in: transaction)
      if competition.state == .published {
        guard let results = try Tables.competitionResults.get(competition.id, in: transaction) else {
          throw RPCError(.dataLoss, "competition \(competition.id) is published but its results are missing")
        }
        return Simpeg_V1_CompetitionResults(results)
      }
      guard principal.isAdmin || principal.isAuditor else {
        throw RPCError(
          .permissionDenied,
          "the results of competition \(competition.id) are not published yet; only ADMIN and AUDITOR see the "
            + "provisional ranking")
      }
      return try Simpeg_V1_CompetitionResults(Self.rank(competition, in: transaction))
    }
  }

  func publishResults(request: Simpeg_V1_PublishResultsRequest, context: ServerContext) async throws
    -> Simpeg_V1_CompetitionResults
  {
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let competition = try Self.competition(request.competitionID, in: mutation.transaction)
      return try Simpeg_V1_CompetitionResults(
        CompetitionCommands.publish(competition, at: mutation.moment.timestamp, in: mutation))
    }
  }

  /// The ranking of every category from the scorecards stored now.
  static func rank(_ competition: Simpeg_Internal_V1_CompetitionRecord, in transaction: ReadTransaction)
    throws
    -> Simpeg_Internal_V1_CompetitionResultsRecord
  {
    let judging = try judging(of: competition)
    let innovations = try innovations(of: competition.id, category: 0, in: transaction)
    let byID = Dictionary(uniqueKeysWithValues: innovations.map { ($0.id, $0) })
    let cards = try Tables.scorecards.scan(in: transaction, range: .prefix(KeyPrefix(competition.id)))
    // The unit rule was checked when each judge scored, with their unit then.
    let judges = competition.judges.map { CompetitionJudge<UInt64>(id: UInt64($0.id), unit: nil) }
    let criterionNames = Dictionary(
      uniqueKeysWithValues: competition.criteria.map { (UInt64($0.id), $0.name) })
    var results = Simpeg_Internal_V1_CompetitionResultsRecord()
    results.competitionID = competition.id
    for category in competition.categories {
      let members = innovations.filter { $0.categoryID == category.id }
      let memberIDs = Set(members.map(\.id))
      let entries = members.map {
        CompetitionEntry(id: $0.id, units: Set($0.unitIds), submittedAt: WIBClock.local($0.submittedAt))
      }
      let scorecards = cards.filter { memberIDs.contains($0.key.second) }.map { row in
        Scorecard(
          judge: UInt64(row.key.third), entry: row.key.second,
          scores: Dictionary(
            uniqueKeysWithValues: row.value.scores.map { (UInt64($0.criterionID), Int($0.score)) }))
      }
      let ranking: CompetitionRanking<UInt64>
      do {
        ranking = try judging.rank(entries: entries, judges: judges, scorecards: scorecards)
      } catch {
        throw RPCError(.dataLoss, "the scorecards of competition \(competition.id) do not rank: \(error)")
      }
      var section = Simpeg_V1_CategoryResults()
      section.category = category
      section.ranked = ranking.ranked.map { ranked in
        rankedInnovation(ranked, innovation: byID[ranked.entry], criterionNames: criterionNames)
      }
      section.unscoredInnovationIds = ranking.unscored
      results.categories.append(section)
    }
    return results
  }

  private static func rankedInnovation(
    _ ranked: RankedEntry<UInt64>, innovation: Simpeg_Internal_V1_InnovationRecord?,
    criterionNames: [UInt64: String]
  ) -> Simpeg_V1_RankedInnovation {
    var result = Simpeg_V1_RankedInnovation()
    result.innovationID = ranked.entry
    result.title = innovation?.title ?? ""
    result.rank = UInt32(ranked.rank)
    result.position = UInt32(ranked.position)
    result.scoreHundredths = UInt32(clamping: ranked.scoreHundredths)
    result.judgeCount = UInt32(ranked.judgeCount)
    result.authorEmployeeIds = innovation?.authorEmployeeIds ?? []
    result.unitIds = innovation?.unitIds ?? []
    switch ranked.tieBrokenBy {
    case .criterion(let criterion):
      result.tieBrokenBy = .criterion
      result.tieCriterionID = UInt32(criterion)
      result.tieExplanation = "higher mean score on criterion \(criterionNames[criterion] ?? "\(criterion)")"
    case .earlierSubmission:
      result.tieBrokenBy = .earlierSubmission
      result.tieExplanation = TieBreak<UInt64>.earlierSubmission.description
    case .entryID:
      result.tieBrokenBy = .innovationID
      result.tieExplanation = "smaller innovation id"
    case .score, nil:
      result.tieBrokenBy = .unspecified
    }
    return result
  }
}
