/// The golongan of an ASN: a PNS golongan/ruang or a PPPK golongan.
public enum Golongan: Sendable, Hashable, Codable, CustomStringConvertible {
  /// A PNS or CPNS golongan/ruang.
  case pns(GolonganPNS)
  /// A PPPK golongan.
  case pppk(GolonganPPPK)

  /// `III/a` or `IX`.
  public var text: String {
    switch self {
    case .pns(let golongan): return golongan.text
    case .pppk(let golongan): return golongan.text
    }
  }

  /// `III/a Penata Muda` or `PPPK IX`.
  public var description: String {
    switch self {
    case .pns(let golongan): return golongan.description
    case .pppk(let golongan): return "PPPK \(golongan.text)"
    }
  }
}
