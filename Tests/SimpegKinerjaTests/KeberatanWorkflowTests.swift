import Testing

@testable import SimpegKinerja

@Suite("Keberatan workflow")
struct KeberatanWorkflowTests {
  @Test func theWindowIncludesItsLastSecond() throws {
    try KeberatanWorkflow.checkWindow(received: 1_000, now: 1_000 + 14 * 86_400, window: 14 * 86_400)
    #expect(throws: KeberatanError.windowClosed(secondsLate: 1)) {
      try KeberatanWorkflow.checkWindow(received: 1_000, now: 1_001 + 14 * 86_400, window: 14 * 86_400)
    }
  }

  @Test func aDecisionNeedsAHearingAndIsFinal() throws {
    #expect(throws: KeberatanError.notHeard) {
      _ = try KeberatanWorkflow.decide(.filed, changesRatings: false)
    }
    #expect(try KeberatanWorkflow.hear(.filed) == .heard)
    #expect(try KeberatanWorkflow.hear(.heard) == .heard)
    #expect(try KeberatanWorkflow.decide(.heard, changesRatings: true) == .changed)
    #expect(try KeberatanWorkflow.decide(.heard, changesRatings: false) == .upheld)
    for decided in [KeberatanState.upheld, .changed] {
      #expect(throws: KeberatanError.decided(decided)) { _ = try KeberatanWorkflow.hear(decided) }
      #expect(throws: KeberatanError.decided(decided)) {
        _ = try KeberatanWorkflow.decide(decided, changesRatings: true)
      }
    }
  }
}
