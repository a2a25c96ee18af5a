import SimpegAPI
import SimpegKinerja
import SimpegStore

/// The ratings under one unit's curve for one period: the evaluations, the people expected to
/// be rated (everyone in the unit and below with an approved SKP covering the period whose rating
/// falls under this curve, ``OrganisationCoverage/curve(for:period:in:)``) and the check of the
/// ratings against SimpegKinerja's `DistributionCurve`.
struct UnitEvaluationSet {
  let evaluations: [Simpeg_Internal_V1_EvaluationRecord]
  let unrated: [UInt64]
  let check: DistributionCheck

  /// Loads the set of `unit` for `period` under `organisasi`.
  static func load(
    unit: UInt64, period: CheckedPeriod, organisasi: PredikatOrganisasi, in transaction: ReadTransaction
  ) throws -> UnitEvaluationSet {
    let evaluations = try Tables.evaluations.find(
      Tables.evaluationsByOrganisationPeriod, equalTo: OrganisationCoverage.key(unit, period), in: transaction
    ).map(\.value)
    let rated = Set(evaluations.map(\.employeeID))
    var unrated: [UInt64] = []
    for member in try UnitTree.subtree(of: unit, in: transaction) {
      let records = try Tables.skps.find(
        Tables.skpsByUnit, equalTo: CompositeKey2(member, UInt32(period.year)), in: transaction)
      for row in records {
        guard let skp = row.value.inForce, skp.employeeID != 0, !rated.contains(skp.employeeID),
          overlaps(skp, period), let employee = try Tables.employees.get(skp.employeeID, in: transaction),
          try OrganisationCoverage.curve(for: employee, period: period, in: transaction)?.unitID == unit
        else { continue }
        unrated.append(skp.employeeID)
      }
    }
    let counts = PredikatCounts(evaluations.compactMap(\.predikat.rule))
    return UnitEvaluationSet(
      evaluations: evaluations, unrated: unrated.sorted(),
      check: DistributionCurve.check(counts, organisasi: organisasi))
  }

  /// Whether the SKP's months meet the period's.
  static func overlaps(_ skp: Simpeg_V1_SKP, _ period: CheckedPeriod) -> Bool {
    months(of: skp, in: period) > 0
  }

  /// How many months of `period` the SKP covers.
  static func months(of skp: Simpeg_V1_SKP, in period: CheckedPeriod) -> Int {
    let first = max(Int(skp.firstMonth), period.months.lowerBound)
    let last = min(Int(skp.lastMonth), period.months.upperBound)
    return max(0, last - first + 1)
  }
}
