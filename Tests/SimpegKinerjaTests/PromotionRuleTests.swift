import Testing

@testable import SimpegKinerja

@Suite("Promotion rule: at least Baik two years in a row")
struct PromotionRuleTests {
  @Test func twoConsecutiveYearsOfBaikMeetTheRule() {
    let check = PromotionRule.check(annual: [2023: .baik, 2024: .baik])
    #expect(check.meets)
    #expect(check.years == [2023, 2024])
  }

  @Test func sangatBaikCountsAsAtLeastBaik() {
    #expect(PromotionRule.check(annual: [2023: .sangatBaik, 2024: .baik]).meets)
  }

  @Test(arguments: [Predikat.butuhPerbaikan, .kurang, .sangatKurang])
  func aLatestYearBelowBaikFailsTheRule(latest: Predikat) {
    let check = PromotionRule.check(annual: [2022: .baik, 2023: .baik, 2024: latest])
    #expect(!check.meets)
    #expect(check.explanation.contains("2024 (\(latest))"))
  }

  @Test func anEarlierYearBelowBaikOfTheLatestPairFailsTheRule() {
    #expect(!PromotionRule.check(annual: [2023: .butuhPerbaikan, 2024: .sangatBaik]).meets)
  }

  @Test func aGapBetweenTheLatestTwoYearsFailsTheRule() {
    let check = PromotionRule.check(annual: [2022: .baik, 2024: .baik])
    #expect(!check.meets)
    #expect(check.explanation.contains("not consecutive"))
  }

  @Test func anOlderGoodPairDoesNotCountOnceTheLatestYearFallsShort() {
    #expect(!PromotionRule.check(annual: [2021: .baik, 2022: .baik, 2023: .kurang]).meets)
  }

  @Test(arguments: [[:], [2024: Predikat.sangatBaik]])
  func fewerThanTwoYearsFailTheRule(annual: [Int: Predikat]) {
    let check = PromotionRule.check(annual: annual)
    #expect(!check.meets)
    #expect(check.explanation.contains("there are \(annual.count)"))
  }
}
