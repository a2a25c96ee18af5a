import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// `simpeg.v1.FeedbackService`: continuous feedback from supervisors and the performance
/// dialogues of unit leaders, with follow-ups that carry over until met.
struct FeedbackServiceHandler: Simpeg_V1_FeedbackService.Handler {
  let core: ServerCore

  private var store: ReadOnlyStore { core.store }
  private var ledger: Ledger { core.ledger }

  func giveFeedback(request: Simpeg_V1_GiveFeedbackRequest, context: ServerContext) async throws
    -> Simpeg_V1_Feedback
  {
    let principal = try context.principal()
    try SKPContentRules.checkText(request.text, field: "text", limit: 4_000)
    guard (request.rhkID != 0) != (request.value != .unspecified) else {
      throw RPCError(
        .invalidArgument,
        "feedback is on one RHK (rhk_id) or one BerAKHLAK value (value), not both or neither")
    }
    if request.value != .unspecified { _ = try BerAKHLAKCode.check(request.value, field: "value") }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let employee = try Authorizer.supervisedEmployee(
        request.employeeID, by: principal,
        rule: "a supervisor gives feedback to the people below their position", in: transaction)
      let record = try SKPLookup.record(employeeID: employee.id, year: request.year, in: transaction)
      let subject: FeedbackCommands.Subject
      if request.rhkID != 0 {
        guard let record,
          record.versions.contains(where: { $0.content.rhks.contains { $0.id == request.rhkID } })
        else {
          throw RPCError(
            .invalidArgument, "rhk_id \(request.rhkID) is not an RHK of the employee's SKP of \(request.year)"
          )
        }
        subject = .rhk(request.rhkID)
      } else {
        guard (2000...2100).contains(request.year) else {
          throw RPCError(.invalidArgument, "year \(request.year) is not a year from 2000 to 2100")
        }
        subject = .value(request.value)
      }
      return try Simpeg_V1_Feedback(
        FeedbackCommands.give(
          to: employee, year: request.year, skpID: record?.id ?? 0, on: subject, text: request.text,
          by: principal.username, authorEmployeeID: principal.employeeID, at: mutation.moment.timestamp,
          in: mutation))
    }
  }

  func listFeedback(request: Simpeg_V1_ListFeedbackRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListFeedbackResponse
  {
    let principal = try context.principal()
    let employeeID = request.employeeID == 0 ? principal.employeeID : request.employeeID
    return try store.read { transaction in
      _ = try Authorizer.readableEmployee(
        employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
      let prefix =
        request.year == 0
        ? KeyPrefix(employeeID) : KeyPrefix(CompositeKey2(employeeID, UInt32(clamping: request.year)))
      let page = try Paging.page(request.page) { limit, after in
        try Tables.feedback.page(
          Tables.feedbackByEmployeeYear, prefix: prefix, in: transaction, limit: limit, after: after)
      }
      var response = Simpeg_V1_ListFeedbackResponse()
      response.feedback = page.values.map(Simpeg_V1_Feedback.init)
      response.page = page.info
      return response
    }
  }

  func recordDialogue(request: Simpeg_V1_RecordDialogueRequest, context: ServerContext) async throws
    -> Simpeg_V1_Dialogue
  {
    let principal = try context.principal()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let unit = try DialogueRecording.ledUnit(request.unitID, by: principal, in: transaction)
      let leader = try DialogueRecording.leaderID(of: unit, in: transaction)
      try DialogueRecording.checkAttendees(
        request.attendeeIds, leader: leader, by: principal, in: transaction)
      return try Simpeg_V1_Dialogue(
        DialogueRecording.record(
          request, of: unit, leader: leader, recordedBy: principal.username, today: mutation.moment.today,
          at: mutation.moment.timestamp, in: mutation))
    }
  }

  func getDialogue(request: Simpeg_V1_GetDialogueRequest, context: ServerContext) async throws
    -> Simpeg_V1_Dialogue
  {
    let principal = try context.principal()
    return try store.read { transaction in
      guard let stored = try Tables.dialogues.get(request.dialogueID, in: transaction),
        try DialogueRecording.canRead(stored, by: principal, in: transaction)
      else {
        if Authorizer.readsEveryone(principal, scope: ServiceScopes.performanceRead) {
          throw RPCError(.notFound, "no dialogue with id \(request.dialogueID)")
        }
        throw Authorizer.notReadable("this dialogue")
      }
      return try Simpeg_V1_Dialogue(DialogueRecording.current(stored, in: transaction))
    }
  }

  func listDialogues(request: Simpeg_V1_ListDialoguesRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListDialoguesResponse
  {
    let principal = try context.principal()
    return try store.read { transaction in
      let unit = try DialogueRecording.unitReadable(request.unitID, by: principal, in: transaction)
      let page = try Tables.dialogues.page(
        Tables.dialoguesByUnitDay, prefix: KeyPrefix(unit.id), in: transaction,
        limit: Paging.size(of: request.page), after: try Paging.token(of: request.page))
      var response = Simpeg_V1_ListDialoguesResponse()
      response.dialogues = page.rows.map { row in
        var dialogue = Simpeg_V1_Dialogue(row.value)
        dialogue.agreed = []
        dialogue.carriedOver = []
        dialogue.closed = []
        return dialogue
      }
      response.page = Paging.info(next: page.nextPageToken)
      return response
    }
  }

  func listFollowUps(request: Simpeg_V1_ListFollowUpsRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListFollowUpsResponse
  {
    let principal = try context.principal()
    return try store.read { transaction in
      let page: (values: [Simpeg_Internal_V1_FollowUpRecord], info: Simpeg_V1_PageInfo)
      switch request.subject {
      case .unitID(let unitID):
        let unit = try DialogueRecording.unitReadable(unitID, by: principal, in: transaction)
        let index = request.openOnly ? Tables.followUpsOpenByUnit : Tables.followUpsByUnit
        page = try Paging.page(request.page) { limit, after in
          try Tables.followUps.page(
            index, prefix: KeyPrefix(unit.id), in: transaction, limit: limit, after: after)
        }
      case .employeeID, nil:
        let employeeID = request.employeeID == 0 ? principal.employeeID : request.employeeID
        _ = try Authorizer.readableEmployee(
          employeeID, by: principal, scope: ServiceScopes.performanceRead, in: transaction)
        page = try Paging.page(request.page) { limit, after in
          try Tables.followUps.page(
            Tables.followUpsByEmployee, prefix: KeyPrefix(employeeID), in: transaction, limit: limit,
            after: after)
        } accept: {
          !request.openOnly || $0.status == .open
        }
      }
      var response = Simpeg_V1_ListFollowUpsResponse()
      response.followUps = page.values.map(Simpeg_V1_FollowUp.init)
      response.page = page.info
      return response
    }
  }
}
