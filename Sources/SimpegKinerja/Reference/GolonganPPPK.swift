/// The golongan of a PPPK, I to XVII (Perpres 98/2020); the raw value is the number.
public enum GolonganPPPK: Int, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible
{
  /// Golongan I.
  case i = 1
  /// Golongan II.
  case ii
  /// Golongan III.
  case iii
  /// Golongan IV.
  case iv
  /// Golongan V.
  case v
  /// Golongan VI.
  case vi
  /// Golongan VII.
  case vii
  /// Golongan VIII.
  case viii
  /// Golongan IX.
  case ix
  /// Golongan X.
  case x
  /// Golongan XI.
  case xi
  /// Golongan XII.
  case xii
  /// Golongan XIII.
  case xiii
  /// Golongan XIV.
  case xiv
  /// Golongan XV.
  case xv
  /// Golongan XVI.
  case xvi
  /// Golongan XVII.
  case xvii

  /// Looks a golongan up by its Roman numeral, e.g. `IX`.
  public init?(text: String) {
    guard let match = Self.allCases.first(where: { $0.text == text }) else { return nil }
    self = match
  }

  /// The Roman numeral, e.g. `IX`.
  public var text: String {
    [
      "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
      "XVII",
    ][rawValue - 1]
  }

  /// The Roman numeral.
  public var description: String { text }

  /// Orders by seniority.
  public static func < (lhs: GolonganPPPK, rhs: GolonganPPPK) -> Bool { lhs.rawValue < rhs.rawValue }
}
