/// A percentage held exactly in hundredths of a percent (basis points), e.g. 66.67% is 6667.
///
/// Values come from exact integer ratios rounded half up at the second decimal, never from
/// binary floating point, so the same counts always give the same text.
public struct Percentage: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// Hundredths of a percent: 10000 is 100%.
  public let basisPoints: Int

  /// Creates the percentage from hundredths of a percent.
  public init(basisPoints: Int) {
    self.basisPoints = basisPoints
  }

  /// `part` as a share of `whole`, rounded half up to hundredths of a percent; 0% when `whole` is 0.
  public init(part: Int, of whole: Int) {
    self.basisPoints = whole == 0 ? 0 : roundedQuotient(part * 10_000, whole)
  }

  /// The percentage as text with two decimals and a percent sign, e.g. `66.67%`.
  public var description: String { "\(hundredthsText(basisPoints))%" }

  /// Orders percentages by value.
  public static func < (lhs: Percentage, rhs: Percentage) -> Bool {
    lhs.basisPoints < rhs.basisPoints
  }
}

/// `numerator / denominator` rounded half away from zero; `denominator` must be positive.
func roundedQuotient(_ numerator: Int, _ denominator: Int) -> Int {
  precondition(denominator > 0, "a quotient needs a positive denominator")
  let magnitude = (abs(numerator) * 2 + denominator) / (2 * denominator)
  return numerator < 0 ? -magnitude : magnitude
}

/// An integer count of hundredths as text with two decimals, e.g. 8831 as `88.31`.
func hundredthsText(_ hundredths: Int) -> String {
  fixedPointText(hundredths, fractionDigits: 2)
}

/// An integer scaled by 10^fractionDigits as decimal text, e.g. (18750, 3) as `18.750`.
func fixedPointText(_ scaled: Int, fractionDigits: Int) -> String {
  var scale = 1
  for _ in 0..<fractionDigits { scale *= 10 }
  let sign = scaled < 0 ? "-" : ""
  let whole = abs(scaled) / scale
  guard fractionDigits > 0 else { return "\(sign)\(whole)" }
  let fraction = CalendarDate.pad(abs(scaled) % scale, fractionDigits)
  return "\(sign)\(whole).\(fraction)"
}
