/// The category of a jabatan pelaksana; the raw value is this system's stable code.
public enum PelaksanaCategory: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Klerek: administrative and clerical work.
  case klerek = 1
  /// Operator: operating services and equipment.
  case `operator` = 2
  /// Teknisi: technical work.
  case teknisi = 3

  /// `klerek`, `operator`, `teknisi`.
  public var description: String {
    switch self {
    case .klerek: return "klerek"
    case .operator: return "operator"
    case .teknisi: return "teknisi"
    }
  }
}
