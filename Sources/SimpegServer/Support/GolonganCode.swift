import SimpegAPI

/// One number per golongan of either scheme, for indexes: PNS keeps its SIASN id (11-45),
/// PPPK becomes 100 + its number (101-117), unset is 0.
enum GolonganCode {
  static func of(_ golongan: Simpeg_V1_Golongan) -> UInt32 {
    switch golongan.scheme {
    case .pns(let pns): return UInt32(pns.rawValue)
    case .pppk(let pppk): return 100 + UInt32(pppk.rawValue)
    case nil: return 0
    }
  }
}
