import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// The write path of an innovation competition, stage by stage: set up (open for submissions),
/// innovations submitted, judging started, scorecards, results published. InnovationService's
/// calls and the sample go through here; who may act (ADMIN, an author, a judge) is the caller's
/// to check first, the stages and the judging rules are checked here.
enum CompetitionCommands {
  /// Stores `competition` (its fields checked with ``InnovationHandler/categories(_:)``,
  /// ``InnovationHandler/criteria(_:scoreRange:)`` and ``InnovationHandler/judges(_:keeping:in:)``)
  /// open for submissions; names it for the audit record.
  static func create(
    _ competition: Simpeg_Internal_V1_CompetitionRecord, at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_CompetitionRecord {
    var competition = competition
    competition.id = try Tables.nextID("competition", in: mutation.transaction)
    competition.state = .open
    competition.createdAt = time
    try Tables.competitions.insert(competition, for: competition.id, in: mutation.transaction)
    mutation.audit(targets: ["competition:\(competition.id)"])
    return competition
  }

  /// Enters an innovation by `authors` (active employees) in a category of the open
  /// `competition`, submitted by `submitter` at `time`; its units are the authors' units.
  static func submit(
    to competition: Simpeg_Internal_V1_CompetitionRecord, category: UInt32, title: String,
    description: String,
    evidence: [Simpeg_V1_InnovationEvidence], authors: [UInt64], by submitter: String,
    at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_InnovationRecord {
    let transaction = mutation.transaction
    try InnovationHandler.requireUnpublished(competition, "submit an innovation")
    guard competition.state == .open else {
      throw RPCError(
        .failedPrecondition, "competition \(competition.id) closed its submissions when judging started")
    }
    guard competition.categories.contains(where: { $0.id == category }) else {
      throw RPCError(.invalidArgument, "competition \(competition.id) has no category \(category)")
    }
    var units: Set<UInt64> = []
    for author in authors {
      guard let employee = try Tables.employees.get(author, in: transaction), employee.active else {
        throw RPCError(.notFound, "no active employee with id \(author) to be an author")
      }
      if employee.unitID != 0 { units.insert(employee.unitID) }
    }
    var innovation = Simpeg_Internal_V1_InnovationRecord()
    innovation.id = try Tables.nextID("innovation", in: transaction)
    innovation.competitionID = competition.id
    innovation.categoryID = category
    innovation.title = title
    innovation.description_p = description
    innovation.evidence = evidence
    innovation.authorEmployeeIds = authors
    innovation.unitIds = units.sorted()
    innovation.submittedAt = time
    innovation.submittedBy = submitter
    try Tables.innovations.insert(innovation, for: innovation.id, in: transaction)
    mutation.audit(targets: ["competition:\(competition.id)", "innovation:\(innovation.id)"])
    return innovation
  }

  /// Closes the submissions of the open `competition` and starts its judging at `time`.
  static func startJudging(
    _ competition: Simpeg_Internal_V1_CompetitionRecord, at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_CompetitionRecord {
    try InnovationHandler.requireUnpublished(competition, "start judging")
    guard competition.state == .open else {
      throw RPCError(.failedPrecondition, "competition \(competition.id) is already being judged")
    }
    var competition = competition
    competition.state = .judging
    competition.judgingStartedAt = time
    try Tables.competitions.put(competition, for: competition.id, in: mutation.transaction)
    mutation.audit(targets: ["competition:\(competition.id)"])
    return competition
  }

  /// Stores `judge`'s scorecard of innovation `innovationID` of the `competition` being judged:
  /// every criterion scored once, in range, and the judge not from the innovation's perangkat
  /// daerah (as the judge's unit is now).
  static func score(
    _ innovationID: UInt64, of competition: Simpeg_Internal_V1_CompetitionRecord,
    by judge: Simpeg_V1_CompetitionJudge,
    scores: [UInt64: Int], at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_ScorecardRecord {
    let transaction = mutation.transaction
    try InnovationHandler.requireUnpublished(competition, "score an innovation")
    guard competition.state == .judging else {
      throw RPCError(
        .failedPrecondition,
        "competition \(competition.id) is still open for submissions; judging has not started")
    }
    guard let innovation = try Tables.innovations.get(innovationID, in: transaction),
      innovation.competitionID == competition.id
    else {
      throw RPCError(.notFound, "competition \(competition.id) has no innovation \(innovationID)")
    }
    let judgeUnit = try InnovationHandler.perangkatDaerah(of: judge, in: transaction)
    var entrantUnits = Set<UInt64>()
    for unit in innovation.unitIds {
      if let agency = try PerangkatDaerah.of(unit, in: transaction) { entrantUnits.insert(agency) }
    }
    let judging = try InnovationHandler.judging(of: competition)
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
    var card = Simpeg_Internal_V1_ScorecardRecord()
    card.competitionID = competition.id
    card.innovationID = innovation.id
    card.judgeID = judge.id
    card.scores = competition.criteria.map { criterion in
      var score = Simpeg_V1_CriterionScore()
      score.criterionID = criterion.id
      score.score = UInt32(scores[UInt64(criterion.id)] ?? 0)
      return score
    }
    card.scoredAt = time
    try Tables.scorecards.put(
      card, for: CompositeKey3(competition.id, innovation.id, judge.id), in: transaction)
    mutation.audit(
      targets: ["competition:\(competition.id)", "innovation:\(innovation.id)", "judge:\(judge.id)"])
    return card
  }

  /// Ranks the `competition` being judged from its scorecards and publishes the results at
  /// `time`; from then on the competition changes no more.
  static func publish(
    _ competition: Simpeg_Internal_V1_CompetitionRecord, at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_CompetitionResultsRecord {
    let transaction = mutation.transaction
    try InnovationHandler.requireUnpublished(competition, "publish the results again")
    guard competition.state == .judging else {
      throw RPCError(
        .failedPrecondition,
        "competition \(competition.id) is still open for submissions; judging has not started")
    }
    var results = try InnovationHandler.rank(competition, in: transaction)
    guard results.categories.contains(where: { !$0.ranked.isEmpty }) else {
      throw RPCError(
        .failedPrecondition, "no judge has scored an innovation of competition \(competition.id) yet")
    }
    var competition = competition
    competition.state = .published
    competition.publishedAt = time
    results.published = true
    results.publishedAt = time
    try Tables.competitions.put(competition, for: competition.id, in: transaction)
    try Tables.competitionResults.insert(results, for: competition.id, in: transaction)
    mutation.audit(targets: ["competition:\(competition.id)", "published"])
    return results
  }
}
