/// The eselon of a managerial position; the raw value follows the SIASN pattern (II.b is 22).
///
/// Comparable by seniority: I.a is the highest, so it compares as the greatest.
public enum Eselon: Int, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
  /// Eselon I.a.
  case ia = 11
  /// Eselon I.b.
  case ib = 12
  /// Eselon II.a (a kota's Sekda).
  case iia = 21
  /// Eselon II.b (kepala dinas/badan, Asisten, Sekretaris DPRD, Inspektur).
  case iib = 22
  /// Eselon III.a (sekretaris dinas, kepala bagian, camat).
  case iiia = 31
  /// Eselon III.b (kepala bidang, sekretaris kecamatan).
  case iiib = 32
  /// Eselon IV.a (kepala seksi/subbagian, lurah, kepala UPT).
  case iva = 41
  /// Eselon IV.b (sekretaris kelurahan, kepala seksi of a kelurahan).
  case ivb = 42
  /// Eselon V.a (historical).
  case va = 51

  /// `II.b`.
  public var text: String {
    let roman = ["I", "II", "III", "IV", "V"][rawValue / 10 - 1]
    return "\(roman).\(rawValue % 10 == 1 ? "a" : "b")"
  }

  /// The lowest and highest PNS golongan for the eselon (PP 100/2000 as amended by PP 13/2002).
  public var golonganRange: ClosedRange<GolonganPNS> {
    switch self {
    case .ia: return .ive ... .ive
    case .ib: return .ivd ... .ive
    case .iia: return .ivc ... .ivd
    case .iib: return .ivb ... .ivc
    case .iiia: return .iva ... .ivb
    case .iiib: return .iiid ... .iva
    case .iva: return .iiib ... .iiid
    case .ivb: return .iiia ... .iiib
    case .va: return .iic ... .iiia
    }
  }

  /// `Eselon II.b`.
  public var description: String { "Eselon \(text)" }

  /// Orders by seniority: a higher eselon (smaller code) is greater.
  public static func < (lhs: Eselon, rhs: Eselon) -> Bool { lhs.rawValue > rhs.rawValue }
}
