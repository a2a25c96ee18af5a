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

extension Simpeg_Internal_V1_FeedbackRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_Feedback) {
    self.init()
    id = message.id
    employeeID = message.employeeID
    year = message.year
    skpID = message.skpID
    rhkID = message.rhkID
    value = message.value
    text = message.text
    author = message.author
    authorEmployeeID = message.authorEmployeeID
    if message.hasCreatedAt { createdAt = message.createdAt }
  }
}
