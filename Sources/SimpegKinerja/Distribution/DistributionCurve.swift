/// The kurva distribusi of SE MenPANRB 3/2023: the rules a unit's employee predikat must meet,
/// given the predikat kinerja organisasi, and the check of a unit against them.
///
/// | organisation | rules |
/// |---|---|
/// | Istimewa | at most 70% Sangat Baik |
/// | Baik | at most 70% Baik; at least one Butuh Perbaikan or Kurang |
/// | Butuh Perbaikan | at least 60% Butuh Perbaikan; at most 10% Sangat Baik |
/// | Kurang | at least 60% Kurang; at least 10% Butuh Perbaikan; at most 10% Sangat Baik |
/// | Sangat Kurang | at least 60% Sangat Kurang; at least 10% Kurang or Butuh Perbaikan; no Sangat Baik |
///
/// The rules apply literally at every unit size (see `DistributionRule` for the rounding). Small
/// units therefore feel them hard: in a unit of one under a Baik organisation the one employee
/// must be Butuh Perbaikan or Kurang; under a Kurang or Sangat Kurang organisation a unit of one
/// or two cannot meet every rule at once, which the check reports as unsatisfiable (finalising
/// then needs the authorised override). A unit with nobody to rate has nothing to check and
/// conforms.
public enum DistributionCurve {
  /// The rules for a unit whose organisation has `organisasi`.
  public static func rules(for organisasi: PredikatOrganisasi) -> [DistributionRule] {
    switch organisasi {
    case .istimewa:
      return [DistributionRule(.atMostPercent(70), [.sangatBaik])]
    case .baik:
      return [
        DistributionRule(.atMostPercent(70), [.baik]),
        DistributionRule(.atLeastCount(1), [.butuhPerbaikan, .kurang]),
      ]
    case .butuhPerbaikan:
      return [
        DistributionRule(.atLeastPercent(60), [.butuhPerbaikan]),
        DistributionRule(.atMostPercent(10), [.sangatBaik]),
      ]
    case .kurang:
      return [
        DistributionRule(.atLeastPercent(60), [.kurang]),
        DistributionRule(.atLeastPercent(10), [.butuhPerbaikan]),
        DistributionRule(.atMostPercent(10), [.sangatBaik]),
      ]
    case .sangatKurang:
      return [
        DistributionRule(.atLeastPercent(60), [.sangatKurang]),
        DistributionRule(.atLeastPercent(10), [.kurang, .butuhPerbaikan]),
        DistributionRule(.atMostPercent(0), [.sangatBaik]),
      ]
    }
  }

  /// Checks a unit's predikat counts against the curve of its organisation's predikat.
  public static func check(_ counts: PredikatCounts, organisasi: PredikatOrganisasi) -> DistributionCheck {
    let size = counts.total
    guard size > 0 else {
      return DistributionCheck(
        organisasi: organisasi, counts: counts, outcomes: [], isSatisfiable: true, minimumChanges: 0)
    }
    let outcomes = rules(for: organisasi).map { rule in
      DistributionRuleOutcome(rule: rule, actualCount: counts.count(of: rule.predikats), unitSize: size)
    }
    // Within every curve the counted sets are pairwise disjoint and there is one upper bound, so
    // one change can at best move a person out of the capped set and into one short set: the
    // fewest changes are max(total excess, total shortfall) whenever the minimums fit in the unit.
    let required = outcomes.filter { !$0.rule.bound.isUpperBound }.map(\.allowed.lowerBound).reduce(0, +)
    let excess = outcomes.filter { $0.rule.bound.isUpperBound }.map(\.peopleToChange).reduce(0, +)
    let shortfall = outcomes.filter { !$0.rule.bound.isUpperBound }.map(\.peopleToChange).reduce(0, +)
    let satisfiable = required <= size
    return DistributionCheck(
      organisasi: organisasi, counts: counts, outcomes: outcomes, isSatisfiable: satisfiable,
      minimumChanges: satisfiable ? max(excess, shortfall) : nil)
  }
}
