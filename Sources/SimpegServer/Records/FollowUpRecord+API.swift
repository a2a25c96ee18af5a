import SimpegAPI

extension Simpeg_V1_FollowUp {
  /// The answer for a stored follow up: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_FollowUpRecord) {
    self.init()
    id = record.id
    dialogueID = record.dialogueID
    unitID = record.unitID
    employeeID = record.employeeID
    action = record.action
    if record.hasDue { due = record.due }
    status = record.status
    closedInDialogueID = record.closedInDialogueID
    carriedInto = record.carriedInto
    notes = record.notes
  }
}

extension Simpeg_Internal_V1_FollowUpRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_FollowUp) {
    self.init()
    id = message.id
    dialogueID = message.dialogueID
    unitID = message.unitID
    employeeID = message.employeeID
    action = message.action
    if message.hasDue { due = message.due }
    status = message.status
    closedInDialogueID = message.closedInDialogueID
    carriedInto = message.carriedInto
    notes = message.notes
  }
}
