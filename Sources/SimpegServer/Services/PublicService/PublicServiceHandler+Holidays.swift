import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Public holidays and cuti bersama, the data working days are counted with. ADMIN keeps them.
///
/// A turnaround is measured when the request completes, with the holidays known then; a holiday
/// entered later does not change turnarounds already measured. Holidays are decreed a year
/// ahead (SKB of three ministers), so they are entered before they come.
extension PublicServiceHandler {
  func setHoliday(request: Simpeg_V1_SetHolidayRequest, context: ServerContext) async throws
    -> Simpeg_V1_Holiday
  {
    guard let date = request.holiday.date.calendarDate, (2000...2099).contains(date.year) else {
      throw RPCError(.invalidArgument, "a holiday needs a real date of 2000-2099")
    }
    let name = try FieldCheck.text(
      request.holiday.name, field: "holiday.name", limit: FieldCheck.nameLimit, required: true)
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      try Simpeg_V1_Holiday(PublicServiceCommands.setHoliday(name, on: date, in: mutation))
    }
  }

  func removeHoliday(request: Simpeg_V1_RemoveHolidayRequest, context: ServerContext) async throws
    -> Simpeg_V1_RemoveHolidayResponse
  {
    guard let date = request.date.calendarDate else {
      throw RPCError(.invalidArgument, "the date is not a real date")
    }
    let entry = try AuditEntry(context: context, request: request)
    try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      guard try Tables.holidays.delete(WIBClock.dateKey(date), in: transaction) else {
        throw RPCError(.notFound, "\(date) is not a holiday")
      }
      mutation.audit(targets: ["holiday:\(date)"])
    }
    return Simpeg_V1_RemoveHolidayResponse()
  }

  func listHolidays(request: Simpeg_V1_ListHolidaysRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListHolidaysResponse
  {
    guard (2000...2099).contains(request.year) else {
      throw RPCError(.invalidArgument, "the year must be 2000-2099")
    }
    let first = UInt32(request.year) * 10_000 + 101
    let last = UInt32(request.year) * 10_000 + 1231
    return try store.read { transaction in
      var response = Simpeg_V1_ListHolidaysResponse()
      response.holidays = try Tables.holidays.scan(in: transaction, range: .closed(first, last)).map {
        Simpeg_V1_Holiday($0.value)
      }
      return response
    }
  }
}
