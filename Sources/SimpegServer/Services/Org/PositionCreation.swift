import SimpegAPI
import SimpegStore

/// A new position, in the steps OrgService/CreatePosition and the sample share: its fields
/// checked without the store (``draft(from:)``), its unit and supervisor checked against the store
/// (``check(_:in:)``, which writes nothing) and its record written (``insert(_:in:)``).
enum PositionCreation {
  /// A position request whose fields passed the checks that need no store.
  struct Draft: Sendable {
    var unitID: UInt64
    var title: String
    var classification: PositionClassification.Checked
    var supervisorID: UInt64
  }

  /// The checked fields of `request`: the unit, the title, and the kind, level and eselon agreeing
  /// (``PositionClassification``).
  static func draft(from request: Simpeg_V1_CreatePositionRequest) throws -> Draft {
    let unitID = try FieldCheck.id(request.unitID, field: "unit_id")
    let title = try FieldCheck.text(
      request.title, field: "title", limit: FieldCheck.nameLimit, required: true)
    let classification = try PositionClassification.check(
      kind: request.kind, level: request.level, eselon: request.eselon, elected: request.elected)
    return Draft(
      unitID: unitID, title: title, classification: classification,
      supervisorID: request.supervisorPositionID)
  }

  /// Refuses a draft whose unit or supervising position is unknown or closed.
  static func check(_ draft: Draft, in transaction: ReadTransaction) throws {
    _ = try OrgLookup.openUnit(draft.unitID, field: "unit_id", in: transaction)
    if draft.supervisorID != 0 {
      _ = try OrgLookup.openPosition(draft.supervisorID, field: "supervisor_position_id", in: transaction)
    }
  }

  /// Writes the vacant position of a checked draft with a new id and returns it; names it (and
  /// its unit) for the audit record.
  static func insert(_ draft: Draft, in mutation: Mutation) throws -> Simpeg_Internal_V1_PositionRecord {
    var position = Simpeg_Internal_V1_PositionRecord()
    position.id = try Tables.nextID("position", in: mutation.transaction)
    position.unitID = draft.unitID
    position.title = draft.title
    position.kind = draft.classification.kind
    position.level = draft.classification.level
    position.eselon = draft.classification.eselon
    position.supervisorPositionID = draft.supervisorID
    try Tables.positions.insert(position, for: position.id, in: mutation.transaction)
    mutation.audit(targets: ["position:\(position.id)", "unit:\(draft.unitID)"])
    return position
  }
}
