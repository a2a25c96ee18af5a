import Testing

@testable import SimpegKinerja

@Suite("Angka kredit")
struct AngkaKreditTests {
  @Test(arguments: [
    (JabatanLevel.ahliPertama, ["18.750", "12.500", "9.375", "6.250", "3.125"]),
    (.ahliMuda, ["37.500", "25.000", "18.750", "12.500", "6.250"]),
    (.ahliMadya, ["56.250", "37.500", "28.125", "18.750", "9.375"]),
    (.ahliUtama, ["75.000", "50.000", "37.500", "25.000", "12.500"]),
    (.pemula, ["5.625", "3.750", "2.813", "1.875", "0.938"]),
    (.terampil, ["7.500", "5.000", "3.750", "2.500", "1.250"]),
    (.mahir, ["18.750", "12.500", "9.375", "6.250", "3.125"]),
    (.penyelia, ["37.500", "25.000", "18.750", "12.500", "6.250"]),
  ])
  func annualCreditOfEveryLevelForEveryPredikat(level: JabatanLevel, expected: [String]) throws {
    let credits = try Predikat.allCases.map { try AngkaKreditRule.credit(predikat: $0, level: level) }
    #expect(credits.map(\.description) == expected)
  }

  @Test func pemulaButuhPerbaikanIsExactlyTwoPoint8125() throws {
    let credit = try AngkaKreditRule.credit(predikat: .butuhPerbaikan, level: .pemula)
    #expect(credit.formatted(fractionDigits: 4) == "2.8125")
    #expect(credit.isExact(atFractionDigits: 4))
    #expect(!credit.isExact(atFractionDigits: 3))
  }

  @Test(arguments: [
    (JabatanLevel.ahliPertama, Predikat.baik, 6, "6.250"),
    (.ahliPertama, .baik, 1, "1.042"),
    (.ahliMuda, .sangatBaik, 3, "9.375"),
    (.ahliMadya, .butuhPerbaikan, 7, "16.406"),
    (.ahliUtama, .kurang, 11, "22.917"),
    (.pemula, .butuhPerbaikan, 5, "1.172"),
    (.terampil, .sangatKurang, 9, "0.938"),
    (.mahir, .sangatBaik, 4, "6.250"),
    (.penyelia, .baik, 2, "4.167"),
  ])
  func partialPeriodCountsMonthsOverTwelve(
    level: JabatanLevel, predikat: Predikat, months: Int, expected: String
  )
    throws
  {
    #expect(
      try AngkaKreditRule.credit(predikat: predikat, level: level, months: months).description == expected)
  }

  @Test func twelveMonthlyCreditsAddUpToExactlyTheAnnualCredit() throws {
    for level in JabatanLevel.allCases where level.kind.isFungsional {
      for predikat in Predikat.allCases {
        let month = try AngkaKreditRule.credit(predikat: predikat, level: level, months: 1)
        let sum = (0..<12).reduce(AngkaKredit.zero) { total, _ in total + month }
        #expect(sum == (try AngkaKreditRule.credit(predikat: predikat, level: level)))
      }
    }
  }

  @Test func fiveMonthsPlusSevenMonthsIsTheYear() throws {
    let first = try AngkaKreditRule.credit(predikat: .baik, level: .ahliMadya, months: 5)
    let second = try AngkaKreditRule.credit(predikat: .baik, level: .ahliMadya, months: 7)
    #expect(first + second == AngkaKredit(units: 37_500 * AngkaKredit.unitsPerPoint / 1000))
  }

  @Test(arguments: [0, 13, -1])
  func monthsOutside1To12AreRejected(months: Int) {
    #expect(throws: AngkaKreditError.monthsOutOfRange(months)) {
      try AngkaKreditRule.credit(predikat: .baik, level: .ahliMuda, months: months)
    }
  }

  @Test(arguments: [JabatanLevel.pelaksana, .pengawas, .administrator, .jptPratama])
  func nonFunctionalLevelsEarnNoCredit(level: JabatanLevel) {
    #expect(throws: AngkaKreditError.notFungsional(level)) {
      try AngkaKreditRule.credit(predikat: .baik, level: level)
    }
  }

  @Test func coefficientsAsCredit() {
    #expect(AngkaKreditRule.coefficient(for: .pemula)?.formatted(fractionDigits: 2) == "3.75")
    #expect(AngkaKreditRule.coefficient(for: .ahliUtama) == AngkaKredit(points: 50))
  }
}
