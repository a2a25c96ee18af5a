import Foundation
import SimpegAPI
import SimpegKinerja
import SwiftProtobuf

/// Values as tables show them: Indonesian notation for the domain (`III/a`, `PNS`, `Dinas`),
/// enum names for the rest, local time for instants.
public enum Display {
  /// `1986-09-26`, or empty when unset.
  public static func date(_ date: Simpeg_V1_Date) -> String {
    guard let calendar = CalendarDate(year: Int(date.year), month: Int(date.month), day: Int(date.day))
    else { return "" }
    return RecordNotation.text(of: calendar)
  }

  /// `III/a` or `IX`, or empty when unset.
  public static func golongan(_ golongan: Simpeg_V1_Golongan) -> String {
    switch golongan.scheme {
    case .pns(let pns): return GolonganPNS(rawValue: pns.rawValue)?.text ?? ""
    case .pppk(let pppk): return GolonganPPPK(rawValue: pppk.rawValue)?.text ?? ""
    case nil: return ""
    }
  }

  /// `PNS`, `PPPK Paruh Waktu`, or empty.
  public static func status(_ status: Simpeg_V1_EmploymentStatus) -> String {
    EmploymentStatus(rawValue: status.rawValue).map(RecordNotation.text(of:)) ?? ""
  }

  /// `L` or `P`, or empty.
  public static func gender(_ gender: Simpeg_V1_Gender) -> String {
    Gender(rawValue: gender.rawValue).map(RecordNotation.text(of:)) ?? ""
  }

  /// `Dinas`, `Kelurahan`, or empty.
  public static func unitKind(_ kind: Simpeg_V1_UnitKind) -> String {
    UnitKind(rawValue: kind.rawValue).map(RecordNotation.text(of:)) ?? ""
  }

  /// The name of an enum value in upper case (`FUNGSIONAL_KEAHLIAN`; where the schema prefixes
  /// its values with the enum's name, without the prefix: `IIIA` for `ESELON_IIIA`), empty for
  /// the unspecified value 0.
  public static func name<Value: SwiftProtobuf.Enum>(_ value: Value) -> String {
    guard value.rawValue != 0 else { return "" }
    let caseName = String(describing: value)
    guard !caseName.hasPrefix("UNRECOGNIZED") else { return "\(value.rawValue)" }
    var name = ""
    for character in caseName {
      if character.isUppercase || (character.isNumber && !(name.last?.isNumber ?? true)) {
        name.append("_")
      }
      name.append(contentsOf: character.uppercased())
    }
    return name
  }

  /// `2025-03-01 10:22:03` in the local time zone, or empty when unset.
  public static func time(_ timestamp: Google_Protobuf_Timestamp) -> String {
    guard timestamp.seconds != 0 || timestamp.nanos != 0 else { return "" }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter.string(from: timestamp.date)
  }

  /// `yes` or empty.
  public static func flag(_ value: Bool) -> String { value ? "yes" : "" }

  /// The full name with titles: `Dr. Siti Rahayu, M.Si.`.
  public static func fullName(_ employee: Simpeg_V1_Employee) -> String {
    var name = employee.name
    if !employee.gelarDepan.isEmpty { name = employee.gelarDepan + " " + name }
    if !employee.gelarBelakang.isEmpty { name += ", " + employee.gelarBelakang }
    return name
  }

  /// Lower-case hex.
  public static func hex(_ data: Data) -> String {
    data.map { String(format: "%02x", $0) }.joined()
  }
}
