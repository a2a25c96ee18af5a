import SimpegAPI
import SimpegRPC
import SimpegStore

/// OrgService/SetPositionSupervisor: which position supervises a position. The evaluator chain
/// is read from the tree on the day it is asked for, so who is PPK and atasan follows the change
/// at once, as it follows a new holder above; records already rated keep the evaluator they name.
extension OrgServiceHandler {
  func setPositionSupervisor(request: Simpeg_V1_SetPositionSupervisorRequest, context: ServerContext)
    async throws -> Simpeg_V1_Position
  {
    let positionID = try FieldCheck.id(request.positionID, field: "position_id")
    let supervisorID = request.supervisorPositionID
    guard supervisorID != positionID else {
      throw FieldCheck.invalid(
        "supervisor_position_id", "names the position itself; give the position above it, or 0 for none")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      var position = try OrgLookup.openPosition(positionID, field: "position_id", in: transaction)
      if position.supervisorPositionID == supervisorID {
        mutation.leaveUnchanged()
        return Simpeg_V1_Position(position)
      }
      if supervisorID != 0 {
        let supervisor = try OrgLookup.openPosition(
          supervisorID, field: "supervisor_position_id", in: transaction)
        try Self.refuseLoop(placing: position, under: supervisor, in: transaction)
      }
      position.supervisorPositionID = supervisorID
      try Tables.positions.put(position, for: position.id, in: transaction)
      mutation.audit(
        targets: ["position:\(position.id)"] + (supervisorID == 0 ? [] : ["position:\(supervisorID)"]))
      return Simpeg_V1_Position(position)
    }
  }

  /// Refuses to put `position` under `supervisor` when `supervisor` is `position` or stands below
  /// it: the chain above `supervisor` would come back to it and never reach the top.
  private static func refuseLoop(
    placing position: Simpeg_Internal_V1_PositionRecord, under supervisor: Simpeg_Internal_V1_PositionRecord,
    in transaction: ReadTransaction
  ) throws {
    var seen: Set<UInt64> = []
    var current: Simpeg_Internal_V1_PositionRecord? = supervisor
    while let step = current, seen.insert(step.id).inserted {
      if step.id == position.id {
        throw RPCError(
          .failedPrecondition,
          "\(RecordNaming.position(supervisor)) stands below \(RecordNaming.position(position)), so it cannot "
            + "supervise it (the chain would loop); move the positions between them first")
      }
      current =
        step.supervisorPositionID == 0
        ? nil : try Tables.positions.get(step.supervisorPositionID, in: transaction)
    }
  }
}
