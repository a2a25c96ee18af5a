import SimpegAPI
import SimpegKinerja

/// The kind, level and eselon of a position, made to agree with DOMAIN.md: the level decides the
/// kind (given or derived), a managerial level carries one of its eselons, others none.
enum PositionClassification {
  /// The checked classification of a new position.
  struct Checked {
    var kind: Simpeg_V1_JabatanKind
    var level: Simpeg_V1_JabatanLevel
    var eselon: Simpeg_V1_Eselon
  }

  /// Checks the three fields of a request; the kind is derived from the level when unspecified.
  /// An elected office has none of the three.
  static func check(
    kind: Simpeg_V1_JabatanKind, level: Simpeg_V1_JabatanLevel, eselon: Simpeg_V1_Eselon,
    elected: Bool = false
  ) throws -> Checked {
    if elected {
      guard kind == .unspecified, level == .unspecified, eselon == .unspecified else {
        throw FieldCheck.invalid(
          "elected", "an elected office has no kind, level or eselon: it is not an ASN position")
      }
      return Checked(kind: .unspecified, level: .unspecified, eselon: .unspecified)
    }
    guard let rulesLevel = JabatanLevel(rawValue: level.rawValue) else {
      let known = JabatanLevel.allCases.map(\.description).joined(separator: ", ")
      throw FieldCheck.invalid("level", "is required: one of \(known)")
    }
    let rulesKind = rulesLevel.kind
    if kind != .unspecified, JabatanKind(rawValue: kind.rawValue) != rulesKind {
      let given = JabatanKind(rawValue: kind.rawValue).map(\.description) ?? "code \(kind.rawValue)"
      throw FieldCheck.invalid(
        "kind", "\(given) does not agree with level \(rulesLevel), which is a \(rulesKind) position")
    }
    if rulesKind.isManagerial {
      let allowed = rulesLevel.eselons
      guard let rulesEselon = Eselon(rawValue: eselon.rawValue), allowed.contains(rulesEselon) else {
        throw FieldCheck.invalid(
          "eselon",
          "a \(rulesLevel) position carries eselon \(allowed.map(\.text).joined(separator: " or "))")
      }
    } else if eselon != .unspecified {
      throw FieldCheck.invalid("eselon", "a \(rulesLevel) position is not structural and has no eselon")
    }
    return Checked(
      kind: Simpeg_V1_JabatanKind(rawValue: rulesKind.rawValue) ?? .unspecified, level: level,
      eselon: eselon)
  }
}
