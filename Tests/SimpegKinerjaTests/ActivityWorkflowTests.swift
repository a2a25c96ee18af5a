import Testing

@testable import SimpegKinerja

@Suite("Activity workflow")
struct ActivityWorkflowTests {
  @Test func everyActionInEveryState() {
    let expected: [ActivityState: [ActivityAction: ActivityState?]] = [
      .pending: [.edit: .pending, .withdraw: .withdrawn, .resubmit: nil, .review(approve: true): .approved],
      .approved: [.edit: nil, .withdraw: nil, .resubmit: nil, .review(approve: false): nil],
      .rejected: [.edit: nil, .withdraw: nil, .resubmit: .pending, .review(approve: true): nil],
      .withdrawn: [.edit: nil, .withdraw: nil, .resubmit: nil, .review(approve: true): nil],
    ]
    for (state, actions) in expected {
      for (action, outcome) in actions {
        let result = try? ActivityWorkflow.apply(action, to: state)
        #expect(result == outcome, "\(action) in \(state)")
      }
    }
  }

  @Test func refusalsSayWhatToDoInstead() {
    #expect(throws: ActivityWorkflowError.reviewed(.rejected)) {
      _ = try ActivityWorkflow.apply(.edit, to: .rejected)
    }
    #expect(ActivityWorkflowError.reviewed(.rejected).description.contains("resubmit"))
    #expect(throws: ActivityWorkflowError.withdrawn) {
      _ = try ActivityWorkflow.apply(.resubmit, to: .withdrawn)
    }
  }
}
