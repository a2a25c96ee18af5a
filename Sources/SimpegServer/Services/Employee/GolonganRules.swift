import SimpegAPI
import SimpegKinerja

/// The status and golongan fields of requests, read into SimpegKinerja's `EmploymentStatus` and
/// `Golongan` and checked by its `GolonganRule`; refusals name the field.
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

  /// Refuses a status whose number kind differs from the NIP's (``GolonganRule``).
  static func ensureStatus(_ status: EmploymentStatus, fits nip: NIP) throws {
    do {
      try GolonganRule.check(status, fits: nip)
    } catch {
      throw FieldCheck.invalid("status", error.description)
    }
  }

  /// The golongan of a request checked against `status`; nil when unset and the status allows
  /// none (PPPK paruh waktu).
  static func golongan(
    _ value: Simpeg_V1_Golongan, for status: EmploymentStatus, field: String = "golongan"
  ) throws -> Golongan? {
    if value.scheme != nil, value.golongan == nil {
      throw FieldCheck.invalid(
        field, "is not a known golongan; a \(status) has \(GolonganRule.scheme(of: status))")
    }
    do {
      return try GolonganRule.check(value.golongan, for: status)
    } catch {
      throw FieldCheck.invalid(field, error.description)
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
