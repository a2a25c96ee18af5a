import SimpegAPI
import SimpegRPC
import SwiftProtobuf

/// A refusal by a rule of the yearly cycle, for a person and for a program: the status and a
/// message that names the rule and who could act instead, and the typed `simpeg.v1.Refusal`
/// detail (reason code, field, rule, who may act) in the trailer's details.
///
/// The reason codes are the stable catalogue of `Schema/simpeg/v1/errors.proto`, documented in
/// `Schema/PROTOCOL.md`.
enum Refusals {
  /// The error for `reason`: `message`, then the rule and who may act, with the detail attached.
  static func error(
    _ code: StatusCode, _ reason: Simpeg_V1_RefusalReason, _ message: String, rule: String,
    field: String = "", mayAct: [Simpeg_V1_PositionPerson] = []
  ) -> RPCError {
    var refusal = Simpeg_V1_Refusal()
    refusal.reason = reason
    refusal.field = field
    refusal.rule = rule
    refusal.mayAct = mayAct
    var text = field.isEmpty || message.hasPrefix(field) ? message : "\(field): \(message)"
    text += " (rule: \(rule))"
    if !mayAct.isEmpty {
      text += "; who may act: " + RecordNaming.list(mayAct.map(describe))
    }
    let details = (try? Google_Protobuf_Any(message: refusal)).map { [$0] } ?? []
    return RPCError(code, text, details: details)
  }

  /// The typed refusal carried by `error`, if any.
  static func refusal(in error: RPCError) -> Simpeg_V1_Refusal? {
    error.details.lazy.compactMap { try? Simpeg_V1_Refusal(unpackingAny: $0) }.first
  }

  /// `Budi Santoso (Plh, Kepala Seksi Satu)` or `BKPSDM for the Wali Kota`.
  static func describe(_ person: Simpeg_V1_PositionPerson) -> String {
    if person.official && person.employeeID == 0 {
      return "BKPSDM (ADMIN) for \(person.name.isEmpty ? "the elected official" : person.name)"
        + (person.positionTitle.isEmpty ? "" : ", \(person.positionTitle)")
    }
    let role = person.plh ? "Plh, " : person.acting ? "Plt, " : ""
    let name = person.name.isEmpty ? "employee \(person.employeeID)" : person.name
    return
      "\(name) (\(role)\(person.positionTitle.isEmpty ? "position \(person.positionID)" : person.positionTitle))"
  }
}
