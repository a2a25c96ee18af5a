/// A person's gender as NIP digit 15 and the NIK birth day encode it.
public enum Gender: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// Laki-laki: NIP digit 15 is 1.
  case lakiLaki = 1
  /// Perempuan: NIP digit 15 is 2; a NIK adds 40 to the birth day.
  case perempuan = 2

  /// The Indonesian word, e.g. `laki-laki`.
  public var description: String {
    switch self {
    case .lakiLaki: return "laki-laki"
    case .perempuan: return "perempuan"
    }
  }
}
