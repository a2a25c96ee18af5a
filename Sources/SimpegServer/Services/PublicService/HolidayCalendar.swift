import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// The working calendar of the holidays table: the rules' `WorkingCalendar` built from the
/// holidays that fall in the span being measured, so a turnaround reads a handful of rows.
enum HolidayCalendar {
  /// The working calendar with every stored holiday from `first` through `last`.
  static func calendar(from first: CalendarDate, through last: CalendarDate, in transaction: ReadTransaction)
    throws -> WorkingCalendar
  {
    guard last >= first else { return WorkingCalendar() }
    let rows = try Tables.holidays.scan(
      in: transaction, range: .closed(WIBClock.dateKey(first), WIBClock.dateKey(last)))
    return WorkingCalendar(holidays: rows.compactMap { WIBClock.date(fromKey: $0.key) })
  }

  /// Measures a request completed at `completedAt` against the standard it was received under:
  /// sets its turnaround and whether it is within the standard.
  static func measure(
    _ request: inout Simpeg_Internal_V1_ServiceRequestRecord, completedAt: Google_Protobuf_Timestamp,
    in transaction: ReadTransaction
  ) throws {
    let standard = try request.standard.rule()
    let calendar =
      standard.unit == .workingDays
      ? try calendar(
        from: WIBClock.local(request.receivedAt).date, through: WIBClock.local(completedAt).date,
        in: transaction)
      : WorkingCalendar()
    try measure(&request, completedAt: completedAt, calendar: calendar)
  }

  /// Measures a request with a calendar that holds at least the holidays of its span.
  static func measure(
    _ request: inout Simpeg_Internal_V1_ServiceRequestRecord, completedAt: Google_Protobuf_Timestamp,
    calendar: WorkingCalendar
  ) throws {
    let received = WIBClock.local(request.receivedAt)
    let completed = WIBClock.local(completedAt)
    let standard = try request.standard.rule()
    do throws(TurnaroundError) {
      let turnaround = try standard.turnaround(received: received, completed: completed, calendar: calendar)
      request.turnaround = UInt32(clamping: turnaround)
      request.withinStandard = standard.isWithin(turnaround)
    } catch {
      throw RPCError(.invalidArgument, error.description)
    }
  }
}
