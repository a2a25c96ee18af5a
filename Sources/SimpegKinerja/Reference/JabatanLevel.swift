/// The level (jenjang) of a position; the raw value is this system's stable code.
///
/// Codes group by kind: 1x JPT, 20 Administrator, 30 Pengawas, 4x fungsional keahlian,
/// 5x fungsional keterampilan, 60 Pelaksana.
public enum JabatanLevel: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// JPT Utama (e.g. a head of a non-ministerial agency).
  case jptUtama = 11
  /// JPT Madya (e.g. a provincial Sekda).
  case jptMadya = 12
  /// JPT Pratama, eselon II: a kota's Sekda, Asisten, kepala dinas or badan.
  case jptPratama = 13
  /// Administrator, eselon III: sekretaris dinas, kepala bidang or bagian, camat.
  case administrator = 20
  /// Pengawas, eselon IV: kepala seksi or subbagian, lurah, kepala UPT.
  case pengawas = 30
  /// Fungsional Ahli Pertama.
  case ahliPertama = 41
  /// Fungsional Ahli Muda.
  case ahliMuda = 42
  /// Fungsional Ahli Madya.
  case ahliMadya = 43
  /// Fungsional Ahli Utama.
  case ahliUtama = 44
  /// Fungsional Pemula.
  case pemula = 51
  /// Fungsional Terampil.
  case terampil = 52
  /// Fungsional Mahir.
  case mahir = 53
  /// Fungsional Penyelia.
  case penyelia = 54
  /// Pelaksana.
  case pelaksana = 60

  /// The kind of position at this level.
  public var kind: JabatanKind {
    switch self {
    case .jptUtama, .jptMadya, .jptPratama: return .pimpinanTinggi
    case .administrator: return .administrator
    case .pengawas: return .pengawas
    case .ahliPertama, .ahliMuda, .ahliMadya, .ahliUtama: return .fungsionalKeahlian
    case .pemula, .terampil, .mahir, .penyelia: return .fungsionalKeterampilan
    case .pelaksana: return .pelaksana
    }
  }

  /// The eselon levels a managerial position at this level may carry; empty for non-managerial.
  public var eselons: [Eselon] {
    switch self {
    case .jptUtama: return [.ia]
    case .jptMadya: return [.ia, .ib]
    case .jptPratama: return [.iia, .iib]
    case .administrator: return [.iiia, .iiib]
    case .pengawas: return [.iva, .ivb]
    default: return []
    }
  }

  /// The Indonesian name, e.g. `Ahli Muda`, `JPT Pratama`.
  public var description: String {
    switch self {
    case .jptUtama: return "JPT Utama"
    case .jptMadya: return "JPT Madya"
    case .jptPratama: return "JPT Pratama"
    case .administrator: return "Administrator"
    case .pengawas: return "Pengawas"
    case .ahliPertama: return "Ahli Pertama"
    case .ahliMuda: return "Ahli Muda"
    case .ahliMadya: return "Ahli Madya"
    case .ahliUtama: return "Ahli Utama"
    case .pemula: return "Pemula"
    case .terampil: return "Terampil"
    case .mahir: return "Mahir"
    case .penyelia: return "Penyelia"
    case .pelaksana: return "Pelaksana"
    }
  }
}
