import Testing

@testable import SimpegKinerja

@Suite("RHK cascade")
struct RHKCascadeTests {
  let evaluatorSKP = SKPOutline(year: 2025, rhkIDs: ["rhk-kadis-1", "rhk-kadis-2"])

  @Test func rhkNamingAnRHKOfTheEvaluatorsSKPOfTheSameYearPasses() throws {
    try RHKCascade.check(
      parent: "rhk-kadis-2", kind: .utama, skpYear: 2025, ownerIsTopLeader: false, evaluatorSKP: evaluatorSKP)
  }

  @Test func hasilKerjaUtamaWithoutParentIsRejected() {
    #expect(throws: RHKCascadeError<String>.parentRequired) {
      try RHKCascade.check(
        parent: nil, kind: .utama, skpYear: 2025, ownerIsTopLeader: false, evaluatorSKP: evaluatorSKP)
    }
  }

  @Test func hasilKerjaTambahanMayNameNoParent() throws {
    try RHKCascade.check(
      parent: String?.none, kind: .tambahan, skpYear: 2025, ownerIsTopLeader: false, evaluatorSKP: nil)
  }

  @Test func hasilKerjaTambahanNamingAParentMustNameAValidOne() {
    #expect(throws: RHKCascadeError<String>.parentNotInEvaluatorSKP("other")) {
      try RHKCascade.check(
        parent: "other", kind: .tambahan, skpYear: 2025, ownerIsTopLeader: false, evaluatorSKP: evaluatorSKP)
    }
  }

  @Test func parentFromAnotherSKPIsRejected() {
    #expect(throws: RHKCascadeError<String>.parentNotInEvaluatorSKP("rhk-sekda-1")) {
      try RHKCascade.check(
        parent: "rhk-sekda-1", kind: .utama, skpYear: 2025, ownerIsTopLeader: false,
        evaluatorSKP: evaluatorSKP)
    }
  }

  @Test func evaluatorSKPOfAnotherYearIsRejected() {
    #expect(throws: RHKCascadeError<String>.evaluatorSKPOfAnotherYear(evaluatorYear: 2025, year: 2026)) {
      try RHKCascade.check(
        parent: "rhk-kadis-1", kind: .utama, skpYear: 2026, ownerIsTopLeader: false,
        evaluatorSKP: evaluatorSKP)
    }
  }

  @Test func evaluatorWithoutSKPIsRejected() {
    #expect(throws: RHKCascadeError<String>.evaluatorHasNoSKP(year: 2025)) {
      try RHKCascade.check(
        parent: "rhk-kadis-1", kind: .utama, skpYear: 2025, ownerIsTopLeader: false, evaluatorSKP: nil)
    }
  }

  @Test func topLeaderNamesNoParent() throws {
    try RHKCascade.check(
      parent: String?.none, kind: .utama, skpYear: 2025, ownerIsTopLeader: true, evaluatorSKP: nil)
  }

  @Test func topLeaderNamingAParentIsRejected() {
    #expect(throws: RHKCascadeError<String>.topLeaderNamesParent("x")) {
      try RHKCascade.check(
        parent: "x", kind: .utama, skpYear: 2025, ownerIsTopLeader: true, evaluatorSKP: nil)
    }
  }
}
