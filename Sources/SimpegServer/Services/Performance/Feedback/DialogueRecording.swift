import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// Performance dialogues: a unit leader's meeting with its attendees, agenda, notes and
/// follow-ups per employee. Open follow-ups of the unit's earlier dialogues are looked at in
/// each new one: those marked met close, every other carries over (SimpegKinerja's
/// `FollowUpCarryOver`).
enum DialogueRecording {
  /// The most attendees and follow-ups of one dialogue.
  static let maxAttendees = 500
  /// The most new follow-ups of one dialogue.
  static let maxFollowUps = 200

  /// The unit `id` if `principal` leads it: holds or acts in its head position (ADMIN for an
  /// elected or missing leader).
  static func ledUnit(_ id: UInt64, by principal: Principal, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_UnitRecord
  {
    let unit = try UnitTree.unit(id, in: transaction)
    guard try Authorizer.leads(unit, principal, in: transaction) else {
      throw RPCError(
        .permissionDenied,
        "only the unit's leader (the holder or Plt of its head position) records its performance "
          + "dialogues (rule: the leader holds the dialogue)")
    }
    return unit
  }

  /// The employee who leads `unit` (0 for an elected official or nobody).
  static func leaderID(of unit: Simpeg_Internal_V1_UnitRecord, in transaction: ReadTransaction) throws
    -> UInt64
  {
    if case .employee(let id, _) = try UnitTree.leader(of: unit, in: transaction) { return id }
    return 0
  }

  /// Refuses attendees `principal` may not bring: each must be active and the leader, the caller
  /// or someone below the caller's position.
  static func checkAttendees(
    _ ids: [UInt64], leader: UInt64, by principal: Principal, in transaction: ReadTransaction
  ) throws {
    for (index, id) in ids.enumerated() {
      guard try isAttendable(id, leader: leader, by: principal, in: transaction) else {
        throw RPCError(
          .invalidArgument,
          "attendee_ids[\(index)]: employee \(id) is not the leader or one of the people below")
      }
    }
  }

  /// Checks and stores the dialogue `request` of `unit` led by `leader`, recorded by `recordedBy`
  /// at `time` on `today`, with its follow-ups: those agreed, those met (closed) and those carried
  /// over. Returns it as stored, follow-ups filled, and names it for the audit record.
  static func record(
    _ request: Simpeg_V1_RecordDialogueRequest, of unit: Simpeg_Internal_V1_UnitRecord, leader: UInt64,
    recordedBy: String,
    today: CalendarDate, at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_DialogueRecord {
    let transaction = mutation.transaction
    guard let date = request.date.calendarDate else {
      throw RPCError(.invalidArgument, "date must be a calendar date")
    }
    guard date <= today else {
      throw RPCError(
        .invalidArgument, "the dialogue date \(date) is in the future; record a dialogue once held")
    }
    if let last = try Tables.dialogues.page(
      Tables.dialoguesByUnitDay, prefix: KeyPrefix(unit.id), in: transaction, direction: .reverse, limit: 1
    ).rows.first?.value, let lastDate = last.date.calendarDate, date < lastDate {
      throw RPCError(
        .failedPrecondition,
        "the unit's last dialogue was on \(lastDate); dialogues are recorded in order, so follow-ups carry over"
      )
    }
    try SKPContentRules.checkText(request.agenda, field: "agenda", limit: 8_000)
    guard request.notes.count <= 20_000 else {
      throw RPCError(.invalidArgument, "notes is longer than 20,000 characters")
    }
    guard (1...maxAttendees).contains(request.attendeeIds.count),
      Set(request.attendeeIds).count == request.attendeeIds.count
    else {
      throw RPCError(.invalidArgument, "attendee_ids must name 1 to \(maxAttendees) different employees")
    }
    let attendees = Set(request.attendeeIds)
    guard request.followUps.count <= maxFollowUps else {
      throw RPCError(.invalidArgument, "a dialogue agrees at most \(maxFollowUps) follow-ups")
    }
    for (index, followUp) in request.followUps.enumerated() {
      guard attendees.contains(followUp.employeeID) else {
        throw RPCError(
          .invalidArgument,
          "follow_ups[\(index)]: employee \(followUp.employeeID) did not attend the dialogue")
      }
      try SKPContentRules.checkText(followUp.action, field: "follow_ups[\(index)].action")
      if followUp.hasDue {
        guard let due = followUp.due.calendarDate, due >= date else {
          throw RPCError(.invalidArgument, "follow_ups[\(index)].due must be a date on or after the dialogue")
        }
      }
    }
    let open = try Tables.followUps.find(Tables.followUpsOpenByUnit, equalTo: unit.id, in: transaction)
      .map(\.value)
    let outcome: FollowUpOutcome<UInt64>
    do {
      outcome = try FollowUpCarryOver.apply(
        open: open.map(\.id), resolutions: request.resolutions.map { ($0.followUpID, $0.met) })
    } catch {
      throw RPCError(.invalidArgument, "resolutions: \(error.description)")
    }
    let notes = Dictionary(
      request.resolutions.map { ($0.followUpID, $0.note) }, uniquingKeysWith: { first, _ in first })

    var dialogue = Simpeg_Internal_V1_DialogueRecord()
    dialogue.id = try Tables.nextID("dialogue", in: transaction)
    dialogue.unitID = unit.id
    dialogue.date = request.date
    dialogue.attendeeIds = request.attendeeIds
    dialogue.agenda = request.agenda
    dialogue.notes = request.notes
    dialogue.leaderEmployeeID = leader
    dialogue.recordedBy = recordedBy
    dialogue.recordedAt = time
    let openByID = Dictionary(uniqueKeysWithValues: open.map { ($0.id, $0) })
    for id in outcome.closed {
      var followUp = openByID[id]!
      followUp.status = .met
      followUp.closedInDialogueID = dialogue.id
      if let note = notes[id], !note.isEmpty { followUp.notes.append("\(date): \(note)") }
      try Tables.followUps.put(followUp, for: id, in: transaction)
      dialogue.closed.append(followUp)
    }
    for id in outcome.carried {
      var followUp = openByID[id]!
      followUp.carriedInto.append(dialogue.id)
      if let note = notes[id], !note.isEmpty { followUp.notes.append("\(date): \(note)") }
      try Tables.followUps.put(followUp, for: id, in: transaction)
      dialogue.carriedOver.append(followUp)
    }
    for agreed in request.followUps {
      var followUp = Simpeg_Internal_V1_FollowUpRecord()
      followUp.id = try Tables.nextID("follow_up", in: transaction)
      followUp.dialogueID = dialogue.id
      followUp.unitID = unit.id
      followUp.employeeID = agreed.employeeID
      followUp.action = agreed.action
      if agreed.hasDue { followUp.due = agreed.due }
      followUp.status = .open
      try Tables.followUps.insert(followUp, for: followUp.id, in: transaction)
      dialogue.agreed.append(followUp)
    }
    try Tables.dialogues.insert(dialogue, for: dialogue.id, in: transaction)
    mutation.audit(
      targets: ["dialogue:\(dialogue.id)", "unit:\(dialogue.unitID)"]
        + dialogue.agreed.map { "follow_up:\($0.id)" })
    return dialogue
  }

  /// `stored` with its follow-ups as they stand now.
  static func current(_ stored: Simpeg_Internal_V1_DialogueRecord, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_DialogueRecord
  {
    var dialogue = stored
    func refresh(_ list: [Simpeg_Internal_V1_FollowUpRecord]) throws -> [Simpeg_Internal_V1_FollowUpRecord] {
      try list.map { try Tables.followUps.get($0.id, in: transaction) ?? $0 }
    }
    dialogue.agreed = try refresh(stored.agreed)
    dialogue.carriedOver = try refresh(stored.carriedOver)
    dialogue.closed = try refresh(stored.closed)
    return dialogue
  }

  /// Whether `principal` may read a dialogue: those who read everything, its attendees, the
  /// employees with follow-ups in it, its leader and those above the leader, and whoever may
  /// see the unit's records.
  static func canRead(
    _ dialogue: Simpeg_Internal_V1_DialogueRecord, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Bool {
    if Authorizer.readsEveryone(principal, scope: ServiceScopes.performanceRead) { return true }
    guard !principal.isService else { return false }
    let me = principal.employeeID
    if me != 0 {
      if dialogue.attendeeIds.contains(me) || dialogue.leaderEmployeeID == me { return true }
      let involved = dialogue.agreed + dialogue.carriedOver + dialogue.closed
      if involved.contains(where: { $0.employeeID == me }) { return true }
    }
    if dialogue.leaderEmployeeID != 0,
      try Authorizer.canRead(
        employeeID: dialogue.leaderEmployeeID, by: principal, scope: ServiceScopes.performanceRead,
        in: transaction)
    {
      return true
    }
    guard let unit = try Tables.units.get(dialogue.unitID, in: transaction) else { return false }
    return try Authorizer.canSee(unit, by: principal, in: transaction)
  }

  /// The unit `id` if `principal` may list its dialogues and follow-ups: whoever sees the unit's
  /// records, and the unit's own members.
  static func unitReadable(
    _ id: UInt64, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_UnitRecord {
    if let unit = try Tables.units.get(id, in: transaction) {
      if try Authorizer.canSee(unit, by: principal, in: transaction) { return unit }
      if !principal.isService, principal.employeeID != 0,
        let employee = try Tables.employees.get(principal.employeeID, in: transaction),
        try UnitTree.selfAndAncestors(of: employee.unitID, in: transaction).contains(id)
      {
        return unit
      }
    }
    return try Authorizer.visibleUnit(id, by: principal, in: transaction)
  }

  private static func isAttendable(
    _ id: UInt64, leader: UInt64, by principal: Principal, in transaction: ReadTransaction
  ) throws -> Bool {
    guard let employee = try Tables.employees.get(id, in: transaction), employee.active else { return false }
    if id == leader || id == principal.employeeID { return true }
    if leader == 0 && Authorizer.actsForOfficial(principal) { return true }
    return try Authorizer.supervises(principal, employee, in: transaction)
  }
}
