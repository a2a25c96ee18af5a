import Testing

@testable import SimpegKinerja

@Suite("SKP content: RHKs, IKIs, expectations and completeness")
struct SKPContentRuleTests {
  private func iki(target: Int64 = 12, unit: String = "dokumen", narrative: String = "") -> SKPContentRule.IKI
  {
    SKPContentRule.IKI(
      aspect: 1, indicator: "Jumlah laporan", targetValue: target, targetUnit: unit,
      narrativeMeasure: narrative)
  }

  @Test func aJPTsRHKNeedsOneOfTheFourPerspectivesAndNobodyElsesHasOne() throws {
    #expect(
      try SKPContentRule.checkRHK(
        field: "content.rhks[0]", kind: 1, text: "Meningkatnya layanan", perspective: 2, ikis: 1,
        ownerIsJPT: true)
        == .utama)
    #expect(throws: SKPContentError.perspectiveRequired(field: "content.rhks[0]")) {
      try SKPContentRule.checkRHK(
        field: "content.rhks[0]", kind: 1, text: "Meningkatnya layanan", perspective: 0, ikis: 1,
        ownerIsJPT: true)
    }
    #expect(throws: SKPContentError.perspectiveNotAllowed(field: "content.rhks[1]")) {
      try SKPContentRule.checkRHK(
        field: "content.rhks[1]", kind: 2, text: "Narasumber", perspective: 3, ikis: 1, ownerIsJPT: false)
    }
  }

  @Test func anRHKNeedsAKnownKindATextAndOneToTwelveIKIs() {
    #expect(throws: SKPContentError.unknownRHKKind(field: "r")) {
      try SKPContentRule.checkRHK(field: "r", kind: 3, text: "x", perspective: 0, ikis: 1, ownerIsJPT: false)
    }
    #expect(throws: SKPContentError.textRequired(field: "r.text")) {
      try SKPContentRule.checkRHK(field: "r", kind: 1, text: "  ", perspective: 0, ikis: 1, ownerIsJPT: false)
    }
    #expect(throws: SKPContentError.ikiCount(field: "r", count: 13)) {
      try SKPContentRule.checkRHK(field: "r", kind: 1, text: "x", perspective: 0, ikis: 13, ownerIsJPT: false)
    }
  }

  @Test func aKuantitatifIKIHasAPositiveTargetWithItsUnitAndAKualitatifOneANarrative() throws {
    try SKPContentRule.checkIKI(iki(), field: "i", approach: .kuantitatif)
    #expect(throws: SKPContentError.targetRequired(field: "i")) {
      try SKPContentRule.checkIKI(iki(target: 0), field: "i", approach: .kuantitatif)
    }
    try SKPContentRule.checkIKI(
      iki(target: 0, unit: "", narrative: "Diterima tanpa revisi"), field: "i", approach: .kualitatif)
    #expect(throws: SKPContentError.textRequired(field: "i.narrative_measure")) {
      try SKPContentRule.checkIKI(iki(), field: "i", approach: .kualitatif)
    }
  }

  @Test func aKeptIdMustBeOfThePreviousVersionAndAppearOnce() throws {
    var seen: Set<UInt64> = []
    try SKPContentRule.checkKept(0, field: "r", what: "RHK", previous: [], seen: &seen)
    try SKPContentRule.checkKept(7, field: "r", what: "RHK", previous: [7], seen: &seen)
    #expect(throws: SKPContentError.repeatedID(field: "r", id: 7)) {
      try SKPContentRule.checkKept(7, field: "r", what: "RHK", previous: [7], seen: &seen)
    }
    #expect(throws: SKPContentError.unknownID(field: "r", id: 8, what: "RHK")) {
      try SKPContentRule.checkKept(8, field: "r", what: "RHK", previous: [7], seen: &seen)
    }
  }

  @Test func submittingNeedsAHasilKerjaUtamaAndAllSevenExpectations() throws {
    try SKPContentRule.checkSubmittable(kinds: [.tambahan, .utama], expectations: Set(BerAKHLAK.allCases))
    #expect(throws: SKPContentError.noHasilKerjaUtama) {
      try SKPContentRule.checkSubmittable(kinds: [.tambahan], expectations: Set(BerAKHLAK.allCases))
    }
    let error = SKPContentError.missingExpectations([.loyal])
    #expect(error.isIncomplete)
    #expect(throws: error) {
      try SKPContentRule.checkSubmittable(
        kinds: [.utama], expectations: Set(BerAKHLAK.allCases).subtracting([.loyal]))
    }
  }

  @Test func aValueHasOneExpectation() throws {
    var seen: Set<BerAKHLAK> = []
    try SKPContentRule.checkExpectation(.akuntabel, text: "Jujur", field: "e[0]", seen: &seen)
    #expect(throws: SKPContentError.repeatedExpectation(field: "e[1]", value: .akuntabel)) {
      try SKPContentRule.checkExpectation(.akuntabel, text: "Tepat waktu", field: "e[1]", seen: &seen)
    }
  }
}
