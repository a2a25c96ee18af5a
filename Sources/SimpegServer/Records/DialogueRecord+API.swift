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
