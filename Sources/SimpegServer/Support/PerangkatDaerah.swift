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
  /// The perangkat daerah of `unitID`; nil when the unit does not exist. A unit whose chain
  /// ends at a parent that no longer exists belongs to the last unit of the chain.
  static func of(_ unitID: UInt64, in transaction: ReadTransaction) throws -> UInt64? {
    guard try Tables.units.exists(unitID, in: transaction) else { return nil }
    var path = try UnitWalk.upward(from: unitID, in: transaction)
    if let last = path.last, try !Tables.units.exists(last, in: transaction) {
      path.removeLast()
      return path.last
    }
    return path.count >= 2 ? path[path.count - 2] : path.last
  }

  /// Whether `unitID` is `ancestorID` or lies below it.
  static func unit(_ unitID: UInt64, isAtOrBelow ancestorID: UInt64, in transaction: ReadTransaction)
    throws -> Bool
  {
    try UnitWalk.isUnit(unitID, atOrBelow: ancestorID, in: transaction)
  }
}
