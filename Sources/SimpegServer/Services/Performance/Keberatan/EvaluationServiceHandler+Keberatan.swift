import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// EvaluationService's keberatan calls: filing by the employee, the atasan PPK's hearing and
/// final decision, and reading them (``KeberatanCommands``).
extension EvaluationServiceHandler {
  /// The most evidence references one keberatan carries.
  static let maxKeberatanEvidence = 20

  func fileKeberatan(request: Simpeg_V1_FileKeberatanRequest, context: ServerContext) async throws
    -> Simpeg_V1_Keberatan
  {
    let evaluationID = try FieldCheck.id(request.evaluationID, field: "evaluation_id")
    let reasons = try FieldCheck.text(
      request.reasons, field: "reasons", limit: SKPContentRules.maxText, required: true, multiline: true)
    guard request.evidence.count <= Self.maxKeberatanEvidence else {
      throw FieldCheck.invalid("evidence", "at most \(Self.maxKeberatanEvidence) pieces of evidence")
    }
    let evidence = try request.evidence.enumerated().map { index, piece in
      var checked = Simpeg_V1_KeberatanEvidence()
      checked.name = try FieldCheck.text(
        piece.name, field: "evidence[\(index)].name", limit: FieldCheck.nameLimit, required: true)
      checked.uri = try FieldCheck.text(
        piece.uri, field: "evidence[\(index)].uri", limit: FieldCheck.reasonLimit)
      return checked
    }
    let principal = try context.principal()
    let window = core.configuration.keberatanWindow
    let entry = try AuditEntry(context: context, request: request)
    return try await core.ledger.record(entry) { mutation in
      try Simpeg_V1_Keberatan(
        KeberatanCommands.file(
          evaluationID: evaluationID, reasons: reasons, evidence: evidence, by: principal, window: window,
          in: mutation))
    }
  }

  func recordKeberatanHearing(
    request: Simpeg_V1_RecordKeberatanHearingRequest, context: ServerContext
  ) async throws -> Simpeg_V1_Keberatan {
    let id = try FieldCheck.id(request.keberatanID, field: "keberatan_id")
    let ppk = try FieldCheck.text(
      request.ppkExplanation, field: "ppk_explanation", limit: SKPContentRules.maxText, required: true,
      multiline: true)
    let employee = try FieldCheck.text(
      request.employeeExplanation, field: "employee_explanation", limit: SKPContentRules.maxText,
      required: true, multiline: true)
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await core.ledger.record(entry) { mutation in
      let keberatan = try Self.keberatan(id, in: mutation.transaction)
      return try Simpeg_V1_Keberatan(
        KeberatanCommands.hear(keberatan, ppk: ppk, employee: employee, by: principal, in: mutation))
    }
  }

  func decideKeberatan(request: Simpeg_V1_DecideKeberatanRequest, context: ServerContext) async throws
    -> Simpeg_V1_Keberatan
  {
    let id = try FieldCheck.id(request.keberatanID, field: "keberatan_id")
    let reason = try FieldCheck.text(
      request.reason, field: "reason", limit: SKPContentRules.maxText, required: true, multiline: true)
    var ratings: (hasilKerja: Rating, perilaku: Rating)?
    if !request.uphold {
      ratings = (
        try RatingCode.check(request.hasilKerja, field: "hasil_kerja"),
        try RatingCode.check(request.perilaku, field: "perilaku")
      )
    } else if request.hasilKerja != .unspecified || request.perilaku != .unspecified {
      throw FieldCheck.invalid(
        "uphold", "an upheld result keeps its ratings: give no hasil_kerja or perilaku")
    }
    let decided = ratings
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await core.ledger.record(entry) { mutation in
      let keberatan = try Self.keberatan(id, in: mutation.transaction)
      return try Simpeg_V1_Keberatan(
        KeberatanCommands.decide(
          keberatan, ratings: decided, reason: reason, by: principal, in: mutation))
    }
  }

  func getKeberatan(request: Simpeg_V1_GetKeberatanRequest, context: ServerContext) async throws
    -> Simpeg_V1_Keberatan
  {
    let principal = try context.principal()
    let today = core.clock.now().today
    return try core.store.read { transaction in
      switch request.key {
      case .keberatanID(let id):
        return try Simpeg_V1_Keberatan(
          KeberatanCommands.readable(id, by: principal, on: today, in: transaction))
      case .evaluationID(let evaluationID):
        guard
          let row = try Tables.keberatan.findUnique(
            Tables.keberatanByEvaluation, evaluationID, in: transaction)
        else {
          if let evaluation = try Tables.evaluations.get(evaluationID, in: transaction) {
            _ = try Authorizer.readableEmployee(
              evaluation.employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
          }
          throw RPCError(.notFound, "evaluation \(evaluationID) has no keberatan")
        }
        return try Simpeg_V1_Keberatan(
          KeberatanCommands.readable(row.key, by: principal, on: today, in: transaction))
      case nil:
        throw RPCError(.invalidArgument, "give keberatan_id or evaluation_id")
      }
    }
  }

  func listKeberatan(request: Simpeg_V1_ListKeberatanRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListKeberatanResponse
  {
    let principal = try context.principal()
    let employeeID = request.employeeID == 0 ? principal.employeeID : request.employeeID
    return try core.store.read { transaction in
      _ = try Authorizer.readableEmployee(
        employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
      let page = try Paging.page(request.page) { limit, after in
        try Tables.keberatan.page(
          Tables.keberatanByEmployee, prefix: KeyPrefix(employeeID), in: transaction, limit: limit,
          after: after)
      }
      var response = Simpeg_V1_ListKeberatanResponse()
      response.keberatan = page.values.map(Simpeg_V1_Keberatan.init)
      response.page = page.info
      return response
    }
  }

  /// The keberatan `id`, or NOT_FOUND (who may act is checked by the command).
  private static func keberatan(_ id: UInt64, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_KeberatanRecord
  {
    guard let keberatan = try Tables.keberatan.get(id, in: transaction) else {
      throw RPCError(.notFound, "keberatan_id \(id): no such keberatan")
    }
    return keberatan
  }
}
