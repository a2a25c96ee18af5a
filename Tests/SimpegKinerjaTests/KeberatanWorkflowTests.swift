import Testing

@testable import SimpegKinerja

@Suite("Keberatan workflow")
struct KeberatanWorkflowTests {
  @Test func theWindowIncludesItsLastSecond() throws {
    let window: Int64 = 14 * 86_400_000
    try KeberatanWorkflow.checkWindow(received: 1_000, now: 1_000 + window, window: window)
    #expect(throws: KeberatanError.windowClosed(millisecondsLate: 1)) {
      try KeberatanWorkflow.checkWindow(received: 1_000, now: 1_001 + window, window: window)
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
