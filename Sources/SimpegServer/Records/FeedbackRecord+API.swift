import SimpegAPI

extension Simpeg_V1_Feedback {
  /// The answer for a stored feedback: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_FeedbackRecord) {
    self.init()
    id = record.id
    employeeID = record.employeeID
    year = record.year
    skpID = record.skpID
    rhkID = record.rhkID
    value = record.value
    text = record.text
    author = record.author
    authorEmployeeID = record.authorEmployeeID
    if record.hasCreatedAt { createdAt = record.createdAt }
  }
}
