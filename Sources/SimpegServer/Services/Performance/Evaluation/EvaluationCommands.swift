import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// The write path of evaluations: the year's periodic kind, the predikat kinerja organisasi,
/// ratings, finalisation under the kurva distribusi and acknowledgement. EvaluationService's
/// calls and the sample go through here; who may act is the caller's to check first.
enum EvaluationCommands {
  /// The two ratings of an evaluation with their notes, as sent.
  struct Ratings: Sendable {
    var hasilKerja: Simpeg_V1_Rating
    var perilaku: Simpeg_V1_Rating
    var hasilKerjaNote = ""
    var behaviour: [Simpeg_V1_BehaviourFeedback] = []
    /// The year's SKPs with their own ratings, when there are several (``YearParts``).
    var parts: [Simpeg_V1_EvaluationPart] = []
    /// What an annual rating followed (``AnnualBasisBuilder``); unset for periodic ones.
    var basis: Simpeg_V1_AnnualBasis?
  }

  /// Chooses the periodic evaluation of `year` (bulanan or triwulan); refused once the year has
  /// periodic evaluations of the other kind.
  static func setPeriodKind(
    year: Int32, kind: Simpeg_V1_EvaluationPeriodKind, by actor: String, at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_PeriodKindRecord {
    let transaction = mutation.transaction
    let current = try CheckedPeriod.periodicKind(of: year, in: transaction)
    if current.rawValue != kind.rawValue {
      let evaluations = try Tables.evaluations.find(
        Tables.evaluationsByYear, equalTo: UInt32(year), in: transaction)
      if evaluations.contains(where: { $0.value.period.kind != .tahunan }) {
        throw RPCError(
          .failedPrecondition, "\(year) has periodic evaluations already; its periodic kind stays \(current)")
      }
    }
    var setting = Simpeg_Internal_V1_PeriodKindRecord()
    setting.year = year
    setting.kind = kind
    setting.setBy = actor
    setting.setAt = time
    try Tables.periodKinds.put(setting, for: UInt32(year), in: transaction)
    mutation.audit(targets: ["year:\(year)"])
    return setting
  }

  /// Sets the predikat kinerja organisasi of `unit` for `period` (organisation first): refused
  /// once the unit's ratings of the period are finalised, or when it would move ratings already
  /// given under the curve of a unit above (``OrganisationCoverage``).
  static func setOrganisationPredikat(
    _ predikat: Simpeg_V1_PredikatOrganisasi, note: String, of unit: Simpeg_Internal_V1_UnitRecord,
    for period: CheckedPeriod,
    by actor: String, at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_OrganisationPredikatRecord {
    let transaction = mutation.transaction
    let key = OrganisationCoverage.key(unit.id, period)
    if let existing = try Tables.organisationPredikat.get(key, in: transaction), existing.finalised {
      throw RPCError(
        .failedPrecondition,
        "the ratings of unit \(unit.id) for \(period) are finalised; its predikat is locked")
    }
    var setting = Simpeg_Internal_V1_OrganisationPredikatRecord()
    setting.unitID = unit.id
    setting.period = period.message
    setting.predikat = predikat
    setting.note = note
    setting.setBy = actor
    setting.setAt = time
    try Tables.organisationPredikat.put(setting, for: key, in: transaction)
    try OrganisationCoverage.checkNoRatingMoves(to: unit, period: period, in: transaction)
    mutation.audit(targets: ["unit:\(unit.id)", "period:\(period)"])
    return setting
  }

  /// Rates `employee` for `period` against the SKP `skpID` (0 when the year has none on record)
  /// of `level` covering `months` of it, as `rater` at `time`: the predikat follows from the
  /// ratings by the matrix. Refused when the employee's evaluation of the period is finalised,
  /// when no predikat organisasi covers them (``OrganisationCoverage/curve(for:period:in:)``: a
  /// unit head's is the one over the unit above), or when that set is finalised. A rating not
  /// yet finalised is replaced.
  static func rate(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, for period: CheckedPeriod, skpID: UInt64,
    level: Simpeg_V1_JabatanLevel,
    months: Int, ratings: Ratings, by rater: String, raterEmployeeID: UInt64,
    at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_EvaluationRecord {
    let transaction = mutation.transaction
    let hasilKerja = try RatingCode.check(ratings.hasilKerja, field: "hasil_kerja")
    let perilaku = try RatingCode.check(ratings.perilaku, field: "perilaku")
    let existing = try Tables.evaluations.findUnique(
      Tables.evaluationsBySubject, CompositeKey3(employee.id, UInt32(period.year), period.code),
      in: transaction)?.value
    if let existing, existing.status == .finalised || existing.status == .acknowledged {
      throw RPCError(
        .failedPrecondition,
        "evaluation \(existing.id) of \(period) is finalised and locked (rule: finalised evaluations are locked)"
      )
    }
    guard
      let organisation = try OrganisationCoverage.curve(for: employee, period: period, in: transaction)
    else {
      let head = try OrganisationCoverage.leadsOwnUnit(employee, in: transaction)
      throw RPCError(
        .failedPrecondition,
        "organisation first: no predikat kinerja organisasi is set for \(period) in "
          + (head ? "the unit above the one the employee leads" : "the employee's unit")
          + " or above; the leader of the unit above it sets it before employees are rated "
          + "(rule: SE MenPANRB 3/2023)")
    }
    guard !organisation.finalised else {
      throw RPCError(
        .failedPrecondition,
        "the ratings of unit \(organisation.unitID) for \(period) are finalised and locked "
          + "(rule: finalised evaluations are locked)")
    }
    var evaluation = existing ?? Simpeg_Internal_V1_EvaluationRecord()
    if existing == nil { evaluation.id = try Tables.nextID("evaluation", in: transaction) }
    evaluation.employeeID = employee.id
    evaluation.skpID = skpID
    evaluation.period = period.message
    evaluation.unitID = employee.unitID
    evaluation.organisationUnitID = organisation.unitID
    evaluation.hasilKerja = ratings.hasilKerja
    evaluation.hasilKerjaNote = ratings.hasilKerjaNote
    evaluation.perilaku = ratings.perilaku
    evaluation.behaviour = ratings.behaviour
    evaluation.predikat = Simpeg_V1_Predikat(Predikat(hasilKerja: hasilKerja, perilaku: perilaku))
    evaluation.status = .rated
    evaluation.ratedBy = rater
    evaluation.ratedByEmployeeID = raterEmployeeID
    evaluation.ratedAt = time
    evaluation.level = level
    evaluation.months = UInt32(months)
    evaluation.parts = ratings.parts
    if let basis = ratings.basis { evaluation.basis = basis } else { evaluation.clearBasis() }
    try Tables.evaluations.put(evaluation, for: evaluation.id, in: transaction)
    mutation.audit(targets: ["evaluation:\(evaluation.id)", "employee:\(employee.id)", "period:\(period)"])
    return evaluation
  }

  /// What a finalisation did.
  struct Finalised: Sendable {
    /// The evaluations finalised.
    var count: Int
    /// The ratings against the curve.
    var check: DistributionCheck
    /// Whether it went ahead against the curve under an override.
    var overridden: Bool
  }

  /// Finalises the ratings of `unit` for `period` under its predikat organisasi as `actor` at
  /// `time`: everyone with an approved SKP covering the period must be rated, and the ratings must
  /// fit the kurva distribusi unless `override` gives a reason (which only ADMIN may give:
  /// `mayOverride`). A set holding the finaliser's own rating (`finaliserEmployeeID`) is left to
  /// someone else. Awards angka kredit to annual evaluations of functional posts; locks the
  /// evaluations and the predikat organisasi.
  static func finalise(
    _ unit: Simpeg_Internal_V1_UnitRecord, for period: CheckedPeriod, override reason: String,
    mayOverride: Bool,
    by actor: String, finaliserEmployeeID: UInt64 = 0, on day: CalendarDate,
    at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Finalised {
    let transaction = mutation.transaction
    var organisation = try organisation(of: unit.id, period: period, in: transaction)
    guard !organisation.finalised else {
      throw RPCError(
        .failedPrecondition,
        "the ratings of unit \(unit.id) for \(period) were finalised by \(organisation.finalisedBy)")
    }
    let set = try UnitEvaluationSet.load(
      unit: unit.id, period: period, organisasi: organisation.predikat.rule!, in: transaction)
    if finaliserEmployeeID != 0, set.evaluations.contains(where: { $0.employeeID == finaliserEmployeeID }) {
      var mayAct = [BKPSDM.person()]
      if unit.parentID != 0, let parent = try Tables.units.get(unit.parentID, in: transaction) {
        mayAct = try Authorizer.leaderPeople(of: parent, on: day, in: transaction) + mayAct
      }
      throw Refusals.error(
        .permissionDenied, .ownRatingInSet,
        "the ratings of \(RecordNaming.unit(unit)) for \(period) include your own; the leader of the unit "
          + "above or BKPSDM finalises them", rule: Authorizer.finalisationRule, mayAct: mayAct)
    }
    guard set.unrated.isEmpty else {
      let listed = set.unrated.prefix(20).map(String.init).joined(separator: ", ")
      throw RPCError(
        .failedPrecondition,
        "\(set.unrated.count) people of the unit with an approved SKP are not rated for \(period) yet "
          + "(employees \(listed)\(set.unrated.count > 20 ? ", ..." : ""))")
    }
    guard !set.evaluations.isEmpty else {
      throw RPCError(.failedPrecondition, "unit \(unit.id) has no ratings for \(period) to finalise")
    }
    var overridden = false
    if !set.check.conforms {
      guard !reason.allSatisfy(\.isWhitespace) else {
        throw RPCError(
          .failedPrecondition,
          "the ratings break the kurva distribusi for predikat organisasi \(set.check.organisasi): "
            + "\(set.check.description); finalising them needs an override with a reason by BKPSDM (ADMIN) "
            + "(rule: kurva distribusi, SE MenPANRB 3/2023)")
      }
      guard mayOverride else {
        throw RPCError(
          .permissionDenied,
          "overriding the kurva distribusi needs the ADMIN role (BKPSDM) (rule: authorised override)")
      }
      overridden = true
      organisation.overrideReason = reason
      organisation.overrideCheck = set.check.description
    }
    for var evaluation in set.evaluations {
      evaluation.status = .finalised
      evaluation.finalisedBy = actor
      evaluation.finalisedAt = time
      evaluation.finalisedUnderOverride = overridden
      try AngkaKreditAward.apply(to: &evaluation, period: period)
      try Tables.evaluations.put(evaluation, for: evaluation.id, in: transaction)
    }
    organisation.finalised = true
    organisation.finalisedBy = actor
    organisation.finalisedAt = time
    try Tables.organisationPredikat.put(
      organisation, for: OrganisationCoverage.key(unit.id, period), in: transaction)
    mutation.audit(
      targets: ["unit:\(unit.id)", "period:\(period)", "evaluations:\(set.evaluations.count)"]
        + (overridden ? ["override"] : []))
    return Finalised(count: set.evaluations.count, check: set.check, overridden: overridden)
  }

  /// Records that the employee has seen their finalised `evaluation`, with `note`, at `time`.
  static func acknowledge(
    _ evaluation: Simpeg_Internal_V1_EvaluationRecord, note: String, at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_EvaluationRecord {
    switch evaluation.status {
    case .finalised: break
    case .acknowledged:
      throw RPCError(.failedPrecondition, "evaluation \(evaluation.id) was acknowledged already")
    default:
      throw RPCError(
        .failedPrecondition,
        "evaluation \(evaluation.id) is not finalised yet; only a final evaluation is acknowledged")
    }
    var evaluation = evaluation
    evaluation.status = .acknowledged
    evaluation.acknowledgedAt = time
    evaluation.acknowledgementNote = note
    try Tables.evaluations.put(evaluation, for: evaluation.id, in: mutation.transaction)
    mutation.audit(targets: ["evaluation:\(evaluation.id)", "employee:\(evaluation.employeeID)"])
    return evaluation
  }

  /// The unit's predikat organisasi for the period, or FAILED_PRECONDITION.
  static func organisation(
    of unitID: UInt64, period: CheckedPeriod, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_OrganisationPredikatRecord {
    guard
      let organisation = try Tables.organisationPredikat.get(
        OrganisationCoverage.key(unitID, period), in: transaction), organisation.predikat.rule != nil
    else {
      throw RPCError(
        .failedPrecondition,
        "unit \(unitID) has no predikat organisasi for \(period); its leader sets it first (organisation first)"
      )
    }
    return organisation
  }
}
