/// The target of one Indikator Kinerja Individu (IKI) of an RHK: a quantity for the year.
public struct IKITarget<ID: Hashable & Sendable>: Sendable, Hashable {
  /// The IKI.
  public var id: ID
  /// The quantity targeted for the whole SKP year; more than zero.
  public var annualQuantity: Int
  /// The unit of the quantity, e.g. `dokumen`, `laporan`.
  public var unit: String

  /// Creates a target.
  public init(id: ID, annualQuantity: Int, unit: String) {
    self.id = id
    self.annualQuantity = annualQuantity
    self.unit = unit
  }
}

/// An activity's output counted against an IKI: a quantity produced on a date.
public struct ActivityOutput<ID: Hashable & Sendable>: Sendable, Hashable {
  /// The IKI the output counts toward.
  public var iki: ID
  /// The activity date.
  public var date: CalendarDate
  /// The quantity produced; zero or more.
  public var quantity: Int

  /// Creates an output record.
  public init(iki: ID, date: CalendarDate, quantity: Int) {
    self.iki = iki
    self.date = date
    self.quantity = quantity
  }
}

/// A period of an SKP year over which realisation is measured.
public enum RealisationPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
  /// A month, 1-12.
  case month(Int)
  /// A quarter (triwulan), 1-4.
  case quarter(Int)
  /// The whole year.
  case year

  /// The months of the period; nil for a month or quarter number out of range.
  public var months: ClosedRange<Int>? {
    switch self {
    case .month(let month): return EvaluationPeriodKind.bulanan.months(ofPeriod: month)
    case .quarter(let quarter): return EvaluationPeriodKind.triwulan.months(ofPeriod: quarter)
    case .year: return 1...12
    }
  }

  /// `month 3`, `quarter 2`, `year`.
  public var description: String {
    switch self {
    case .month(let month): return "month \(month)"
    case .quarter(let quarter): return "quarter \(quarter)"
    case .year: return "year"
    }
  }
}

/// The realisation of an RHK: how much of its IKI targets the recorded activity outputs reach,
/// per month, quarter or year.
///
/// The target of a period is the annual target prorated by the period's months (a quarter's is a
/// quarter of the annual one). The realisation of an IKI is its period output over its period
/// target; the RHK's is the plain mean of its IKIs'. Both are computed exactly and rounded half up
/// to hundredths of a percent only at the end; they are not capped, so over-achievement shows
/// (150% is possible).
public struct RHKRealisation<ID: Hashable & Sendable>: Sendable {
  /// The SKP year.
  public let year: Int
  /// The RHK's IKI targets, in the order given.
  public let targets: [IKITarget<ID>]
  private let monthly: [ID: [Int]]

  /// Totals the outputs per IKI and month; throws when an output or target breaks a rule.
  public init(year: Int, targets: [IKITarget<ID>], outputs: [ActivityOutput<ID>]) throws(RealisationError<ID>)
  {
    var monthly: [ID: [Int]] = [:]
    for target in targets {
      guard target.annualQuantity > 0 else { throw .nonPositiveTarget(iki: target.id) }
      guard monthly.updateValue(Array(repeating: 0, count: 12), forKey: target.id) == nil else {
        throw .duplicateIKI(target.id)
      }
    }
    guard !targets.isEmpty else { throw .noTargets }
    for output in outputs {
      guard monthly[output.iki] != nil else { throw .unknownIKI(output.iki) }
      guard output.quantity >= 0 else { throw .negativeQuantity(iki: output.iki, date: output.date) }
      guard output.date.year == year else { throw .outsideYear(iki: output.iki, date: output.date) }
      monthly[output.iki]![output.date.month - 1] += output.quantity
    }
    self.year = year
    self.targets = targets
    self.monthly = monthly
  }

  /// The output quantity of an IKI in a period; 0 for an unknown IKI or an invalid period.
  public func quantity(of iki: ID, in period: RealisationPeriod) -> Int {
    guard let months = period.months, let perMonth = monthly[iki] else { return 0 }
    return months.reduce(0) { $0 + perMonth[$1 - 1] }
  }

  /// The realisation of one IKI in a period; nil for an unknown IKI or an invalid period.
  public func percentage(of iki: ID, in period: RealisationPeriod) -> Percentage? {
    guard let share = share(of: iki, in: period) else { return nil }
    return Percentage(basisPoints: share.rounded(scale: 10_000))
  }

  /// The RHK's realisation in a period: the mean of its IKIs'; nil for an invalid period.
  public func percentage(in period: RealisationPeriod) -> Percentage? {
    guard period.months != nil else { return nil }
    let sum = targets.reduce(Fraction.zero) { $0 + share(of: $1.id, in: period)! }
    return Percentage(basisPoints: (sum * Fraction(1, targets.count)).rounded(scale: 10_000))
  }

  /// The RHK's realisation for each month, January first.
  public var monthlyPercentages: [Percentage] { (1...12).map { percentage(in: .month($0))! } }

  /// The RHK's realisation for each quarter, the first quarter first.
  public var quarterlyPercentages: [Percentage] { (1...4).map { percentage(in: .quarter($0))! } }

  /// Output over prorated target, as an exact fraction of 1.
  private func share(of iki: ID, in period: RealisationPeriod) -> Fraction? {
    guard let months = period.months, let target = targets.first(where: { $0.id == iki }) else { return nil }
    // quantity / (annual x months / 12)
    return Fraction(quantity(of: iki, in: period) * 12, target.annualQuantity * months.count)
  }
}

/// Why a realisation cannot be computed.
public enum RealisationError<ID: Hashable & Sendable>: Error, Sendable, Hashable, CustomStringConvertible {
  /// The RHK has no IKI targets.
  case noTargets
  /// An IKI's annual target is zero or less.
  case nonPositiveTarget(iki: ID)
  /// Two targets name the same IKI.
  case duplicateIKI(ID)
  /// An output names an IKI that is not a target of the RHK.
  case unknownIKI(ID)
  /// An output has a negative quantity.
  case negativeQuantity(iki: ID, date: CalendarDate)
  /// An output lies outside the SKP year.
  case outsideYear(iki: ID, date: CalendarDate)

  /// A message naming the rule.
  public var description: String {
    switch self {
    case .noTargets: return "the RHK has no IKI target to measure against"
    case .nonPositiveTarget(let iki):
      return "IKI \(iki) has a target of zero or less; a target must be positive"
    case .duplicateIKI(let iki): return "IKI \(iki) has more than one target"
    case .unknownIKI(let iki): return "an output names IKI \(iki), which is not an IKI of this RHK"
    case .negativeQuantity(let iki, let date): return "the output for IKI \(iki) on \(date) is negative"
    case .outsideYear(let iki, let date):
      return "the output for IKI \(iki) on \(date) is outside the SKP year"
    }
  }
}
