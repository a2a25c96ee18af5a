import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// What a logged activity must satisfy: its fields, its date (SimpegKinerja's
/// `ActivityDateRule` within the SKP's months), and an RHK and IKI of the SKP in force.
enum ActivityRules {
  /// The longest description, in characters.
  static let maxDescription = 4_000

  /// Checks the fields that need no store.
  static func checkFields(_ request: Simpeg_V1_LogActivityRequest) throws -> CalendarDate {
    guard let date = request.date.calendarDate else {
      throw RPCError(.invalidArgument, "date must be a calendar date (year, month, day)")
    }
    guard request.startMinute < 1_440, request.endMinute <= 1_440, request.startMinute < request.endMinute
    else {
      throw RPCError(
        .invalidArgument,
        "start_minute and end_minute must be minutes after midnight with start before end, "
          + "not \(request.startMinute)-\(request.endMinute)")
    }
    try SKPContentRules.checkText(request.description_p, field: "description", limit: maxDescription)
    guard request.outputQuantity >= 0, request.outputQuantity <= 1_000_000 else {
      throw RPCError(.invalidArgument, "output_quantity must be 0 to 1,000,000")
    }
    return date
  }

  /// The approved SKP version the activity counts toward, its RHK and IKI; refuses a date
  /// outside the SKP's year or months or in the future.
  static func target(
    of request: Simpeg_V1_LogActivityRequest, employeeID: UInt64, date: CalendarDate, today: CalendarDate,
    in transaction: ReadTransaction
  ) throws -> (skp: Simpeg_V1_SKP, rhk: Simpeg_V1_RHK, iki: Simpeg_V1_IKI) {
    guard let record = try Tables.skps.get(request.skpID, in: transaction),
      record.ownerEmployeeID == employeeID
    else {
      throw RPCError(
        .invalidArgument, "skp_id \(request.skpID) does not name an SKP of employee \(employeeID)")
    }
    do {
      try ActivityDateRule.check(date, skpYear: Int(record.latest.year), today: today)
    } catch {
      throw RPCError(.invalidArgument, "\(error.description) (rule: activity date)")
    }
    guard let skp = record.inForce else {
      throw RPCError(
        .failedPrecondition,
        "SKP \(record.id) has no approved version yet; activities count toward approved RHKs")
    }
    guard (Int(skp.firstMonth)...Int(skp.lastMonth)).contains(date.month) else {
      throw RPCError(
        .invalidArgument,
        "the activity date \(date) is outside the months the SKP covers (\(skp.firstMonth)-\(skp.lastMonth)) "
          + "(rule: activity date)")
    }
    guard let rhk = skp.content.rhks.first(where: { $0.id == request.rhkID }) else {
      throw RPCError(
        .invalidArgument,
        "rhk_id \(request.rhkID) is not an RHK of the approved version \(skp.version) of SKP \(skp.id)")
    }
    let iki: Simpeg_V1_IKI?
    if request.ikiID == 0 {
      iki = rhk.ikis.first { $0.targetValue > 0 } ?? rhk.ikis.first
    } else {
      iki = rhk.ikis.first { $0.id == request.ikiID }
    }
    guard let iki else {
      throw RPCError(.invalidArgument, "iki_id \(request.ikiID) is not an IKI of RHK \(rhk.id)")
    }
    return (skp, rhk, iki)
  }
}
