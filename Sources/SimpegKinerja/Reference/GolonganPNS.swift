/// The golongan/ruang of a PNS with its pangkat; the raw value is the SIASN golongan id.
///
/// Comparable by seniority: I/a is the lowest, IV/e the highest.
public enum GolonganPNS: Int, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
  /// I/a Juru Muda.
  case ia = 11
  /// I/b Juru Muda Tingkat I.
  case ib = 12
  /// I/c Juru.
  case ic = 13
  /// I/d Juru Tingkat I.
  case id = 14
  /// II/a Pengatur Muda.
  case iia = 21
  /// II/b Pengatur Muda Tingkat I.
  case iib = 22
  /// II/c Pengatur.
  case iic = 23
  /// II/d Pengatur Tingkat I.
  case iid = 24
  /// III/a Penata Muda.
  case iiia = 31
  /// III/b Penata Muda Tingkat I.
  case iiib = 32
  /// III/c Penata.
  case iiic = 33
  /// III/d Penata Tingkat I.
  case iiid = 34
  /// IV/a Pembina.
  case iva = 41
  /// IV/b Pembina Tingkat I.
  case ivb = 42
  /// IV/c Pembina Utama Muda.
  case ivc = 43
  /// IV/d Pembina Utama Madya.
  case ivd = 44
  /// IV/e Pembina Utama.
  case ive = 45

  /// Looks a golongan up by its text, e.g. `III/a`.
  public init?(text: String) {
    guard let match = Self.allCases.first(where: { $0.text == text }) else { return nil }
    self = match
  }

  /// The golongan in Roman numerals with the ruang letter, e.g. `III/a`.
  public var text: String {
    let roman = ["I", "II", "III", "IV"][rawValue / 10 - 1]
    let ruang = ["a", "b", "c", "d", "e"][rawValue % 10 - 1]
    return "\(roman)/\(ruang)"
  }

  /// The pangkat (rank title), e.g. `Penata Muda`.
  public var pangkat: String {
    switch self {
    case .ia: return "Juru Muda"
    case .ib: return "Juru Muda Tingkat I"
    case .ic: return "Juru"
    case .id: return "Juru Tingkat I"
    case .iia: return "Pengatur Muda"
    case .iib: return "Pengatur Muda Tingkat I"
    case .iic: return "Pengatur"
    case .iid: return "Pengatur Tingkat I"
    case .iiia: return "Penata Muda"
    case .iiib: return "Penata Muda Tingkat I"
    case .iiic: return "Penata"
    case .iiid: return "Penata Tingkat I"
    case .iva: return "Pembina"
    case .ivb: return "Pembina Tingkat I"
    case .ivc: return "Pembina Utama Muda"
    case .ivd: return "Pembina Utama Madya"
    case .ive: return "Pembina Utama"
    }
  }

  /// The golongan number 1-4 (I-IV).
  public var golongan: Int { rawValue / 10 }

  /// The position of this golongan in seniority order, 0 (I/a) to 16 (IV/e).
  public var rank: Int { Self.allCases.firstIndex(of: self)! }

  /// The next higher golongan, nil for IV/e.
  public var next: GolonganPNS? {
    let index = rank + 1
    return index < Self.allCases.count ? Self.allCases[index] : nil
  }

  /// `III/a Penata Muda`.
  public var description: String { "\(text) \(pangkat)" }

  /// Orders by seniority.
  public static func < (lhs: GolonganPNS, rhs: GolonganPNS) -> Bool { lhs.rawValue < rhs.rawValue }
}
