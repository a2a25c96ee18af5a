import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC

/// Checks of request fields that need no store: text lengths, required ids, dates. Every refusal
/// is an INVALID_ARGUMENT that names the field and what is wrong with it.
enum FieldCheck {
  /// The longest name of a person, unit or position, in characters.
  static let nameLimit = 200
  /// The longest reason (an SK number, a note), in characters.
  static let reasonLimit = 1000
  /// The longest academic title string (gelar depan or belakang), in characters.
  static let titleLimit = 100
  /// The longest place name (tempat lahir), in characters.
  static let placeLimit = 100

  /// The refusal of `field` for `problem`, e.g. `name: is empty`.
  static func invalid(_ field: String, _ problem: String) -> RPCError {
    RPCError(.invalidArgument, "\(field): \(problem)")
  }

  /// `value` without surrounding white space; refused when empty (if `required`), longer than
  /// `limit` characters, or holding control characters (line breaks only where `multiline`).
  static func text(
    _ value: String, field: String, limit: Int, required: Bool = false, multiline: Bool = false
  ) throws -> String {
    // A cheap bound first, so an enormous string is refused without walking its graphemes.
    if value.utf8.count > limit * 4 {
      throw invalid(field, "is \(value.utf8.count) bytes long; at most \(limit) characters are allowed")
    }
    if value.count > limit {
      throw invalid(field, "is \(value.count) characters long; at most \(limit) are allowed")
    }
    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
    if required, trimmed.isEmpty { throw invalid(field, "is required and may not be empty") }
    for scalar in trimmed.unicodeScalars where scalar.properties.generalCategory == .control {
      if multiline, scalar == "\n" || scalar == "\r" || scalar == "\t" { continue }
      throw invalid(field, "contains a control character (U+\(String(scalar.value, radix: 16)))")
    }
    return trimmed
  }

  /// A reason (an SK number, a note): optional, at most ``reasonLimit`` characters.
  static func reason(_ value: String, field: String = "reason") throws -> String {
    try text(value, field: field, limit: reasonLimit, multiline: true)
  }

  /// A required id: refused when 0.
  static func id(_ value: UInt64, field: String) throws -> UInt64 {
    guard value != 0 else { throw invalid(field, "is required (an id, not 0)") }
    return value
  }

  /// The calendar date of `value`, nil when unset; refused when set but not a real date.
  static func date(_ value: Simpeg_V1_Date, field: String) throws -> CalendarDate? {
    guard value.isSet else { return nil }
    guard let date = value.calendarDate, (1900...2200).contains(date.year) else {
      throw invalid(
        field, "\(value.year)-\(value.month)-\(value.day) is not a calendar date between 1900 and 2200")
    }
    return date
  }

  /// The calendar date of `value`, `today` (the call's day in WIB) when unset.
  static func effectiveDate(_ value: Simpeg_V1_Date, field: String, today: CalendarDate) throws
    -> CalendarDate
  {
    try date(value, field: field) ?? today
  }
}
