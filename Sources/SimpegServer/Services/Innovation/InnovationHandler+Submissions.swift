import SimpegAPI
import SimpegRPC
import SimpegStore

/// Innovations entered in a competition while it is open: by an employee or a team, from one or
/// more units. An author submits (ADMIN may submit for them); every signed-in user reads them.
extension InnovationHandler {
  func submitInnovation(request: Simpeg_V1_SubmitInnovationRequest, context: ServerContext) async throws
    -> Simpeg_V1_Innovation
  {
    let principal = try context.principal()
    let title = try Self.text(request.title, "title")
    let description = try Self.text(request.description_p, "description", limit: 20_000, multiline: true)
    let authors = request.authorEmployeeIds
    guard !authors.isEmpty, authors.count <= 20, Set(authors).count == authors.count else {
      throw RPCError(.invalidArgument, "an innovation has 1 to 20 different authors (author_employee_ids)")
    }
    guard principal.isAdmin || authors.contains(principal.employeeID) else {
      throw RPCError(
        .permissionDenied, "only an author of the innovation submits it (or ADMIN for them); add yourself")
    }
    guard request.evidence.count <= 20,
      request.evidence.allSatisfy({ !$0.label.isEmpty && $0.label.count <= 200 && $0.url.count <= 2_000 })
    else {
      throw RPCError(.invalidArgument, "an innovation has at most 20 pieces of evidence, each with a label")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let competition = try Self.competition(request.competitionID, in: mutation.transaction)
      return try Simpeg_V1_Innovation(
        CompetitionCommands.submit(
          to: competition, category: request.categoryID, title: title, description: description,
          evidence: request.evidence, authors: authors, by: principal.username, at: mutation.moment.timestamp,
          in: mutation))
    }
  }

  func listInnovations(request: Simpeg_V1_ListInnovationsRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListInnovationsResponse
  {
    try store.read { transaction in
      _ = try Self.competition(request.competitionID, in: transaction)
      let prefix = Self.prefix(of: request.competitionID, category: request.categoryID)
      let page = try Paging.page(request.page) { limit, after in
        try Tables.innovations.page(
          Tables.innovationsByCompetition, prefix: prefix, in: transaction, limit: limit, after: after)
      }
      var response = Simpeg_V1_ListInnovationsResponse()
      response.innovations = page.values.map(Simpeg_V1_Innovation.init)
      response.page = page.info
      return response
    }
  }

  /// Every innovation of a competition (of one category, or every one for 0), by category then
  /// id: every page of them.
  static func innovations(of competitionID: UInt64, category: UInt32, in transaction: ReadTransaction) throws
    -> [Simpeg_Internal_V1_InnovationRecord]
  {
    let prefix = prefix(of: competitionID, category: category)
    return try Paging.all { limit, after in
      try Tables.innovations.page(
        Tables.innovationsByCompetition, prefix: prefix, in: transaction, limit: limit, after: after)
    }
  }

  /// The index prefix of a competition's innovations (of one category, or every one for 0).
  private static func prefix(of competitionID: UInt64, category: UInt32) -> KeyPrefix {
    category == 0 ? KeyPrefix(competitionID) : KeyPrefix(CompositeKey2(competitionID, category))
  }
}
