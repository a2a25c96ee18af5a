import Testing

@testable import SimpegKinerja

@Suite("Predikat matrix")
struct PredikatMatrixTests {
  @Test(arguments: [
    (Rating.diAtasEkspektasi, Rating.diBawahEkspektasi, Predikat.kurang),
    (.diAtasEkspektasi, .sesuaiEkspektasi, .baik),
    (.diAtasEkspektasi, .diAtasEkspektasi, .sangatBaik),
    (.sesuaiEkspektasi, .diBawahEkspektasi, .kurang),
    (.sesuaiEkspektasi, .sesuaiEkspektasi, .baik),
    (.sesuaiEkspektasi, .diAtasEkspektasi, .baik),
    (.diBawahEkspektasi, .diBawahEkspektasi, .sangatKurang),
    (.diBawahEkspektasi, .sesuaiEkspektasi, .butuhPerbaikan),
    (.diBawahEkspektasi, .diAtasEkspektasi, .butuhPerbaikan),
  ])
  func everyCellOfTheMatrix(hasilKerja: Rating, perilaku: Rating, expected: Predikat) {
    #expect(Predikat(hasilKerja: hasilKerja, perilaku: perilaku) == expected)
  }

  @Test func siasnCodesOfRatingsAndPredikat() {
    #expect(Rating.allCases.map(\.rawValue) == [1, 2, 3])
    #expect(Predikat.allCases.map(\.rawValue) == [1, 2, 3, 4, 5])
    #expect(Predikat.kurang.description == "Kurang/Misconduct")
  }
}
