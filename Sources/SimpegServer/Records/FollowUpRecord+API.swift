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
