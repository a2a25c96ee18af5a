import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Who acts on an SKP: its owner plans, its evaluator approves or returns. Maps callers to the
/// workflow's actors and the workflow's refusals to statuses.
enum SKPActors {
  /// The SKP `id` if `principal` owns it: the employee themselves, or ADMIN for an elected
  /// official's SKP. The same refusal whether or not it exists.
  static func ownedRecord(
    _ id: UInt64, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_SKPRecord {
    if let record = try Tables.skps.get(id, in: transaction) {
      let owner = record.ownerEmployeeID
      if owner != 0
        ? (principal.employeeID == owner && !principal.isService)
        : Authorizer.actsForOfficial(principal)
      {
        return record
      }
    }
    throw RPCError(
      .permissionDenied,
      "only the owner changes an SKP: you may change your own (rule: the owner plans; BKPSDM enters "
        + "elected officials' SKPs)")
  }

  /// The SKP `id` if `principal` acts as its PPK on `day` (``Authorizer/requireEvaluator(_:of:owner:action:on:in:)``):
  /// the PPK of the SKP's position, or the Plt or Plh of the PPK's position that day; BKPSDM
  /// where the PPK is an elected official or there is none (the top leader). Nobody approves
  /// their own SKP. The same refusal whether or not the SKP exists.
  static func evaluatedRecord(
    _ id: UInt64, by principal: Principal, on day: CalendarDate, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_SKPRecord {
    guard let record = try Tables.skps.get(id, in: transaction) else {
      throw Authorizer.notTheEvaluator()
    }
    let latest = record.latest
    try Authorizer.requireEvaluator(
      principal, of: latest.positionID, owner: record.ownerEmployeeID, action: "approves or returns an SKP",
      on: day, in: transaction)
    return record
  }

  /// Version `number` of `record` (0 for the latest), or NOT_FOUND.
  static func version(_ number: UInt32, of record: Simpeg_Internal_V1_SKPRecord) throws -> Simpeg_V1_SKP {
    guard let version = record.version(number) else {
      throw RPCError(.notFound, "SKP \(record.id) has no version \(number)")
    }
    return version
  }

  /// Applies the workflow action to `skp`, or throws the rule it breaks with its status.
  static func apply(_ action: SKPAction, to skp: Simpeg_V1_SKP, by actor: SKPActor) throws -> SKPTransition {
    let version = SKPVersion(
      number: Int(skp.version), status: skp.status.rule ?? .draft,
      revisionReason: skp.revisionReason.isEmpty ? nil : skp.revisionReason,
      returnNote: skp.returnNote.isEmpty ? nil : skp.returnNote)
    do {
      return try SKPWorkflow.apply(action, to: version, by: actor)
    } catch {
      let code: StatusCode
      switch error {
      case .returnNoteRequired, .revisionReasonRequired: code = .invalidArgument
      case .wrongActor: code = .permissionDenied
      case .frozen, .awaitingEvaluator, .superseded, .notAllowed: code = .failedPrecondition
      }
      throw RPCError(code, "SKP \(skp.id) version \(skp.version): \(error.description) (rule: SKP workflow)")
    }
  }

  /// The audit targets of a change to `skp`.
  static func targets(_ skp: Simpeg_V1_SKP) -> [String] {
    let owner = skp.employeeID != 0 ? "employee:\(skp.employeeID)" : "position:\(skp.positionID)"
    return ["skp:\(skp.id)", owner, "version:\(skp.version)"]
  }
}
