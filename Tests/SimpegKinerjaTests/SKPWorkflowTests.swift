import Testing

@testable import SimpegKinerja

@Suite("SKP workflow")
struct SKPWorkflowTests {
  private func version(_ status: SKPStatus, number: Int = 1) -> SKPVersion {
    SKPVersion(number: number, status: status)
  }

  @Test func ownerSubmitsADraft() throws {
    let result = try SKPWorkflow.apply(.submit, to: .initial, by: .owner)
    #expect(result.version.status == .submitted)
    #expect(!result.isNewVersion)
  }

  @Test func evaluatorApprovesASubmittedSKP() throws {
    let result = try SKPWorkflow.apply(.approve, to: version(.submitted), by: .evaluator)
    #expect(result.version.status == .approved)
    #expect(result.supersedes == nil)
  }

  @Test func evaluatorReturnsWithANote() throws {
    let result = try SKPWorkflow.apply(
      .returnForRevision(note: "Target IKI 2 terlalu rendah"), to: version(.submitted), by: .evaluator)
    #expect(result.version.status == .returned)
    #expect(result.version.returnNote == "Target IKI 2 terlalu rendah")
  }

  @Test(arguments: ["", "   \n"])
  func returnWithoutANoteIsRejected(note: String) {
    #expect(throws: SKPWorkflowError.returnNoteRequired) {
      try SKPWorkflow.apply(.returnForRevision(note: note), to: version(.submitted), by: .evaluator)
    }
  }

  @Test func ownerEditsAndResubmitsAReturnedSKP() throws {
    let returned = version(.returned)
    #expect(try SKPWorkflow.apply(.edit, to: returned, by: .owner).version.status == .returned)
    #expect(try SKPWorkflow.apply(.submit, to: returned, by: .owner).version.status == .submitted)
  }

  @Test func approvedSKPIsFrozen() {
    #expect(throws: SKPWorkflowError.frozen) {
      try SKPWorkflow.apply(.edit, to: version(.approved), by: .owner)
    }
  }

  @Test func submittedSKPCannotBeEditedWhileAwaitingTheEvaluator() {
    #expect(throws: SKPWorkflowError.awaitingEvaluator) {
      try SKPWorkflow.apply(.edit, to: version(.submitted), by: .owner)
    }
  }

  @Test func revisingAnApprovedSKPCreatesANewDraftVersionWithTheReason() throws {
    let result = try SKPWorkflow.apply(
      .revise(reason: "Perubahan anggaran"), to: version(.approved, number: 1), by: .owner)
    #expect(result.isNewVersion)
    #expect(result.version == SKPVersion(number: 2, status: .draft, revisionReason: "Perubahan anggaran"))
  }

  @Test func revisionWithoutAReasonIsRejected() {
    #expect(throws: SKPWorkflowError.revisionReasonRequired) {
      try SKPWorkflow.apply(.revise(reason: " "), to: version(.approved), by: .owner)
    }
  }

  @Test func approvingARevisionSupersedesThePreviousVersion() throws {
    let result = try SKPWorkflow.apply(.approve, to: version(.submitted, number: 3), by: .evaluator)
    #expect(result.supersedes == 2)
  }

  @Test func ownerCannotApproveTheirOwnSKP() {
    #expect(throws: SKPWorkflowError.wrongActor(action: .approve, required: .evaluator)) {
      try SKPWorkflow.apply(.approve, to: version(.submitted), by: .owner)
    }
  }

  @Test func evaluatorCannotSubmitForTheOwner() {
    #expect(throws: SKPWorkflowError.wrongActor(action: .submit, required: .owner)) {
      try SKPWorkflow.apply(.submit, to: .initial, by: .evaluator)
    }
  }

  @Test func draftCannotBeApprovedBeforeSubmission() {
    #expect(throws: SKPWorkflowError.notAllowed(action: .approve, from: .draft)) {
      try SKPWorkflow.apply(.approve, to: .initial, by: .evaluator)
    }
  }

  @Test func draftIsNotRevisedButEdited() {
    #expect(throws: SKPWorkflowError.notAllowed(action: .revise, from: .draft)) {
      try SKPWorkflow.apply(.revise(reason: "x"), to: .initial, by: .owner)
    }
  }

  @Test(arguments: SKPActionKind.allCases)
  func supersededVersionTakesNoAction(kind: SKPActionKind) {
    let action: SKPAction =
      switch kind {
      case .edit: .edit
      case .submit: .submit
      case .approve: .approve
      case .returnForRevision: .returnForRevision(note: "x")
      case .revise: .revise(reason: "x")
      }
    #expect(throws: SKPWorkflowError.superseded(version: 1)) {
      try SKPWorkflow.apply(action, to: version(.superseded), by: kind.actor)
    }
  }

  @Test func allowedActionsPerStatusAndActor() {
    #expect(SKPWorkflow.allowedActions(in: .draft, for: .owner) == [.edit, .submit])
    #expect(SKPWorkflow.allowedActions(in: .draft, for: .evaluator) == [])
    #expect(SKPWorkflow.allowedActions(in: .submitted, for: .evaluator) == [.approve, .returnForRevision])
    #expect(SKPWorkflow.allowedActions(in: .approved, for: .owner) == [.revise])
    #expect(SKPWorkflow.allowedActions(in: .returned, for: .owner) == [.edit, .submit])
    #expect(SKPWorkflow.allowedActions(in: .superseded, for: .owner) == [])
  }

  @Test func notAllowedMessageNamesTheAllowedStatuses() {
    let error = SKPWorkflowError.notAllowed(action: .approve, from: .draft)
    #expect(error.description == "cannot approve an SKP that is draft; allowed only when submitted")
  }
}
