import SimpegAPI
import SimpegKinerja
import SimpegStore

/// What the content of an SKP must satisfy: while it is edited (every field well formed, ids
/// kept or assigned, each RHK in the cascade) and when it is submitted (complete).
enum SKPContentRules {
  /// The most RHKs an SKP holds.
  static let maxRHKs = 40
  /// The most IKIs an RHK holds.
  static let maxIKIs = 12
  /// The longest text of a field, in characters.
  static let maxText = 2_000

  /// Checks `content` for `skp`, keeps the ids of RHKs and IKIs of `previous` (the content of
  /// the version being edited or revised), assigns ids to new ones and checks every RHK's place
  /// in the cascade. Returns the content as stored.
  static func prepare(
    _ content: Simpeg_V1_SKPContent, for skp: Simpeg_V1_SKP, previous: Simpeg_V1_SKPContent?,
    in mutation: Mutation
  ) throws -> Simpeg_V1_SKPContent {
    let transaction = mutation.transaction
    guard content.approach == .kuantitatif || content.approach == .kualitatif else {
      throw invalid("content.approach must be 1 (kuantitatif) or 2 (kualitatif)")
    }
    guard content.rhks.count <= maxRHKs else {
      throw invalid("an SKP holds at most \(maxRHKs) RHKs, not \(content.rhks.count)")
    }
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
      guard let kind = RHKKind(rawValue: rhk.kind.rawValue) else {
        throw invalid("\(field).kind must be 1 (utama) or 2 (tambahan)")
      }
      try checkText(rhk.text, field: "\(field).text")
      if isJPT {
        guard (1...4).contains(rhk.perspective.rawValue) else {
          throw invalid(
            "\(field).perspective is required on a JPT's SKP: 1 penerima layanan, 2 proses bisnis, "
              + "3 penguatan internal or 4 anggaran")
        }
      } else if rhk.perspective != .unspecified {
        throw invalid("\(field).perspective is for a JPT's SKP only")
      }
      guard !rhk.ikis.isEmpty, rhk.ikis.count <= maxIKIs else {
        throw invalid("\(field) needs 1 to \(maxIKIs) IKIs, not \(rhk.ikis.count)")
      }
      if rhk.id == 0 {
        rhk.id = try Tables.nextID("rhk", in: transaction)
      } else {
        guard previousRHKs.contains(rhk.id) else {
          throw invalid("\(field).id \(rhk.id) is not an RHK of this SKP; send 0 for a new RHK")
        }
        guard seenRHKs.insert(rhk.id).inserted else {
          throw invalid("\(field).id \(rhk.id) appears twice")
        }
      }
      for ikiIndex in rhk.ikis.indices {
        let ikiField = "\(field).ikis[\(ikiIndex)]"
        var iki = rhk.ikis[ikiIndex]
        try check(iki, approach: content.approach, field: ikiField)
        if iki.id == 0 {
          iki.id = try Tables.nextID("iki", in: transaction)
        } else {
          guard previousIKIs.contains(iki.id) else {
            throw invalid("\(ikiField).id \(iki.id) is not an IKI of this SKP; send 0 for a new IKI")
          }
          guard seenIKIs.insert(iki.id).inserted else {
            throw invalid("\(ikiField).id \(iki.id) appears twice")
          }
        }
        rhk.ikis[ikiIndex] = iki
      }
      try cascade.check(parent: rhk.parentRhkID, kind: kind, field: field)
      prepared.rhks[index] = rhk
    }
    var values: Set<BerAKHLAK> = []
    for (index, expectation) in prepared.expectations.enumerated() {
      let field = "content.expectations[\(index)]"
      let value = try BerAKHLAKCode.check(expectation.value, field: "\(field).value")
      guard values.insert(value).inserted else {
        throw invalid("\(field): \(value) has an expectation already")
      }
      try checkText(expectation.expectation, field: "\(field).expectation")
    }
    return prepared
  }

  /// Checks that `content` is complete enough to submit: at least one hasil kerja utama and an
  /// expectation for each of the seven BerAKHLAK values.
  static func checkSubmittable(_ content: Simpeg_V1_SKPContent) throws {
    guard content.rhks.contains(where: { $0.kind == .utama }) else {
      throw RPCError(
        .failedPrecondition, "an SKP needs at least one hasil kerja utama before it is submitted")
    }
    let present = Set(content.expectations.compactMap(\.value.rule))
    let missing = BerAKHLAK.allCases.filter { !present.contains($0) }
    guard missing.isEmpty else {
      throw RPCError(
        .failedPrecondition,
        "an SKP needs the expectation of each BerAKHLAK value before it is submitted; missing: "
          + missing.map(\.description).joined(separator: ", "))
    }
  }

  private static func check(_ iki: Simpeg_V1_IKI, approach: Simpeg_V1_SKPApproach, field: String) throws {
    guard (1...4).contains(iki.aspect.rawValue) else {
      throw invalid("\(field).aspect must be 1 (kuantitas), 2 (kualitas), 3 (waktu) or 4 (biaya)")
    }
    try checkText(iki.indicator, field: "\(field).indicator")
    switch approach {
    case .kuantitatif:
      guard iki.targetValue > 0 else {
        throw invalid("\(field).target_value must be more than 0 on a kuantitatif SKP")
      }
      try checkText(iki.targetUnit, field: "\(field).target_unit", limit: 100)
    default:
      try checkText(iki.narrativeMeasure, field: "\(field).narrative_measure")
      guard iki.targetValue >= 0 else { throw invalid("\(field).target_value cannot be negative") }
    }
  }

  /// Checks a required text field.
  static func checkText(_ text: String, field: String, limit: Int = maxText) throws {
    guard !text.allSatisfy(\.isWhitespace) else { throw invalid("\(field) is required") }
    guard text.count <= limit else { throw invalid("\(field) is longer than \(limit) characters") }
  }

  private static func invalid(_ message: String) -> RPCError { RPCError(.invalidArgument, message) }
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
      let code: StatusCode
      if case .evaluatorHasNoSKP = error { code = .failedPrecondition } else { code = .invalidArgument }
      throw RPCError(code, "\(field): \(error.description) (rule: RHK cascade)")
    }
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
