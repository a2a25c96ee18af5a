import SimpegAPI
import SimpegKinerja

/// Employment status and golongan: a PNS or CPNS has a golongan/ruang (I/a-IV/e), a PPPK a PPPK
/// golongan (I-XVII); a PPPK paruh waktu may have none. Promotion only raises it.
enum GolonganRules {
  /// The employment status of a request; refused when unspecified or unknown.
  static func status(_ value: Simpeg_V1_EmploymentStatus, field: String = "status") throws
    -> EmploymentStatus
  {
    guard let status = EmploymentStatus(rawValue: value.rawValue) else {
      throw FieldCheck.invalid(field, "is required: PNS, CPNS, PPPK or PPPK_PARUH_WAKTU")
    }
    return status
  }

  /// Refuses a status whose number kind differs from the NIP's (PNS and CPNS need a NIP PNS,
  /// PPPK an NI PPPK).
  static func ensureStatus(_ status: EmploymentStatus, fits nip: NIP) throws {
    guard status.nipKind == nip.kind else {
      throw FieldCheck.invalid(
        "status", "\(status) needs a \(status.nipKind), but nip \(nip.canonical) is a \(nip.kind)")
    }
  }

  /// The golongan of a request checked against `status`; nil when unset and the status allows
  /// none (PPPK paruh waktu).
  static func golongan(
    _ value: Simpeg_V1_Golongan, for status: EmploymentStatus, field: String = "golongan"
  ) throws -> Golongan? {
    let scheme = status.nipKind == .pns ? "a golongan/ruang I/a-IV/e" : "a PPPK golongan I-XVII"
    guard value.scheme != nil else {
      if status == .pppkParuhWaktu { return nil }
      throw FieldCheck.invalid(field, "is required for a \(status): \(scheme)")
    }
    guard let golongan = value.golongan else {
      throw FieldCheck.invalid(field, "is not a known golongan; a \(status) has \(scheme)")
    }
    switch (golongan, status.nipKind) {
    case (.pns, .pns), (.pppk, .pppk):
      return golongan
    default:
      throw FieldCheck.invalid(field, "\(golongan) is not of the right scheme: a \(status) has \(scheme)")
    }
  }

  /// Whether `new` is higher than `current` (any golongan is higher than none).
  static func isRaise(_ new: Golongan, over current: Golongan?) -> Bool {
    switch (new, current) {
    case (_, nil): return true
    case (.pns(let new), .pns(let old)): return new > old
    case (.pppk(let new), .pppk(let old)): return new > old
    default: return false
    }
  }

  /// The index code of a search filter; nil when unset; refused when unknown.
  static func filterCode(_ value: Simpeg_V1_Golongan, field: String = "golongan") throws -> UInt32? {
    guard value.scheme != nil else { return nil }
    guard value.golongan != nil else {
      throw FieldCheck.invalid(field, "is not a known golongan (I/a-IV/e or PPPK I-XVII)")
    }
    return GolonganCode.of(value)
  }
}
