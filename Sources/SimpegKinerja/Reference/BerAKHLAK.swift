/// The seven BerAKHLAK core values against which perilaku kerja is rated; stable codes 1-7.
public enum BerAKHLAK: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Berorientasi Pelayanan.
  case berorientasiPelayanan = 1
  /// Akuntabel.
  case akuntabel
  /// Kompeten.
  case kompeten
  /// Harmonis.
  case harmonis
  /// Loyal.
  case loyal
  /// Adaptif.
  case adaptif
  /// Kolaboratif.
  case kolaboratif

  /// The value's name, e.g. `Berorientasi Pelayanan`.
  public var description: String {
    switch self {
    case .berorientasiPelayanan: return "Berorientasi Pelayanan"
    case .akuntabel: return "Akuntabel"
    case .kompeten: return "Kompeten"
    case .harmonis: return "Harmonis"
    case .loyal: return "Loyal"
    case .adaptif: return "Adaptif"
    case .kolaboratif: return "Kolaboratif"
    }
  }
}
