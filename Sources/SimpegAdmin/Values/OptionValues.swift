import Foundation
import SimpegAPI
import SimpegKinerja
import SwiftProtobuf

/// Values typed on the command line, read as operators write them: golongan `III/b` or `IX`,
/// dates `2025-04-01` or `01-04-2025`, unit kinds in Indonesian, enum names of the schema in
/// any case (`pelaksana`, `AHLI_MUDA`, `IIIA` for an eselon). Every refusal is a usage error
/// that says what is accepted.
public enum OptionValues {
  /// A golongan: `I/a`-`IV/e` for PNS and CPNS, `I`-`XVII` (or `PPPK IX`) for PPPK.
  public static func golongan(_ text: String) throws -> Simpeg_V1_Golongan {
    if let pns = RecordNotation.golongan(text, for: .pns) { return golongan(pns) }
    if let pppk = RecordNotation.golongan(text, for: .pppk) { return golongan(pppk) }
    throw AdminFailure.usage("'\(text)' is not a golongan: I/a to IV/e, or I to XVII for PPPK")
  }

  /// A date.
  public static func date(_ text: String) throws -> Simpeg_V1_Date {
    guard let date = RecordNotation.date(text) else {
      throw AdminFailure.usage("'\(text)' is not a date: YYYY-MM-DD or DD-MM-YYYY")
    }
    var value = Simpeg_V1_Date()
    value.year = Int32(date.year)
    value.month = Int32(date.month)
    value.day = Int32(date.day)
    return value
  }

  /// A unit kind.
  public static func unitKind(_ text: String) throws -> Simpeg_V1_UnitKind {
    guard let kind = RecordNotation.unitKind(text), let value = Simpeg_V1_UnitKind(rawValue: kind.rawValue)
    else {
      let kinds = UnitKind.allCases.map(\.description).joined(separator: ", ")
      throw AdminFailure.usage("'\(text)' is not a kind of unit; one of: \(kinds)")
    }
    return value
  }

  /// An employment status.
  public static func status(_ text: String) throws -> Simpeg_V1_EmploymentStatus {
    guard let status = RecordNotation.status(text),
      let value = Simpeg_V1_EmploymentStatus(rawValue: status.rawValue)
    else { throw AdminFailure.usage("'\(text)' is not a status: PNS, CPNS, PPPK or PPPK Paruh Waktu") }
    return value
  }

  /// A gender: `L` or `P`.
  public static func gender(_ text: String) throws -> Simpeg_V1_Gender {
    guard let gender = RecordNotation.gender(text) else {
      throw AdminFailure.usage("'\(text)' is not a gender: L or P")
    }
    return gender == .lakiLaki ? .lakiLaki : .perempuan
  }

  /// A value of a schema enum by its name (any case; with or without the enum's prefix, so
  /// `IIA` and `ESELON_IIA` alike; or by its number).
  public static func enumValue<Value: SwiftProtobuf.Enum & CaseIterable>(
    _ text: String, _ type: Value.Type, what: String
  ) throws -> Value {
    let wanted = fold(text)
    let known = Value.allCases.filter { $0.rawValue != 0 }
    if let match = known.first(where: { fold(Display.name($0)) == wanted }) { return match }
    let suffixed = known.filter { fold(Display.name($0)).hasSuffix(wanted) }
    if suffixed.count == 1 { return suffixed[0] }
    // The schema's full name, whose enum prefix the Swift names leave out (ESELON_IIIA).
    let prefixed = known.filter { wanted.hasSuffix(fold(Display.name($0))) }
    if let longest = prefixed.max(by: { Display.name($0).count < Display.name($1).count }) { return longest }
    if let number = Int(text), let value = Value(rawValue: number), value.rawValue != 0 { return value }
    let names = known.map { Display.name($0) }.joined(separator: ", ")
    throw AdminFailure.usage("'\(text)' is not a \(what); one of: \(names)")
  }

  /// An instant: ISO 8601 with a zone (`2025-03-01T08:00:00+07:00`, `...Z`), or local time
  /// `2025-03-01 08:00[:00]` (a `T` may stand for the space), or a local day's start `2025-03-01`.
  public static func instant(_ text: String, timeZone: TimeZone = .current) throws
    -> Google_Protobuf_Timestamp
  {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let zoned = ISO8601DateFormatter()
    if let date = zoned.date(from: trimmed) { return Google_Protobuf_Timestamp(date: date) }
    zoned.formatOptions.insert(.withFractionalSeconds)
    if let date = zoned.date(from: trimmed) { return Google_Protobuf_Timestamp(date: date) }
    let local = DateFormatter()
    local.locale = Locale(identifier: "en_US_POSIX")
    local.timeZone = timeZone
    let spaced = trimmed.replacingOccurrences(of: "T", with: " ")
    for format in ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
      local.dateFormat = format
      if let date = local.date(from: spaced) { return Google_Protobuf_Timestamp(date: date) }
    }
    throw AdminFailure.usage(
      "'\(text)' is not a time: 2025-03-01T08:00:00+07:00, 2025-03-01 08:00 (local) or 2025-03-01")
  }

  /// A role: `ADMIN` or `AUDITOR`.
  public static func role(_ text: String) throws -> Simpeg_V1_Role {
    try enumValue(text, Simpeg_V1_Role.self, what: "role")
  }

  private static func golongan(_ golongan: Golongan) -> Simpeg_V1_Golongan {
    var value = Simpeg_V1_Golongan()
    switch golongan {
    case .pns(let pns): value.pns = Simpeg_V1_GolonganPNS(rawValue: pns.rawValue) ?? .unspecified
    case .pppk(let pppk): value.pppk = Simpeg_V1_GolonganPPPK(rawValue: pppk.rawValue) ?? .unspecified
    }
    return value
  }

  private static func fold(_ text: String) -> String {
    text.lowercased().filter { $0.isLetter || $0.isNumber }
  }
}
