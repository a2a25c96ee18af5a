/// The employment status (kedudukan) of an ASN; the raw value is this system's stable code.
public enum EmploymentStatus: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Pegawai Negeri Sipil: a NIP PNS and a golongan/ruang.
  case pns = 1
  /// Calon PNS in the probation year: a NIP PNS and a golongan/ruang.
  case cpns = 2
  /// Pegawai Pemerintah dengan Perjanjian Kerja (full time): an NI PPPK and a PPPK golongan.
  case pppk = 3
  /// PPPK paruh waktu (part time): an NI PPPK.
  case pppkParuhWaktu = 4

  /// Which identity number the status carries.
  public var nipKind: NIPKind {
    switch self {
    case .pns, .cpns: return .pns
    case .pppk, .pppkParuhWaktu: return .pppk
    }
  }

  /// `PNS`, `CPNS`, `PPPK`, `PPPK paruh waktu`.
  public var description: String {
    switch self {
    case .pns: return "PNS"
    case .cpns: return "CPNS"
    case .pppk: return "PPPK"
    case .pppkParuhWaktu: return "PPPK paruh waktu"
    }
  }
}
