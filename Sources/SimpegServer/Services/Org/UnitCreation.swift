import SimpegAPI
import SimpegStore

/// A new unit, in the steps OrgService/CreateUnit, the units import and the sample share: its fields
/// checked without the store (``draft(from:)``), its place checked against the store
/// (``check(_:in:)``, which writes nothing, so a refusal there changes nothing) and its record
/// written (``insert(_:in:)``).
enum UnitCreation {
  /// A unit request whose fields passed the checks that need no store.
  struct Draft: Sendable {
    var parentID: UInt64
    var kind: Simpeg_V1_UnitKind
    var name: String
    var code: String
  }

  /// The checked fields of `request`: name, code and kind, and that only the root (kind
  /// PEMERINTAH_KOTA) has no parent.
  static func draft(from request: Simpeg_V1_CreateUnitRequest) throws -> Draft {
    let name = try UnitNaming.name(request.name)
    let code = try UnitNaming.code(request.code)
    let kind = try UnitNaming.kind(request.kind)
    let parentID = request.parentID
    if parentID == 0, kind != .pemerintahKota {
      throw FieldCheck.invalid(
        "parent_id", "is required: only the root unit (kind PEMERINTAH_KOTA) has no parent")
    }
    if parentID != 0, kind == .pemerintahKota {
      throw FieldCheck.invalid("kind", "PEMERINTAH_KOTA is the kind of the root unit only")
    }
    return Draft(parentID: parentID, kind: kind, name: name, code: code)
  }

  /// Refuses a draft the store does not allow: a second root, a parent that is unknown or
  /// closed, a name taken under the same parent, a code taken anywhere.
  static func check(_ draft: Draft, in transaction: ReadTransaction) throws {
    if draft.parentID == 0 {
      if let root = try OrgLookup.children(of: 0, in: transaction).first {
        throw FieldCheck.invalid(
          "parent_id", "is required: the organisation already has its root, \(RecordNaming.unit(root))")
      }
    } else {
      _ = try OrgLookup.openUnit(draft.parentID, field: "parent_id", in: transaction)
    }
    try UnitNaming.ensureNameFree(draft.name, under: draft.parentID, in: transaction)
    try UnitNaming.ensureCodeFree(draft.code, in: transaction)
  }

  /// Writes the unit of a checked draft with a new id and returns it; names it for the audit
  /// record.
  static func insert(_ draft: Draft, in mutation: Mutation) throws -> Simpeg_Internal_V1_UnitRecord {
    let transaction = mutation.transaction
    var unit = Simpeg_Internal_V1_UnitRecord()
    unit.id = try Tables.nextID("unit", in: transaction)
    unit.parentID = draft.parentID
    unit.kind = draft.kind
    unit.name = draft.name
    unit.code = draft.code
    unit.createdAt = mutation.moment.timestamp
    try Tables.units.insert(unit, for: unit.id, in: transaction)
    mutation.audit(targets: ["unit:\(unit.id)"])
    return unit
  }
}
