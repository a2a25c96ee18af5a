import Testing

@testable import SimpegKinerja

/// A small dinas: Wali Kota 1 > Sekda 2 > Kepala Dinas 3 (vacant, Plt = the sekretaris) >
/// Sekretaris 4 > Kasubag 5 (vacant) > staff 6; Kepala Dinas 3 > Kabid 7 > Kasi 8 (vacant) > staff 9.
private let dinas: [PositionOccupancy<Int, String>] = [
  PositionOccupancy(id: 1, supervisor: nil, holder: "wali"),
  PositionOccupancy(id: 2, supervisor: 1, holder: "sekda"),
  PositionOccupancy(id: 3, supervisor: 2, holder: nil, plt: "sekdis"),
  PositionOccupancy(id: 4, supervisor: 3, holder: "sekdis"),
  PositionOccupancy(id: 5, supervisor: 4, holder: nil),
  PositionOccupancy(id: 6, supervisor: 5, holder: "staf-umum"),
  PositionOccupancy(id: 7, supervisor: 3, holder: "kabid"),
  PositionOccupancy(id: 8, supervisor: 7, holder: nil),
  PositionOccupancy(id: 9, supervisor: 8, holder: "staf-seksi"),
]

@Suite("Evaluator chain")
struct EvaluatorResolverTests {
  let resolver = try! EvaluatorResolver(dinas)

  @Test func holderOfTheSupervisingPositionEvaluates() throws {
    let chain = try resolver.chain(for: 2)
    #expect(chain.evaluated == "sekda")
    #expect(chain.penilai.evaluator == Evaluator(position: 1, person: "wali", isPlt: false))
    #expect(chain.penilai.steps == [EvaluatorStep(position: 1, decision: .holder, person: "wali")])
  }

  @Test func topPositionHasNoEvaluatorAndNoAtasan() throws {
    let chain = try resolver.chain(for: 1)
    #expect(chain.penilai.evaluator == nil)
    #expect(chain.penilai.steps.isEmpty)
    #expect(chain.atasanPenilai == nil)
  }

  @Test func atasanOfTheSekdaIsNobodyBecauseTheWaliKotaIsTheTop() throws {
    let chain = try resolver.chain(for: 2)
    #expect(chain.atasanPenilai?.evaluator == nil)
  }

  @Test func vacantSupervisingPositionFallsThroughToTheNextUp() throws {
    let chain = try resolver.chain(for: 9)
    #expect(
      chain.penilai.steps == [
        EvaluatorStep(position: 8, decision: .vacantSkipped, person: nil),
        EvaluatorStep(position: 7, decision: .holder, person: "kabid"),
      ])
    #expect(chain.penilai.evaluator?.person == "kabid")
  }

  @Test func pltEvaluatesWhenTheSupervisingPositionHasNoHolder() throws {
    let chain = try resolver.chain(for: 7)
    #expect(chain.penilai.evaluator == Evaluator(position: 3, person: "sekdis", isPlt: true))
    #expect(chain.penilai.steps.map(\.decision) == [.plt])
  }

  @Test func atasanIsTheEvaluatorOfTheEvaluatorsPosition() throws {
    let chain = try resolver.chain(for: 9)
    #expect(chain.atasanPenilai?.evaluator == Evaluator(position: 3, person: "sekdis", isPlt: true))
  }

  @Test func personWhoIsPltOfTheirOwnSupervisorIsEvaluatedByTheNextUp() throws {
    let chain = try resolver.chain(for: 4)
    #expect(
      chain.penilai.steps == [
        EvaluatorStep(position: 3, decision: .evaluatedPersonSkipped, person: "sekdis"),
        EvaluatorStep(position: 2, decision: .holder, person: "sekda"),
      ])
    #expect(chain.atasanPenilai?.evaluator?.person == "wali")
  }

  @Test func atasanSearchPassesOverThePenilaiActingAbove() throws {
    // Staff 6: Kasubag vacant, so the sekretaris evaluates; above the sekretaris sits the same
    // person as Plt Kepala Dinas, so the atasan is the Sekda.
    let chain = try resolver.chain(for: 6)
    #expect(chain.penilai.evaluator?.person == "sekdis")
    #expect(chain.atasanPenilai?.evaluator?.person == "sekda")
  }

  @Test func vacantPositionIsEvaluatedAsNobodyButStillResolves() throws {
    let chain = try resolver.chain(for: 8)
    #expect(chain.evaluated == nil)
    #expect(chain.penilai.evaluator?.person == "kabid")
  }

  @Test func evaluatorsToTopClimbToTheWaliKota() throws {
    let path = try resolver.evaluatorsToTop(from: 9).map(\.person)
    #expect(path == ["kabid", "sekdis", "sekda", "wali"])
  }

  @Test func allVacantAboveGivesNoEvaluatorWithEveryStepRecorded() throws {
    let resolver = try EvaluatorResolver<Int, String>([
      PositionOccupancy(id: 1, supervisor: nil, holder: nil),
      PositionOccupancy(id: 2, supervisor: 1, holder: nil),
      PositionOccupancy(id: 3, supervisor: 2, holder: "x"),
    ])
    let resolution = try resolver.evaluator(of: 3)
    #expect(resolution.evaluator == nil)
    #expect(resolution.steps.map(\.decision) == [.vacantSkipped, .vacantSkipped])
  }

  @Test func cycleOfVacantPositionsIsAnErrorNotALoop() throws {
    let resolver = try EvaluatorResolver<Int, String>([
      PositionOccupancy(id: 1, supervisor: 3, holder: nil),
      PositionOccupancy(id: 2, supervisor: 1, holder: nil),
      PositionOccupancy(id: 3, supervisor: 2, holder: nil),
      PositionOccupancy(id: 4, supervisor: 1, holder: "x"),
    ])
    #expect(throws: EvaluatorChainError<Int>.cycle(path: [4, 1, 3, 2, 1])) { try resolver.evaluator(of: 4) }
  }

  @Test func cycleOfOccupiedPositionsIsAnErrorWhenClimbingToTheTop() throws {
    let resolver = try EvaluatorResolver<Int, String>([
      PositionOccupancy(id: 1, supervisor: 2, holder: "a"),
      PositionOccupancy(id: 2, supervisor: 1, holder: "b"),
    ])
    #expect(throws: EvaluatorChainError<Int>.cycle(path: [1, 2, 1])) { try resolver.evaluatorsToTop(from: 1) }
  }

  @Test func positionThatIsItsOwnSupervisorIsACycle() throws {
    let resolver = try EvaluatorResolver<Int, String>([PositionOccupancy(id: 1, supervisor: 1, holder: "a")])
    #expect(throws: EvaluatorChainError<Int>.cycle(path: [1, 1])) { try resolver.evaluator(of: 1) }
  }

  @Test func missingSupervisingPositionIsNamed() throws {
    let resolver = try EvaluatorResolver<Int, String>([PositionOccupancy(id: 2, supervisor: 99, holder: "a")])
    #expect(throws: EvaluatorChainError<Int>.unknownSupervisor(position: 2, supervisor: 99)) {
      try resolver.chain(for: 2)
    }
  }

  @Test func unknownPositionIsNamed() {
    #expect(throws: EvaluatorChainError<Int>.unknownPosition(42)) { try resolver.chain(for: 42) }
  }

  @Test func duplicatePositionRecordsAreRejected() {
    #expect(throws: EvaluatorChainError<Int>.duplicatePosition(1)) {
      try EvaluatorResolver<Int, String>([
        PositionOccupancy(id: 1, supervisor: nil, holder: "a"),
        PositionOccupancy(id: 1, supervisor: nil, holder: "b"),
      ])
    }
  }

  @Test func cycleMessageListsThePath() {
    #expect(EvaluatorChainError<Int>.cycle(path: [4, 1, 3, 1]).description.hasSuffix("4 -> 1 -> 3 -> 1"))
  }
}
