/// Which civil-servant number an 18-digit identity number is.
public enum NIPKind: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// A NIP of a PNS (or CPNS): digits 9-14 are the TMT CPNS month.
  case pns = 1
  /// An NI PPPK: digits 9-12 are the year of first appointment, digits 13-14 are `21`.
  case pppk = 2

  /// `NIP PNS` or `NI PPPK`.
  public var description: String {
    switch self {
    case .pns: return "NIP PNS"
    case .pppk: return "NI PPPK"
    }
  }
}
