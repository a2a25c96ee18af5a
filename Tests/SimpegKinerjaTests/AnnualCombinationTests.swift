import Testing

@testable import SimpegKinerja

@Suite("Annual combination of a year's SKPs")
struct AnnualCombinationTests {
  @Test func theLongerPartWeighsMore() throws {
    let combined = try #require(
      AnnualCombination.combine([
        SKPShare(months: 2, hasilKerja: .diBawahEkspektasi, perilaku: .sesuaiEkspektasi),
        SKPShare(months: 10, hasilKerja: .diAtasEkspektasi, perilaku: .sesuaiEkspektasi),
      ]))
    // (3x2 + 1x10) / 12 = 1.33: Di Atas is nearest; perilaku stays Sesuai.
    #expect(combined.hasilKerja == .diAtasEkspektasi)
    #expect(combined.perilaku == .sesuaiEkspektasi)
  }

  @Test func aMeanBetweenTwoRatingsGoesToTheLongestPartThenTheLatest() throws {
    let even = try #require(
      AnnualCombination.combine([
        SKPShare(months: 6, hasilKerja: .diAtasEkspektasi, perilaku: .diAtasEkspektasi),
        SKPShare(months: 6, hasilKerja: .sesuaiEkspektasi, perilaku: .sesuaiEkspektasi),
      ]))
    #expect(even.hasilKerja == .sesuaiEkspektasi)
    let longer = try #require(
      AnnualCombination.combine([
        SKPShare(months: 3, hasilKerja: .sesuaiEkspektasi, perilaku: .sesuaiEkspektasi),
        SKPShare(months: 9, hasilKerja: .diAtasEkspektasi, perilaku: .diBawahEkspektasi),
      ]))
    // (2x3 + 1x9)/12 = 1.25: Di Atas; (2x3 + 3x9)/12 = 2.75: Di Bawah.
    #expect(longer.hasilKerja == .diAtasEkspektasi)
    #expect(longer.perilaku == .diBawahEkspektasi)
  }

  @Test func sharesWithoutMonthsCountForNothing() {
    #expect(
      AnnualCombination.combine([
        SKPShare(months: 0, hasilKerja: .diAtasEkspektasi, perilaku: .diAtasEkspektasi)
      ]) == nil)
  }

  @Test func angkaKreditCountsEachPartsMonthsAtItsLevel() {
    // Baik (100%): Ahli Pertama 12.5 x 5/12 + Ahli Muda 25 x 7/12 = 5.208 + 14.583 = 19.792.
    let credit = AnnualCombination.angkaKredit(
      predikat: .baik, shares: [(.ahliPertama, 5), (.ahliMuda, 7), (.pelaksana, 0)])
    #expect(credit.formatted() == "19.792")
  }
}
