import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// The name, code and kind of a unit: their form (checked before the write) and their
/// uniqueness (checked inside it). Sibling units may not share a name, ignoring case; codes are
/// unique across the organisation and stored uppercase.
enum UnitNaming {
  /// The longest unit code, in characters.
  static let codeLimit = 32

  /// A required unit name, trimmed.
  static func name(_ value: String, field: String = "name") throws -> String {
    try FieldCheck.text(value, field: field, limit: FieldCheck.nameLimit, required: true)
  }

  /// A unit code, trimmed and uppercased; empty when none is given.
  static func code(_ value: String, field: String = "code") throws -> String {
    let code = try FieldCheck.text(value, field: field, limit: codeLimit).uppercased()
    let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
    if let bad = code.first(where: { !allowed.contains($0) }) {
      throw FieldCheck.invalid(
        field, "'\(bad)' is not allowed; a code uses the letters A-Z, digits and - _ . only")
    }
    return code
  }

  /// A unit kind the system knows.
  static func kind(_ value: Simpeg_V1_UnitKind, field: String = "kind") throws -> Simpeg_V1_UnitKind {
    guard UnitKind(rawValue: value.rawValue) != nil else {
      throw FieldCheck.invalid(field, "is required: one of the unit kinds (e.g. DINAS, BIDANG, KELURAHAN)")
    }
    return value
  }

  /// Refuses (ALREADY_EXISTS) when another unit under `parentID` is named `name`.
  static func ensureNameFree(
    _ name: String, under parentID: UInt64, except unitID: UInt64 = 0, in transaction: ReadTransaction
  ) throws {
    let clash = try Tables.units.find(
      Tables.unitsByParent, equalTo: CompositeKey2(parentID, name.lowercased()), in: transaction
    ).first { $0.key != unitID }
    if let clash {
      throw RPCError(
        .alreadyExists,
        "name: \(RecordNaming.unit(clash.value)) already has this name under the same parent unit")
    }
  }

  /// Refuses (ALREADY_EXISTS) when another unit uses `code`; an empty code is never taken.
  static func ensureCodeFree(_ code: String, except unitID: UInt64 = 0, in transaction: ReadTransaction)
    throws
  {
    guard !code.isEmpty else { return }
    if let owner = try Tables.units.findUnique(Tables.unitsByCode, code, in: transaction),
      owner.key != unitID
    {
      throw RPCError(.alreadyExists, "code: '\(code)' is already used by \(RecordNaming.unit(owner.value))")
    }
  }
}
