import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// SimpegKinerja's `SKPContentRule` applied to the content of a request: every part checked in
/// content order, the ids of parts kept from the version being edited checked and new ones
/// assigned, and every RHK's place in the cascade checked against the store. Refusals are
/// INVALID_ARGUMENT, or FAILED_PRECONDITION for content not complete enough to submit.
enum SKPContentRules {
  /// The longest text of a field, in characters.
  static let maxText = SKPContentRule.maxText

  /// Checks `content` for `skp`, keeps the ids of RHKs and IKIs of `previous` (the content of
  /// the version being edited or revised), assigns ids to new ones and checks every RHK's place
  /// in the cascade. Returns the content as stored.
  static func prepare(
    _ content: Simpeg_V1_SKPContent, for skp: Simpeg_V1_SKP, previous: Simpeg_V1_SKPContent?,
    in mutation: Mutation
  ) throws -> Simpeg_V1_SKPContent {
    let transaction = mutation.transaction
    let approach = try rule { () throws(SKPContentError) in
      try SKPContentRule.approach(code: content.approach.rawValue)
    }
    try rule { () throws(SKPContentError) in try SKPContentRule.checkCount(rhks: content.rhks.count) }
    let isJPT = skp.level.rule?.kind == .pimpinanTinggi
    let previousRHKs = Set(previous?.rhks.map(\.id) ?? [])
    let previousIKIs = Set(previous?.rhks.flatMap { $0.ikis.map(\.id) } ?? [])
    var seenRHKs: Set<UInt64> = []
    var seenIKIs: Set<UInt64> = []
    var prepared = content
    var cascade = SKPCascade(of: skp, in: mutation)
    for index in prepared.rhks.indices {
      let field = "content.rhks[\(index)]"
      var rhk = prepared.rhks[index]
      let kind = try rule { () throws(SKPContentError) in
        let kind = try SKPContentRule.checkRHK(
          field: field, kind: rhk.kind.rawValue, text: rhk.text, perspective: rhk.perspective.rawValue,
          ikis: rhk.ikis.count, ownerIsJPT: isJPT)
        try SKPContentRule.checkKept(
          rhk.id, field: field, what: "RHK", previous: previousRHKs, seen: &seenRHKs)
        return kind
      }
      if rhk.id == 0 { rhk.id = try Tables.nextID("rhk", in: transaction) }
      for ikiIndex in rhk.ikis.indices {
        let ikiField = "\(field).ikis[\(ikiIndex)]"
        var iki = rhk.ikis[ikiIndex]
        try rule { () throws(SKPContentError) in
          try SKPContentRule.checkIKI(
            SKPContentRule.IKI(
              aspect: iki.aspect.rawValue, indicator: iki.indicator, targetValue: iki.targetValue,
              targetUnit: iki.targetUnit, narrativeMeasure: iki.narrativeMeasure),
            field: ikiField, approach: approach)
          try SKPContentRule.checkKept(
            iki.id, field: ikiField, what: "IKI", previous: previousIKIs, seen: &seenIKIs)
        }
        if iki.id == 0 { iki.id = try Tables.nextID("iki", in: transaction) }
        rhk.ikis[ikiIndex] = iki
      }
      try cascade.check(parent: rhk.parentRhkID, kind: kind, field: field)
      prepared.rhks[index] = rhk
    }
    var values: Set<BerAKHLAK> = []
    for (index, expectation) in prepared.expectations.enumerated() {
      let field = "content.expectations[\(index)]"
      let value = try BerAKHLAKCode.check(expectation.value, field: "\(field).value")
      try rule { () throws(SKPContentError) in
        try SKPContentRule.checkExpectation(value, text: expectation.expectation, field: field, seen: &values)
      }
    }
    return prepared
  }

  /// Checks that `content` is complete enough to submit: at least one hasil kerja utama and an
  /// expectation for each of the seven BerAKHLAK values.
  static func checkSubmittable(_ content: Simpeg_V1_SKPContent) throws {
    try rule { () throws(SKPContentError) in
      try SKPContentRule.checkSubmittable(
        kinds: content.rhks.compactMap { RHKKind(rawValue: $0.kind.rawValue) },
        expectations: Set(content.expectations.compactMap(\.value.rule)))
    }
  }

  /// Checks a required text field.
  static func checkText(_ text: String, field: String, limit: Int = maxText) throws {
    try rule { () throws(SKPContentError) in try SKPContentRule.checkText(text, field: field, limit: limit) }
  }

  /// Runs a check of the rule and turns its refusal into a status.
  @discardableResult
  private static func rule<T>(_ check: () throws(SKPContentError) -> T) throws -> T {
    do {
      return try check()
    } catch {
      throw RPCError(error.isIncomplete ? .failedPrecondition : .invalidArgument, error.description)
    }
  }
}

/// The cascade rule applied to stored SKPs: SimpegKinerja's `RHKCascade` with the evaluator's SKP
/// read from the store, once for all the RHKs of one SKP (and once per change, through
/// ``Mutation/remember(_:_:)``, until an SKP command writes it again).
struct SKPCascade {
  private let skp: Simpeg_V1_SKP
  private let mutation: Mutation
  /// The evaluator's SKP as read for an earlier RHK.
  private var outline: SKPOutline<UInt64>?

  /// A check of the RHKs of `skp`.
  init(of skp: Simpeg_V1_SKP, in mutation: Mutation) {
    self.skp = skp
    self.mutation = mutation
  }

  /// Checks the parent RHK named by one RHK of the SKP.
  mutating func check(parent: UInt64, kind: RHKKind, field: String) throws {
    let topLeader = !skp.hasEvaluator
    if !topLeader, parent != 0, outline?.rhkIDs.contains(parent) != true {
      outline = try Self.evaluatorOutline(parent: parent, of: skp, in: mutation)
    }
    do {
      try RHKCascade.check(
        parent: parent == 0 ? nil : parent, kind: kind, skpYear: Int(skp.year), ownerIsTopLeader: topLeader,
        evaluatorSKP: topLeader || parent == 0 ? nil : outline)
    } catch {
      if case .topLeaderNamesParent(let named) = error, skp.employeeID != 0 {
        throw RPCError(.invalidArgument, "\(field): \(try withoutPPK(naming: named)) (rule: RHK cascade)")
      }
      let code: StatusCode
      if case .evaluatorHasNoSKP = error { code = .failedPrecondition } else { code = .invalidArgument }
      throw RPCError(code, "\(field): \(error.description) (rule: RHK cascade)")
    }
  }

  /// Why an employee's SKP without a PPK names no parent RHK, and what mends it. An employee is
  /// the cascade's "top leader" only when their position has no supervising position (posts above
  /// that are all vacant refuse the SKP instead), which an operator may not know they left unset.
  private func withoutPPK(naming parent: UInt64) throws -> String {
    guard let position = try Tables.positions.get(skp.positionID, in: mutation.transaction),
      position.supervisorPositionID == 0
    else { return RHKCascadeError.topLeaderNamesParent(parent).description }
    return "\(RecordNaming.position(position)) has no supervising position, so this SKP has no PPK in the "
      + "organisation and its RHKs cannot name a parent RHK (\(parent)): BKPSDM gives the position its "
      + "supervisor (OrgService/SetPositionSupervisor; simpeg-admin position supervisor), or leave "
      + "parent_rhk_id empty"
  }

  /// Checks every RHK of `content` (the SKP's own when not given).
  mutating func checkAll(_ content: Simpeg_V1_SKPContent? = nil) throws {
    for (index, rhk) in (content ?? skp.content).rhks.enumerated() {
      try check(
        parent: rhk.parentRhkID, kind: RHKKind(rawValue: rhk.kind.rawValue) ?? .utama,
        field: "content.rhks[\(index)]")
    }
  }

  /// The evaluator's approved SKP as far as the rule needs it: the SKP of the evaluator that
  /// holds `parent` if there is one (of whatever year), else the evaluator's SKP of the year.
  static func evaluatorOutline(
    parent: UInt64, of skp: Simpeg_V1_SKP, in mutation: Mutation
  ) throws -> SKPOutline<UInt64>? {
    let transaction = mutation.transaction
    let evaluator = skp.evaluator
    let holding = try mutation.remember(rememberedKey(rhk: parent)) {
      try SKPLookup.record(holdingRHK: parent, in: transaction)
    }
    if let holding, isOwned(holding, by: evaluator), let inForce = holding.inForce {
      return SKPOutline(year: Int(inForce.year), rhkIDs: Set(inForce.content.rhks.map(\.id)))
    }
    guard let own = try SKPLookup.record(of: evaluator, year: skp.year, in: transaction),
      let inForce = own.inForce
    else { return nil }
    return SKPOutline(year: Int(inForce.year), rhkIDs: Set(inForce.content.rhks.map(\.id)))
  }

  /// The key under which a change remembers the SKP holding RHK `rhk`.
  static func rememberedKey(rhk: UInt64) -> String { "skp-holding-rhk:\(rhk)" }

  private static func isOwned(_ record: Simpeg_Internal_V1_SKPRecord, by person: Simpeg_V1_PositionPerson)
    -> Bool
  {
    let first = record.versions.first!
    if person.official { return first.employeeID == 0 && first.positionID == person.positionID }
    return person.employeeID != 0 && first.employeeID == person.employeeID
  }
}
