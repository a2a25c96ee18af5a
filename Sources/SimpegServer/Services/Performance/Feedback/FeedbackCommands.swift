import SimpegAPI
import SimpegStore
import SwiftProtobuf

/// The write path of continuous feedback (umpan balik berkelanjutan): a supervisor's note on one
/// RHK of an employee's SKP or on one BerAKHLAK value. FeedbackService/GiveFeedback and the sample
/// go through here; who may give it, and that the RHK is the employee's, are the caller's to check.
enum FeedbackCommands {
  /// What the feedback is about.
  enum Subject: Sendable {
    /// An RHK of the employee's SKP.
    case rhk(UInt64)
    /// A BerAKHLAK value.
    case value(Simpeg_V1_BerAKHLAK)
  }

  /// Stores feedback to `employee` for `year` by `author` at `time`; names it for the audit record.
  static func give(
    to employee: Simpeg_Internal_V1_EmployeeRecord, year: Int32, skpID: UInt64, on subject: Subject,
    text: String,
    by author: String, authorEmployeeID: UInt64, at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_FeedbackRecord {
    var feedback = Simpeg_Internal_V1_FeedbackRecord()
    switch subject {
    case .rhk(let id): feedback.rhkID = id
    case .value(let value): feedback.value = value
    }
    feedback.id = try Tables.nextID("feedback", in: mutation.transaction)
    feedback.employeeID = employee.id
    feedback.year = year
    feedback.skpID = skpID
    feedback.text = text
    feedback.author = author
    feedback.authorEmployeeID = authorEmployeeID
    feedback.createdAt = time
    try Tables.feedback.insert(feedback, for: feedback.id, in: mutation.transaction)
    mutation.audit(targets: ["feedback:\(feedback.id)", "employee:\(employee.id)"])
    return feedback
  }
}
