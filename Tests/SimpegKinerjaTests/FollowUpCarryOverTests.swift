import Testing

@testable import SimpegKinerja

@Suite("Follow-ups of performance dialogues")
struct FollowUpCarryOverTests {
  @Test func followUpsMarkedMetCloseAndTheRestCarryOver() throws {
    let outcome = try FollowUpCarryOver.apply(open: [1, 2, 3], resolutions: [(2, true), (3, false)])
    #expect(outcome.closed == [2])
    #expect(outcome.carried == [1, 3])
  }

  @Test func withoutResolutionsEveryOpenFollowUpCarriesOver() throws {
    let outcome = try FollowUpCarryOver.apply(open: [4, 5], resolutions: [])
    #expect(outcome.closed.isEmpty)
    #expect(outcome.carried == [4, 5])
  }

  @Test func aResolutionOfAFollowUpThatIsNotOpenIsRefused() {
    #expect(throws: FollowUpCarryOverError<Int>.notOpen(9)) {
      try FollowUpCarryOver.apply(open: [1], resolutions: [(9, true)])
    }
  }

  @Test func resolvingOneFollowUpTwiceIsRefused() {
    #expect(throws: FollowUpCarryOverError<Int>.resolvedTwice(1)) {
      try FollowUpCarryOver.apply(open: [1], resolutions: [(1, true), (1, false)])
    }
  }
}
