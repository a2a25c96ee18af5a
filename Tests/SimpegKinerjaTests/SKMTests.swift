import Testing

@testable import SimpegKinerja

@Suite("SKM index")
struct SKMTests {
  private func response(_ scores: [Int]) -> SKMResponse { try! SKMResponse(scores: scores) }

  @Test func allFoursGive100AndGradeA() {
    let index = SKMTally([response(Array(repeating: 4, count: 9))]).index
    #expect(index?.description == "100.00")
    #expect(index?.grade == .a)
  }

  @Test func allOnesGive25AndGradeD() {
    let index = SKMTally([response(Array(repeating: 1, count: 9))]).index
    #expect(index?.hundredths == 2500)
    #expect(index?.grade == .d)
  }

  @Test func indexIsTheMeanOverElementsAndRespondentsTimes25() {
    // Scores add up to 13 + 31 = 44 over 2 respondents x 9 elements: 44/18 x 25 = 61.111...
    let tally = SKMTally([response([1, 2, 1, 2, 1, 2, 1, 2, 1]), response([4, 3, 4, 3, 4, 3, 4, 3, 3])])
    #expect(tally.index?.description == "61.11")
    #expect(tally.elementMeanHundredths(.persyaratan) == 250)
  }

  @Test func oneThreeAndEightFoursGivesBetweenBAndA() {
    // (3 + 8 x 4) / 9 x 25 = 97.22
    let index = SKMTally([response([3, 4, 4, 4, 4, 4, 4, 4, 4])]).index
    #expect(index?.description == "97.22")
  }

  @Test(arguments: [
    (10_000, SKMGrade.a), (8831, .a), (8830, .b), (7661, .b), (7660, .c), (6500, .c), (6499, .d), (2500, .d),
  ])
  func gradeBoundaries(hundredths: Int, grade: SKMGrade) {
    #expect(SKMIndex(hundredths: hundredths).grade == grade)
  }

  @Test func mergedTalliesGiveTheSameIndexAsOneTally() {
    var generator = SeededGenerator(seed: 14)
    let responses = (0..<97).map { _ in response((0..<9).map { _ in generator.int(in: 1...4) }) }
    var merged = SKMTally(responses[0..<40])
    merged.merge(SKMTally(responses[40...]))
    #expect(merged == SKMTally(responses))
    #expect(merged.index == SKMTally(responses).index)
  }

  @Test func emptyTallyHasNoIndex() {
    #expect(SKMTally().index == nil)
  }

  @Test func scoreOutside1To4IsRejected() {
    #expect(throws: SKMError.scoreOutOfRange(element: .biaya, score: 5)) {
      try SKMResponse(scores: [4, 4, 4, 5, 4, 4, 4, 4, 4])
    }
  }

  @Test func responseMustScoreNineElements() {
    #expect(throws: SKMError.wrongElementCount(8)) { try SKMResponse(scores: Array(repeating: 3, count: 8)) }
  }

  @Test func gradeDescriptionsFollowTheRegulation() {
    #expect(
      SKMGrade.allCases.map(\.description) == [
        "A (Sangat Baik)", "B (Baik)", "C (Kurang Baik)", "D (Tidak Baik)",
      ])
  }
}

@Suite("SKM tally restored from totals")
struct SKMTallyRestoreTests {
  @Test func aRestoredTallyGivesTheSameIndexAsItsResponses() throws {
    let original = SKMTally([
      try SKMResponse(scores: [4, 3, 4, 3, 4, 3, 4, 3, 2]),
      try SKMResponse(scores: [3, 3, 3, 3, 3, 3, 3, 3, 3]),
    ])
    let restored = try #require(
      SKMTally(respondents: original.respondents, elementTotals: original.elementTotals))
    #expect(restored == original)
    #expect(restored.index == original.index)
  }

  @Test func totalsNoResponsesCouldGiveAreRefused() {
    #expect(SKMTally(respondents: 2, elementTotals: Array(repeating: 9, count: 9)) == nil)
    #expect(SKMTally(respondents: 2, elementTotals: Array(repeating: 1, count: 9)) == nil)
    #expect(SKMTally(respondents: 1, elementTotals: Array(repeating: 4, count: 8)) == nil)
  }
}
