/// The predikat kinerja organisasi a leader sets for a unit before employees are rated
/// (SE MenPANRB 3/2023); the raw value is this system's stable code.
public enum PredikatOrganisasi: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Istimewa.
  case istimewa = 1
  /// Baik.
  case baik = 2
  /// Butuh Perbaikan.
  case butuhPerbaikan = 3
  /// Kurang.
  case kurang = 4
  /// Sangat Kurang.
  case sangatKurang = 5

  /// `Istimewa`, `Baik`, `Butuh Perbaikan`, `Kurang`, `Sangat Kurang`.
  public var description: String {
    switch self {
    case .istimewa: return "Istimewa"
    case .baik: return "Baik"
    case .butuhPerbaikan: return "Butuh Perbaikan"
    case .kurang: return "Kurang"
    case .sangatKurang: return "Sangat Kurang"
    }
  }
}
