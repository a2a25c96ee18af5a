import Testing

@testable import SimpegKinerja

@Suite("Kurva distribusi")
struct DistributionCurveTests {
  private func check(
    _ organisasi: PredikatOrganisasi, sb: Int = 0, b: Int = 0, bp: Int = 0, k: Int = 0, sk: Int = 0
  ) -> DistributionCheck {
    DistributionCurve.check(
      PredikatCounts(sangatBaik: sb, baik: b, butuhPerbaikan: bp, kurang: k, sangatKurang: sk),
      organisasi: organisasi)
  }

  // MARK: Istimewa

  @Test func istimewaAllowsExactly70PercentSangatBaik() {
    #expect(check(.istimewa, sb: 7, b: 3).conforms)
  }

  @Test func istimewaRejects80PercentSangatBaikByOnePerson() {
    let result = check(.istimewa, sb: 8, b: 2)
    #expect(result.violations.count == 1)
    #expect(result.violations[0].actualCount == 8)
    #expect(result.violations[0].boundCount == 7)
    #expect(result.violations[0].peopleToChange == 1)
    #expect(result.violations[0].actualPercentage == Percentage(basisPoints: 8000))
    #expect(result.minimumChanges == 1)
  }

  @Test func istimewaUnitOfThreeAllowsTwoSangatBaik() {
    #expect(check(.istimewa, sb: 2, b: 1).conforms)
    #expect(check(.istimewa, sb: 3).violations[0].boundCount == 2)
  }

  @Test func istimewaUnitOfTwoAllowsOneSangatBaik() {
    #expect(check(.istimewa, sb: 1, b: 1).conforms)
    #expect(!check(.istimewa, sb: 2).conforms)
  }

  @Test func istimewaUnitOfOneAllowsNoSangatBaik() {
    #expect(check(.istimewa, sb: 1).violations[0].boundCount == 0)
    #expect(check(.istimewa, b: 1).conforms)
  }

  // MARK: Baik

  @Test func baikAllowsExactly70PercentBaikWithOneButuhPerbaikan() {
    #expect(check(.baik, sb: 2, b: 7, bp: 1).conforms)
  }

  @Test func baikNeedsAtLeastOneButuhPerbaikanOrKurang() {
    let result = check(.baik, sb: 3, b: 7)
    #expect(
      result.violations.map(\.rule) == [DistributionRule(.atLeastCount(1), [.butuhPerbaikan, .kurang])])
    #expect(result.violations[0].peopleToChange == 1)
  }

  @Test func baikCountsKurangTowardsTheRequiredOne() {
    #expect(check(.baik, sb: 3, b: 6, k: 1).conforms)
  }

  @Test func baikRejectsMoreThan70PercentBaik() {
    let result = check(.baik, b: 8, bp: 2)
    #expect(result.violations.count == 1)
    #expect(result.violations[0].boundCount == 7)
  }

  @Test func baikUnitOfOneMustBeButuhPerbaikanOrKurang() {
    let alone = check(.baik, b: 1)
    #expect(alone.violations.count == 2)
    #expect(alone.minimumChanges == 1)
    #expect(check(.baik, bp: 1).conforms)
    #expect(!check(.baik, sb: 1).conforms)
  }

  @Test func baikUnitOfTwoConformsWithOneBaikAndOneKurang() {
    #expect(check(.baik, b: 1, k: 1).conforms)
  }

  @Test func baikUnitOfThreeAllowsTwoBaik() {
    #expect(check(.baik, b: 2, bp: 1).conforms)
  }

  // MARK: Butuh Perbaikan

  @Test func butuhPerbaikanAcceptsExactly60PercentAnd10PercentSangatBaik() {
    #expect(check(.butuhPerbaikan, sb: 1, b: 3, bp: 6).conforms)
  }

  @Test func butuhPerbaikanNeedsCeilingOf60PercentInAUnitOfThree() {
    let result = check(.butuhPerbaikan, b: 2, bp: 1)
    #expect(result.violations.count == 1)
    #expect(result.violations[0].boundCount == 2)
    #expect(result.violations[0].peopleToChange == 1)
    #expect(check(.butuhPerbaikan, b: 1, bp: 2).conforms)
  }

  @Test func butuhPerbaikanAllowsNoSangatBaikBelowTenPeople() {
    let result = check(.butuhPerbaikan, sb: 1, bp: 8)
    #expect(result.violations.map(\.boundCount) == [0])
  }

  @Test func butuhPerbaikanUnitOfTwoNeedsBothButuhPerbaikan() {
    #expect(check(.butuhPerbaikan, bp: 2).conforms)
    let result = check(.butuhPerbaikan, b: 1, bp: 1)
    #expect(result.violations.map(\.boundCount) == [2])
    #expect(result.minimumChanges == 1)
  }

  @Test func butuhPerbaikanUnitOfOneMustBeButuhPerbaikan() {
    #expect(check(.butuhPerbaikan, bp: 1).conforms)
    #expect(!check(.butuhPerbaikan, b: 1).conforms)
  }

  @Test func oneChangeCanMendTwoRules() {
    // 2 Sangat Baik too many and 6 Butuh Perbaikan too few: moving Sangat Baik down to Butuh
    // Perbaikan mends both, so 6 changes suffice, not 8.
    let result = check(.butuhPerbaikan, sb: 3, b: 7)
    #expect(result.violations.map(\.peopleToChange) == [6, 2])
    #expect(result.minimumChanges == 6)
  }

  // MARK: Kurang

  @Test func kurangAcceptsTheExactBoundsInAUnitOfTen() {
    #expect(check(.kurang, sb: 1, b: 2, bp: 1, k: 6).conforms)
  }

  @Test func kurangReportsEveryFailedRule() {
    let result = check(.kurang, sb: 2, b: 3, k: 5)
    #expect(result.violations.map(\.peopleToChange) == [1, 1, 1])
    #expect(result.minimumChanges == 2)
  }

  @Test func kurangUnitOfThreeNeedsTwoKurangAndOneButuhPerbaikan() {
    #expect(check(.kurang, bp: 1, k: 2).conforms)
  }

  @Test(arguments: [1, 2])
  func kurangCannotBeMetByAUnitOfOneOrTwo(size: Int) {
    let result = check(.kurang, k: size)
    #expect(!result.isSatisfiable)
    #expect(result.minimumChanges == nil)
    #expect(!result.conforms)
  }

  // MARK: Sangat Kurang

  @Test func sangatKurangAcceptsTheExactBoundsInAUnitOfTen() {
    #expect(check(.sangatKurang, b: 3, k: 1, sk: 6).conforms)
  }

  @Test func sangatKurangAllowsNoSangatBaikAtAll() {
    let result = check(.sangatKurang, sb: 1, bp: 3, sk: 6)
    #expect(result.violations.map(\.rule.description) == ["no Sangat Baik"])
  }

  @Test func sangatKurangUnitOfThreeAcceptsButuhPerbaikanAsTheTenPercent() {
    #expect(check(.sangatKurang, bp: 1, sk: 2).conforms)
  }

  @Test(arguments: [1, 2])
  func sangatKurangCannotBeMetByAUnitOfOneOrTwo(size: Int) {
    #expect(!check(.sangatKurang, sk: size).isSatisfiable)
  }

  // MARK: Every organisation predikat

  @Test(arguments: PredikatOrganisasi.allCases)
  func emptyUnitHasNothingToCheck(organisasi: PredikatOrganisasi) {
    let result = check(organisasi)
    #expect(result.conforms)
    #expect(result.outcomes.isEmpty)
    #expect(result.minimumChanges == 0)
  }

  @Test(arguments: PredikatOrganisasi.allCases)
  func rulesOfACurveCountDisjointSetsWithOneUpperBound(organisasi: PredikatOrganisasi) {
    // The closed form for minimumChanges relies on this shape.
    let rules = DistributionCurve.rules(for: organisasi)
    let sets = rules.map { Set($0.predikats) }
    for i in sets.indices {
      for j in sets.indices where i < j { #expect(sets[i].isDisjoint(with: sets[j])) }
    }
    #expect(rules.filter(\.bound.isUpperBound).count == 1)
  }

  @Test(arguments: PredikatOrganisasi.allCases)
  func minimumChangesMatchesExhaustiveSearchForUnitsUpToEight(organisasi: PredikatOrganisasi) {
    for size in 0...8 {
      let candidates = allCounts(total: size)
      let rules = DistributionCurve.rules(for: organisasi)
      let conforming = candidates.filter { target in
        rules.allSatisfy { $0.allowedCounts(unitSize: size).contains(target.count(of: $0.predikats)) }
      }
      for counts in candidates {
        let result = DistributionCurve.check(counts, organisasi: organisasi)
        let expected = size == 0 ? 0 : fewestMoves(from: counts, toAnyOf: conforming)
        #expect(result.minimumChanges == expected, "\(organisasi) \(counts)")
        #expect(result.conforms == (expected == 0), "\(organisasi) \(counts)")
      }
    }
  }

  @Test func violationDescriptionGivesCountShareBoundAndPeople() {
    let result = check(.istimewa, sb: 3)
    #expect(
      result.violations[0].description
        == "at most 70% Sangat Baik: 3 of 3 (100.00%), at most 2 allowed, 1 too many")
    let short = check(.butuhPerbaikan, b: 2, bp: 1)
    #expect(
      short.violations[0].description
        == "at least 60% Butuh Perbaikan: 1 of 3 (33.33%), at least 2 needed, 1 too few")
  }

  @Test func unsatisfiableDescriptionSaysSo() {
    #expect(check(.kurang, k: 1).description.contains("no rating of 1 people can meet every rule"))
  }

  // MARK: Helpers

  private func allCounts(total: Int) -> [PredikatCounts] {
    var result: [PredikatCounts] = []
    for sb in 0...total {
      for b in 0...(total - sb) {
        for bp in 0...(total - sb - b) {
          for k in 0...(total - sb - b - bp) {
            result.append(
              PredikatCounts(
                sangatBaik: sb, baik: b, butuhPerbaikan: bp, kurang: k, sangatKurang: total - sb - b - bp - k)
            )
          }
        }
      }
    }
    return result
  }

  /// The fewest people to re-rate so `counts` becomes one of `targets`; nil when there is none.
  private func fewestMoves(from counts: PredikatCounts, toAnyOf targets: [PredikatCounts]) -> Int? {
    targets.map { target in
      Predikat.allCases.reduce(0) { $0 + max(0, counts[$1] - target[$1]) }
    }.min()
  }
}
