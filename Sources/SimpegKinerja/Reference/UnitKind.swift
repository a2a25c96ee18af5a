/// The kind of an organisation unit of a Pemerintah Kota; the raw value is this system's code.
public enum UnitKind: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// The Pemerintah Kota itself, the root led by the Wali Kota.
  case pemerintahKota = 1
  /// Sekretariat Daerah, led by the Sekda.
  case sekretariatDaerah = 2
  /// An Asisten of the Sekretariat Daerah.
  case asisten = 3
  /// A Bagian under an Asisten (or of a Sekretariat DPRD or RSUD).
  case bagian = 4
  /// Sekretariat DPRD.
  case sekretariatDPRD = 5
  /// Inspektorat.
  case inspektorat = 6
  /// An Inspektur Pembantu (Irban) of the Inspektorat.
  case inspekturPembantu = 7
  /// A Dinas.
  case dinas = 8
  /// A Badan.
  case badan = 9
  /// The Sekretariat of a dinas, badan, inspektorat or kecamatan.
  case sekretariat = 10
  /// A Bidang of a dinas or badan.
  case bidang = 11
  /// A Seksi (of a bidang, kecamatan or kelurahan).
  case seksi = 12
  /// A Subbagian (of a sekretariat or bagian).
  case subbagian = 13
  /// A Subbidang of a badan's bidang.
  case subbidang = 14
  /// A Unit Pelaksana Teknis (e.g. a Puskesmas).
  case upt = 15
  /// Satuan Polisi Pamong Praja.
  case satpolPP = 16
  /// Rumah Sakit Umum Daerah.
  case rsud = 17
  /// A Kecamatan.
  case kecamatan = 18
  /// A Kelurahan.
  case kelurahan = 19
  /// A satuan pendidikan (a public SD or SMP) under the Dinas Pendidikan.
  case sekolah = 20
  /// The Staf Ahli of the Wali Kota.
  case stafAhli = 21

  /// Whether the unit is a perangkat daerah in its own right (has its own head reporting to the
  /// Sekda or the Wali Kota), as opposed to a part of one.
  public var isPerangkatDaerah: Bool {
    switch self {
    case .sekretariatDaerah, .sekretariatDPRD, .inspektorat, .dinas, .badan, .satpolPP, .rsud, .kecamatan:
      return true
    default:
      return false
    }
  }

  /// The Indonesian name of the kind, e.g. `Kelurahan`.
  public var description: String {
    switch self {
    case .pemerintahKota: return "Pemerintah Kota"
    case .sekretariatDaerah: return "Sekretariat Daerah"
    case .asisten: return "Asisten"
    case .bagian: return "Bagian"
    case .sekretariatDPRD: return "Sekretariat DPRD"
    case .inspektorat: return "Inspektorat"
    case .inspekturPembantu: return "Inspektur Pembantu"
    case .dinas: return "Dinas"
    case .badan: return "Badan"
    case .sekretariat: return "Sekretariat"
    case .bidang: return "Bidang"
    case .seksi: return "Seksi"
    case .subbagian: return "Subbagian"
    case .subbidang: return "Subbidang"
    case .upt: return "UPT"
    case .satpolPP: return "Satuan Polisi Pamong Praja"
    case .rsud: return "RSUD"
    case .kecamatan: return "Kecamatan"
    case .kelurahan: return "Kelurahan"
    case .sekolah: return "Sekolah"
    case .stafAhli: return "Staf Ahli"
    }
  }
}
