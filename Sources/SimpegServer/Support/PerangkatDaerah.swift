import SimpegAPI
import SimpegStore

/// The perangkat daerah (the agency: a Dinas, a Badan, a Kecamatan, the Sekretariat Daerah, ...)
/// a unit belongs to: the unit directly below the Pemerintah Kota on the way up from it, or the
/// root itself. A Bidang, a Seksi or a UPT belongs to its Dinas, a Kelurahan to its Kecamatan.
///
/// It is the "unit" of two rules of section 3: staff read the service reports of their own
/// perangkat daerah, and a judge may not score an innovation from their own perangkat daerah
/// (so neither from a sub-unit of the unit they work in nor from the unit above it).
enum PerangkatDaerah {
  /// The perangkat daerah of `unitID`; nil when the unit does not exist. Walks at most 64 levels
  /// (a guard against a cycle).
  static func of(_ unitID: UInt64, in transaction: ReadTransaction) throws -> UInt64? {
    guard var unit = try Tables.units.get(unitID, in: transaction) else { return nil }
    for _ in 0..<64 {
      guard unit.parentID != 0, let parent = try Tables.units.get(unit.parentID, in: transaction)
      else { return unit.id }
      if parent.parentID == 0 { return unit.id }
      unit = parent
    }
    return unit.id
  }

  /// Whether `unitID` is `ancestorID` or lies below it.
  static func unit(_ unitID: UInt64, isAtOrBelow ancestorID: UInt64, in transaction: ReadTransaction)
    throws -> Bool
  {
    var current = unitID
    for _ in 0..<64 {
      if current == ancestorID { return true }
      guard current != 0, let unit = try Tables.units.get(current, in: transaction) else { return false }
      current = unit.parentID
    }
    return false
  }
}
