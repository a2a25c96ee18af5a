/// An exact non-negative rational number for intermediate results; kept in lowest terms.
struct Fraction: Hashable, Comparable {
  let numerator: Int
  let denominator: Int

  init(_ numerator: Int, _ denominator: Int = 1) {
    precondition(denominator != 0, "a fraction needs a non-zero denominator")
    let sign = denominator < 0 ? -1 : 1
    let divisor = max(greatestCommonDivisor(abs(numerator), abs(denominator)), 1)
    self.numerator = sign * numerator / divisor
    self.denominator = sign * denominator / divisor
  }

  static let zero = Fraction(0)

  static func + (lhs: Fraction, rhs: Fraction) -> Fraction {
    let divisor = greatestCommonDivisor(lhs.denominator, rhs.denominator)
    let scaleLeft = rhs.denominator / divisor
    let scaleRight = lhs.denominator / divisor
    return Fraction(lhs.numerator * scaleLeft + rhs.numerator * scaleRight, lhs.denominator * scaleLeft)
  }

  static func * (lhs: Fraction, rhs: Fraction) -> Fraction {
    let first = Fraction(lhs.numerator, rhs.denominator)
    let second = Fraction(rhs.numerator, lhs.denominator)
    return Fraction(first.numerator * second.numerator, first.denominator * second.denominator)
  }

  static func < (lhs: Fraction, rhs: Fraction) -> Bool {
    lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
  }

  /// The value rounded half up to an integer multiple of 1/scale, as that integer.
  func rounded(scale: Int) -> Int {
    roundedQuotient(numerator * scale, denominator)
  }
}

func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
  var (x, y) = (a, b)
  while y != 0 { (x, y) = (y, x % y) }
  return x
}
