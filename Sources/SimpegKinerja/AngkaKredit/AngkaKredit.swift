/// An amount of angka kredit, held exactly.
///
/// Every credit of Peraturan BKN 3/2023 is coefficient x percentage x months/12 with
/// coefficients in hundredths (3.75), percentages in whole percent (75%) and whole months, so
/// every result is an integer number of 1/120 000ths. Holding that integer keeps results and
/// sums exact (twelve months of 1/12 add up to exactly the annual credit); only display rounds.
public struct AngkaKredit: Sendable, Hashable, Codable, Comparable, AdditiveArithmetic,
  CustomStringConvertible
{
  /// How many 1/120 000ths of a credit point this amount is.
  public let units: Int

  /// The number of units in one credit point.
  public static let unitsPerPoint = 120_000

  /// Creates an amount from a count of 1/120 000ths.
  public init(units: Int) {
    self.units = units
  }

  /// Creates a whole number of credit points.
  public init(points: Int) {
    self.units = points * Self.unitsPerPoint
  }

  /// No credit.
  public static let zero = AngkaKredit(units: 0)

  /// The value rounded half up to `fractionDigits` decimals, as decimal text, e.g. `1.042`.
  public func formatted(fractionDigits: Int = 3) -> String {
    var scale = 1
    for _ in 0..<fractionDigits { scale *= 10 }
    return fixedPointText(roundedQuotient(units * scale, Self.unitsPerPoint), fractionDigits: fractionDigits)
  }

  /// Whether the value has at most `fractionDigits` decimals, i.e. `formatted` loses nothing.
  public func isExact(atFractionDigits fractionDigits: Int) -> Bool {
    var scale = 1
    for _ in 0..<fractionDigits { scale *= 10 }
    return (units * scale) % Self.unitsPerPoint == 0
  }

  /// The value rounded half up to thousandths, as text, e.g. `18.750`.
  public var description: String { formatted() }

  /// Adds two amounts exactly.
  public static func + (lhs: AngkaKredit, rhs: AngkaKredit) -> AngkaKredit {
    AngkaKredit(units: lhs.units + rhs.units)
  }

  /// Subtracts two amounts exactly.
  public static func - (lhs: AngkaKredit, rhs: AngkaKredit) -> AngkaKredit {
    AngkaKredit(units: lhs.units - rhs.units)
  }

  /// Orders by value.
  public static func < (lhs: AngkaKredit, rhs: AngkaKredit) -> Bool { lhs.units < rhs.units }
}
