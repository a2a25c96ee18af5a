/// Employment status and golongan: a PNS or CPNS carries a NIP PNS and a golongan/ruang
/// (I/a-IV/e), a PPPK an NI PPPK and a PPPK golongan (I-XVII); a PPPK paruh waktu may have none.
/// A promotion only raises the golongan, within its scheme.
public enum GolonganRule {
  /// Refuses a status whose kind of number differs from the NIP's.
  public static func check(_ status: EmploymentStatus, fits nip: NIP) throws(GolonganError) {
    guard status.nipKind == nip.kind else { throw .statusDoesNotFitNIP(status: status, nip: nip) }
  }

  /// The golongan of someone of `status`: of the status's scheme, and given unless the status
  /// allows none (PPPK paruh waktu).
  public static func check(_ golongan: Golongan?, for status: EmploymentStatus) throws(GolonganError)
    -> Golongan?
  {
    guard let golongan else {
      if status == .pppkParuhWaktu { return nil }
      throw .required(status: status)
    }
    switch (golongan, status.nipKind) {
    case (.pns, .pns), (.pppk, .pppk): return golongan
    default: throw .wrongScheme(golongan, status: status)
    }
  }

  /// Whether `new` is higher than `current` in the same scheme (any golongan is higher than none).
  public static func isRaise(_ new: Golongan, over current: Golongan?) -> Bool {
    switch (new, current) {
    case (_, nil): return true
    case (.pns(let new), .pns(let old)): return new > old
    case (.pppk(let new), .pppk(let old)): return new > old
    default: return false
    }
  }

  /// The golongan a status's scheme holds, in words: `a golongan/ruang I/a-IV/e`.
  public static func scheme(of status: EmploymentStatus) -> String {
    status.nipKind == .pns ? "a golongan/ruang I/a-IV/e" : "a PPPK golongan I-XVII"
  }
}

/// Why a status or golongan is refused.
public enum GolonganError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The status needs the other kind of number.
  case statusDoesNotFitNIP(status: EmploymentStatus, nip: NIP)
  /// The status needs a golongan and none was given.
  case required(status: EmploymentStatus)
  /// The golongan belongs to the other scheme.
  case wrongScheme(Golongan, status: EmploymentStatus)

  /// The rule broken, for the field the golongan or status came in.
  public var description: String {
    switch self {
    case .statusDoesNotFitNIP(let status, let nip):
      return "\(status) needs a \(status.nipKind), but nip \(nip.canonical) is a \(nip.kind)"
    case .required(let status):
      return "is required for a \(status): \(GolonganRule.scheme(of: status))"
    case .wrongScheme(let golongan, let status):
      return "\(golongan) is not of the right scheme: a \(status) has \(GolonganRule.scheme(of: status))"
    }
  }
}
