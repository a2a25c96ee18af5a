import SimpegAPI

extension Simpeg_V1_Dialogue {
  /// The answer for a stored dialogue: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_DialogueRecord) {
    self.init()
    id = record.id
    unitID = record.unitID
    if record.hasDate { date = record.date }
    attendeeIds = record.attendeeIds
    agenda = record.agenda
    notes = record.notes
    leaderEmployeeID = record.leaderEmployeeID
    recordedBy = record.recordedBy
    if record.hasRecordedAt { recordedAt = record.recordedAt }
    agreed = record.agreed.map(Simpeg_V1_FollowUp.init)
    carriedOver = record.carriedOver.map(Simpeg_V1_FollowUp.init)
    closed = record.closed.map(Simpeg_V1_FollowUp.init)
  }
}

extension Simpeg_Internal_V1_DialogueRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_Dialogue) {
    self.init()
    id = message.id
    unitID = message.unitID
    if message.hasDate { date = message.date }
    attendeeIds = message.attendeeIds
    agenda = message.agenda
    notes = message.notes
    leaderEmployeeID = message.leaderEmployeeID
    recordedBy = message.recordedBy
    if message.hasRecordedAt { recordedAt = message.recordedAt }
    agreed = message.agreed.map(Simpeg_Internal_V1_FollowUpRecord.init)
    carriedOver = message.carriedOver.map(Simpeg_Internal_V1_FollowUpRecord.init)
    closed = message.closed.map(Simpeg_Internal_V1_FollowUpRecord.init)
  }
}
