/// The predikat kinerja pegawai; the raw value is the SIASN kuadran code.
public enum Predikat: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Sangat Baik (1).
  case sangatBaik = 1
  /// Baik (2).
  case baik = 2
  /// Butuh Perbaikan (3).
  case butuhPerbaikan = 3
  /// Kurang/Misconduct (4).
  case kurang = 4
  /// Sangat Kurang (5).
  case sangatKurang = 5

  /// The predikat that the matrix of PermenPANRB 6/2022 gives for two ratings.
  ///
  /// | hasil kerja \ perilaku | Di Bawah | Sesuai | Di Atas |
  /// |---|---|---|---|
  /// | Di Atas | Kurang/Misconduct | Baik | Sangat Baik |
  /// | Sesuai | Kurang/Misconduct | Baik | Baik |
  /// | Di Bawah | Sangat Kurang | Butuh Perbaikan | Butuh Perbaikan |
  public init(hasilKerja: Rating, perilaku: Rating) {
    switch (hasilKerja, perilaku) {
    case (.diAtasEkspektasi, .diAtasEkspektasi): self = .sangatBaik
    case (.diAtasEkspektasi, .sesuaiEkspektasi): self = .baik
    case (.sesuaiEkspektasi, .diAtasEkspektasi): self = .baik
    case (.sesuaiEkspektasi, .sesuaiEkspektasi): self = .baik
    case (.diAtasEkspektasi, .diBawahEkspektasi): self = .kurang
    case (.sesuaiEkspektasi, .diBawahEkspektasi): self = .kurang
    case (.diBawahEkspektasi, .diAtasEkspektasi): self = .butuhPerbaikan
    case (.diBawahEkspektasi, .sesuaiEkspektasi): self = .butuhPerbaikan
    case (.diBawahEkspektasi, .diBawahEkspektasi): self = .sangatKurang
    }
  }

  /// Whether the predikat counts toward promotion (at least Baik, two years in a row).
  public var isAtLeastBaik: Bool { self == .sangatBaik || self == .baik }

  /// `Sangat Baik`, `Baik`, `Butuh Perbaikan`, `Kurang/Misconduct`, `Sangat Kurang`.
  public var description: String {
    switch self {
    case .sangatBaik: return "Sangat Baik"
    case .baik: return "Baik"
    case .butuhPerbaikan: return "Butuh Perbaikan"
    case .kurang: return "Kurang/Misconduct"
    case .sangatKurang: return "Sangat Kurang"
    }
  }
}
