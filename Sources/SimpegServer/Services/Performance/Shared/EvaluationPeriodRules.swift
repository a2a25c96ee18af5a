import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Stable numbers for evaluation periods in keys: kind x 100 + number, e.g. 203 for the third
/// quarter, 301 for the year.
enum PeriodCode {
  /// The code of `period` (0 for an unspecified kind).
  static func of(_ period: Simpeg_V1_EvaluationPeriod) -> UInt32 {
    let kind = UInt32(clamping: period.kind.rawValue)
    let number = period.kind == .tahunan && period.number == 0 ? 1 : period.number
    return kind * 100 + number
  }
}

/// A checked evaluation period: its year, kind and number, with its months.
struct CheckedPeriod: Sendable, Hashable, CustomStringConvertible {
  let year: Int
  let kind: EvaluationPeriodKind
  let number: Int
  let months: ClosedRange<Int>

  /// Checks `period`; the kind must be tahunan or the year's periodic kind.
  init(_ period: Simpeg_V1_EvaluationPeriod, periodicKind: EvaluationPeriodKind) throws {
    guard (2000...2100).contains(period.year) else {
      throw RPCError(.invalidArgument, "period.year \(period.year) is not a year from 2000 to 2100")
    }
    guard let kind = EvaluationPeriodKind(rawValue: period.kind.rawValue) else {
      throw RPCError(
        .invalidArgument,
        "period.kind must be 1 (bulanan), 2 (triwulan) or 3 (tahunan), not \(period.kind.rawValue)")
    }
    guard kind == .tahunan || kind == periodicKind else {
      throw RPCError(
        .failedPrecondition,
        "the periodic evaluation of \(period.year) is \(periodicKind), not \(kind) "
          + "(rule: the instansi chooses one periodic kind per year)")
    }
    let number = kind == .tahunan && period.number == 0 ? 1 : Int(period.number)
    guard let months = kind.months(ofPeriod: number) else {
      throw RPCError(
        .invalidArgument,
        "period.number \(period.number) is not a \(kind) period: 1 to \(kind.periodsPerYear)")
    }
    self.year = Int(period.year)
    self.kind = kind
    self.number = number
    self.months = months
  }

  /// The period as sent on the wire (number normalised).
  var message: Simpeg_V1_EvaluationPeriod {
    var period = Simpeg_V1_EvaluationPeriod()
    period.year = Int32(year)
    period.kind = Simpeg_V1_EvaluationPeriodKind(rawValue: kind.rawValue) ?? .unspecified
    period.number = UInt32(number)
    return period
  }

  /// The key code of the period.
  var code: UInt32 { UInt32(kind.rawValue * 100 + number) }

  /// The first day of the period.
  var firstDay: CalendarDate { CalendarDate(year: year, month: months.lowerBound, day: 1)! }

  /// E.g. `2025 triwulan 2`.
  var description: String {
    kind == .tahunan ? "\(year) tahunan" : "\(year) \(kind) \(number)"
  }

  /// The periodic kind chosen for `year` (triwulan when none was chosen).
  static func periodicKind(of year: Int32, in transaction: ReadTransaction) throws
    -> EvaluationPeriodKind
  {
    let setting = try Tables.periodKinds.get(UInt32(clamping: year), in: transaction)
    return setting.flatMap { EvaluationPeriodKind(rawValue: $0.kind.rawValue) } ?? .triwulan
  }

  /// Checks `period` against the periodic kind chosen for its year.
  static func check(_ period: Simpeg_V1_EvaluationPeriod, in transaction: ReadTransaction) throws
    -> CheckedPeriod
  {
    try CheckedPeriod(period, periodicKind: periodicKind(of: period.year, in: transaction))
  }
}
