/// An evaluator's rating of hasil kerja or of perilaku kerja; the raw value is the SIASN code.
public enum Rating: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Di Atas Ekspektasi.
  case diAtasEkspektasi = 1
  /// Sesuai Ekspektasi.
  case sesuaiEkspektasi = 2
  /// Di Bawah Ekspektasi.
  case diBawahEkspektasi = 3

  /// `Di Atas Ekspektasi`.
  public var description: String {
    switch self {
    case .diAtasEkspektasi: return "Di Atas Ekspektasi"
    case .sesuaiEkspektasi: return "Sesuai Ekspektasi"
    case .diBawahEkspektasi: return "Di Bawah Ekspektasi"
    }
  }
}
