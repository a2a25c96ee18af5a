import Testing

@testable import SimpegKinerja

@Suite("Service request lifecycle")
struct ServiceRequestLifecycleTests {
  @Test func theUsualLifeGoesReceivedAssignedInProcessCompleted() throws {
    var state = ServiceRequestState.received
    for action in [ServiceRequestAction.assign, .start, .complete] {
      state = try ServiceRequestLifecycle.apply(action, to: state)
    }
    #expect(state == .completed)
  }

  @Test func aRequestMayBeReassignedBeforeWorkStarts() throws {
    #expect(try ServiceRequestLifecycle.apply(.assign, to: .assigned) == .assigned)
    #expect(throws: ServiceRequestTransitionError(action: .assign, state: .inProcess)) {
      try ServiceRequestLifecycle.apply(.assign, to: .inProcess)
    }
  }

  @Test func anOpenRequestMayBeRejectedInAnyState() throws {
    for state in [ServiceRequestState.received, .assigned, .inProcess] {
      #expect(try ServiceRequestLifecycle.apply(.reject, to: state) == .rejected)
    }
  }

  @Test func finalStatesAllowNothing() {
    for state in ServiceRequestState.allCases where state.isFinal {
      for action in ServiceRequestAction.allCases {
        #expect(throws: ServiceRequestTransitionError.self) {
          try ServiceRequestLifecycle.apply(action, to: state)
        }
      }
    }
  }

  @Test func completingARejectedRequestNamesTheRule() {
    let error = ServiceRequestTransitionError(action: .complete, state: .rejected)
    #expect(
      error.description
        == "a request that is rejected cannot be completed: only a request that is in process can "
        + "(the order is received -> assigned -> in process -> completed, or rejected before completion; "
        + "completed and rejected are final)")
  }

  @Test func aRequestIsCompletedOnlyFromInProcess() {
    #expect(throws: ServiceRequestTransitionError(action: .complete, state: .assigned)) {
      try ServiceRequestLifecycle.apply(.complete, to: .assigned)
    }
  }
}
