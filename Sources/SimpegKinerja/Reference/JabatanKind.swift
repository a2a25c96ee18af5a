/// The kind of a position (jenis jabatan); the raw value is this system's stable code.
public enum JabatanKind: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Jabatan Pimpinan Tinggi (JPT): Utama, Madya, Pratama. Managerial.
  case pimpinanTinggi = 1
  /// Jabatan Administrator (eselon III). Managerial.
  case administrator = 2
  /// Jabatan Pengawas (eselon IV). Managerial.
  case pengawas = 3
  /// Jabatan fungsional of the keahlian track (Ahli Pertama to Ahli Utama).
  case fungsionalKeahlian = 4
  /// Jabatan fungsional of the keterampilan track (Pemula to Penyelia).
  case fungsionalKeterampilan = 5
  /// Jabatan pelaksana: klerek, operator, teknisi.
  case pelaksana = 6

  /// Whether the kind leads a unit (JPT, Administrator, Pengawas).
  public var isManagerial: Bool {
    switch self {
    case .pimpinanTinggi, .administrator, .pengawas: return true
    case .fungsionalKeahlian, .fungsionalKeterampilan, .pelaksana: return false
    }
  }

  /// Whether the kind is a functional post that earns angka kredit.
  public var isFungsional: Bool { self == .fungsionalKeahlian || self == .fungsionalKeterampilan }

  /// The Indonesian name, e.g. `Jabatan Administrator`.
  public var description: String {
    switch self {
    case .pimpinanTinggi: return "Jabatan Pimpinan Tinggi"
    case .administrator: return "Jabatan Administrator"
    case .pengawas: return "Jabatan Pengawas"
    case .fungsionalKeahlian: return "Jabatan Fungsional Keahlian"
    case .fungsionalKeterampilan: return "Jabatan Fungsional Keterampilan"
    case .pelaksana: return "Jabatan Pelaksana"
    }
  }
}
