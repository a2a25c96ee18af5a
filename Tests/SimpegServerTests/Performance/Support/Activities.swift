import Crypto
import Foundation
import SimpegAPI
import SimpegKinerja

@testable import SimpegServer

/// Building and logging activities.
enum Activities {
  /// Today in Salatiga: the day the tests run on (``TestToday``).
  static var today: CalendarDate { TestToday.date }

  /// A request for an activity toward the first RHK of `skp`.
  static func request(
    _ skp: Simpeg_V1_SKP, date: CalendarDate = Activities.today, quantity: Int64 = 1,
    text: String = "Menyusun laporan"
  ) -> Simpeg_V1_LogActivityRequest {
    var request = Simpeg_V1_LogActivityRequest()
    request.skpID = skp.id
    request.rhkID = skp.content.rhks[0].id
    request.date = Simpeg_V1_Date(date)
    request.startMinute = 8 * 60
    request.endMinute = 10 * 60
    request.description_p = text
    request.outputQuantity = quantity
    return request
  }

  /// Logs an activity toward the first RHK of `skp`.
  @discardableResult
  static func log(
    by performer: Performer, _ skp: Simpeg_V1_SKP, quantity: Int64 = 1, text: String = "Menyusun laporan"
  ) async throws -> Simpeg_V1_Activity {
    try await performer.activities.logActivity(request(skp, quantity: quantity, text: text))
  }

  /// Reviews one activity.
  @discardableResult
  static func review(
    _ activity: Simpeg_V1_Activity, by performer: Performer, _ decision: Simpeg_V1_ReviewDecision = .approve,
    note: String = ""
  ) async throws -> Simpeg_V1_Activity {
    var request = Simpeg_V1_ReviewActivityRequest()
    request.activityID = activity.id
    request.decision = decision
    request.note = note
    return try await performer.activities.reviewActivity(request)
  }

  /// Evidence carrying `content` and its SHA-256.
  static func evidence(_ content: Data, name: String = "bukti.pdf") -> Simpeg_V1_EvidenceUpload {
    var upload = Simpeg_V1_EvidenceUpload()
    upload.name = name
    upload.sha256 = Data(SHA256.hash(data: content))
    upload.content = content
    upload.mediaType = "application/pdf"
    return upload
  }
}
