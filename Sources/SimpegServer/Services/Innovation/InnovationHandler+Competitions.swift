import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Setting up a competition and moving it from open to judging. ADMIN runs competitions.
extension InnovationHandler {
  func createCompetition(request: Simpeg_V1_CreateCompetitionRequest, context: ServerContext)
    async throws -> Simpeg_V1_Competition
  {
    guard (2000...2099).contains(request.year) else {
      throw RPCError(.invalidArgument, "a competition's year must be 2000-2099")
    }
    var competition = Simpeg_Internal_V1_CompetitionRecord()
    competition.year = request.year
    competition.name = try Self.text(request.name, "name")
    competition.description_p = request.description_p
    competition.categories = try Self.categories(request.categories)
    (competition.scoreMin, competition.scoreMax) = try Self.scoreRange(request.scoreMin, request.scoreMax)
    competition.criteria = try Self.criteria(
      request.criteria, scoreRange: competition.scoreMin...competition.scoreMax)
    guard !request.judges.isEmpty else {
      throw RPCError(.invalidArgument, "a competition needs at least one judge")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { [competition] mutation in
      var competition = competition
      competition.judges = try Self.judges(request.judges, keeping: [], in: mutation.transaction)
      return try Simpeg_V1_Competition(
        CompetitionCommands.create(competition, at: mutation.moment.timestamp, in: mutation))
    }
  }

  func updateCompetition(request: Simpeg_V1_UpdateCompetitionRequest, context: ServerContext)
    async throws -> Simpeg_V1_Competition
  {
    let name = request.name.isEmpty ? nil : try Self.text(request.name, "name")
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      var competition = try Self.competition(request.competitionID, in: transaction)
      try Self.requireUnpublished(competition, "change the competition")
      if let name { competition.name = name }
      if !request.description_p.isEmpty { competition.description_p = request.description_p }
      if !request.judges.isEmpty {
        let judges = try Self.judges(request.judges, keeping: competition.judges, in: transaction)
        let kept = Set(judges.map(\.id))
        let scorecards = try Tables.scorecards.scan(
          in: transaction, range: .prefix(KeyPrefix(competition.id)))
        if let card = scorecards.first(where: { !kept.contains($0.key.third) }) {
          let judge = competition.judges.first { $0.id == card.key.third }
          throw RPCError(
            .failedPrecondition,
            "judge \(card.key.third) (\(judge?.name ?? "?")) has scored innovation \(card.key.second) and cannot "
              + "be removed")
        }
        competition.judges = judges
      }
      try Tables.competitions.put(competition, for: competition.id, in: transaction)
      mutation.audit(targets: ["competition:\(competition.id)"])
      return Simpeg_V1_Competition(competition)
    }
  }

  func getCompetition(request: Simpeg_V1_GetCompetitionRequest, context: ServerContext) async throws
    -> Simpeg_V1_Competition
  {
    try store.read { Simpeg_V1_Competition(try Self.competition(request.competitionID, in: $0)) }
  }

  func listCompetitions(request: Simpeg_V1_ListCompetitionsRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListCompetitionsResponse
  {
    try store.read { transaction in
      let page = try Paging.page(request.page) { limit, after in
        try Tables.competitions.page(in: transaction, limit: limit, after: after)
      } accept: {
        request.year == 0 || $0.year == request.year
      }
      var response = Simpeg_V1_ListCompetitionsResponse()
      response.competitions = page.values.map(Simpeg_V1_Competition.init)
      response.page = page.info
      return response
    }
  }

  func startJudging(request: Simpeg_V1_StartJudgingRequest, context: ServerContext) async throws
    -> Simpeg_V1_Competition
  {
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let competition = try Self.competition(request.competitionID, in: mutation.transaction)
      return try Simpeg_V1_Competition(
        CompetitionCommands.startJudging(competition, at: mutation.moment.timestamp, in: mutation))
    }
  }

  // MARK: Checks of the set-up

  /// Categories numbered 1, 2, ... in order; names unique ignoring case.
  static func categories(_ names: [String]) throws -> [Simpeg_V1_CompetitionCategory] {
    guard !names.isEmpty, names.count <= 20 else {
      throw RPCError(.invalidArgument, "a competition has 1 to 20 categories")
    }
    var seen = Set<String>()
    return try names.enumerated().map { offset, raw in
      let name = try text(raw, "categories[\(offset)]")
      guard seen.insert(name.lowercased()).inserted else {
        throw RPCError(.invalidArgument, "the category '\(name)' appears more than once")
      }
      var category = Simpeg_V1_CompetitionCategory()
      category.id = UInt32(offset + 1)
      category.name = name
      return category
    }
  }

  /// The score range; 0 and 0 mean 1-100.
  static func scoreRange(_ minimum: UInt32, _ maximum: UInt32) throws -> (UInt32, UInt32) {
    if minimum == 0 && maximum == 0 { return (1, 100) }
    guard minimum <= maximum, maximum > 0, maximum <= 1_000 else {
      throw RPCError(
        .invalidArgument, "the score range must run from score_min up to score_max, at most 1000")
    }
    return (minimum, maximum)
  }

  /// Criteria numbered 1, 2, ... in order, checked by the rules (weights adding up to 100).
  static func criteria(_ specs: [Simpeg_V1_CriterionSpec], scoreRange: ClosedRange<UInt32>) throws
    -> [Simpeg_V1_JudgingCriterion]
  {
    guard specs.count <= 20 else { throw RPCError(.invalidArgument, "a competition has at most 20 criteria") }
    var seen = Set<String>()
    let criteria = try specs.enumerated().map { offset, spec in
      let name = try text(spec.name, "criteria[\(offset)].name")
      guard seen.insert(name.lowercased()).inserted else {
        throw RPCError(.invalidArgument, "the criterion '\(name)' appears more than once")
      }
      var criterion = Simpeg_V1_JudgingCriterion()
      criterion.id = UInt32(offset + 1)
      criterion.name = name
      criterion.weight = spec.weight
      criterion.description_p = spec.description_p
      return criterion
    }
    do throws(CompetitionError<UInt64>) {
      _ = try CompetitionJudging<UInt64>(
        criteria: criteria.map { JudgingCriterion(id: UInt64($0.id), name: $0.name, weight: Int($0.weight)) },
        scoreRange: Int(scoreRange.lowerBound)...Int(scoreRange.upperBound))
    } catch {
      throw RPCError(.invalidArgument, "\(error.description) (rule: criteria weights sum to 100)")
    }
    return criteria
  }

  /// The judges of `specs`: existing employees or user accounts without an employee, each once.
  /// Judges in `keeping` keep their ids; new ones are numbered after the highest.
  static func judges(
    _ specs: [Simpeg_V1_JudgeSpec], keeping existing: [Simpeg_V1_CompetitionJudge],
    in transaction: ReadTransaction
  ) throws -> [Simpeg_V1_CompetitionJudge] {
    guard specs.count <= 50 else { throw RPCError(.invalidArgument, "a competition has at most 50 judges") }
    var nextID = (existing.map(\.id).max() ?? 0) + 1
    var seen = Set<String>()
    return try specs.map { spec in
      var judge = Simpeg_V1_CompetitionJudge()
      switch (spec.employeeID, spec.accountID) {
      case (let employeeID, 0) where employeeID != 0:
        guard let employee = try Tables.employees.get(employeeID, in: transaction), employee.active else {
          throw RPCError(.notFound, "no active employee with id \(employeeID) to be a judge")
        }
        judge.employeeID = employeeID
        judge.name = employee.name
      case (0, let accountID) where accountID != 0:
        guard let record = try Tables.accounts.get(accountID, in: transaction), record.account.kind == .user,
          !record.account.disabled
        else {
          throw RPCError(.notFound, "no enabled user account with id \(accountID) to be a judge")
        }
        guard record.account.employeeID == 0 else {
          throw RPCError(
            .invalidArgument,
            "account \(accountID) belongs to employee \(record.account.employeeID): name the judge by employee_id"
          )
        }
        judge.accountID = accountID
        judge.name = record.account.displayName.isEmpty ? record.account.username : record.account.displayName
      default:
        throw RPCError(.invalidArgument, "a judge is named by exactly one of employee_id and account_id")
      }
      let identity = "\(judge.employeeID)/\(judge.accountID)"
      guard seen.insert(identity).inserted else {
        throw RPCError(.invalidArgument, "the judge \(judge.name) appears more than once")
      }
      if let kept = existing.first(where: {
        $0.employeeID == judge.employeeID && $0.accountID == judge.accountID
      }) {
        judge.id = kept.id
      } else {
        judge.id = nextID
        nextID += 1
      }
      return judge
    }
  }
}
