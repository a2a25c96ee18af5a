/// What the content of an SKP must satisfy (PermenPANRB 6/2022): while it is edited, every RHK and
/// IKI well formed for the SKP's approach and owner; when it is submitted, complete.
///
/// The checks look at one part at a time, so a caller walking the content reports the first
/// fault in content order; each error names the part by its path in the request
/// (`content.rhks[1].ikis[0].target_value`). Ids kept across versions are checked here too
/// (``checkKept(_:field:what:previous:seen:)``); new ids and the cascade need the store and are
/// the caller's.
public enum SKPContentRule {
  /// The most RHKs an SKP holds.
  public static let maxRHKs = 40
  /// The most IKIs an RHK holds.
  public static let maxIKIs = 12
  /// The longest text of a field, in characters.
  public static let maxText = 2_000
  /// The longest unit of a target (`dokumen`), in characters.
  public static let maxTargetUnit = 100

  /// How the SKP measures success: with a target and its unit, or with a narrative.
  public enum Approach: Int, Sendable, Hashable, CaseIterable {
    /// Kuantitatif: each IKI has a target value and unit.
    case kuantitatif = 1
    /// Kualitatif: each IKI has a narrative measure of success.
    case kualitatif = 2
  }

  /// One IKI as written.
  public struct IKI: Sendable, Hashable {
    /// The aspect code: 1 kuantitas, 2 kualitas, 3 waktu, 4 biaya.
    public var aspect: Int
    /// What is measured (`Jumlah laporan yang diselesaikan`).
    public var indicator: String
    /// The yearly target (kuantitatif); 0 or more on a kualitatif SKP.
    public var targetValue: Int64
    /// The unit of the target (`dokumen`).
    public var targetUnit: String
    /// The measure of success in words (kualitatif).
    public var narrativeMeasure: String

    /// An IKI of these fields.
    public init(
      aspect: Int, indicator: String, targetValue: Int64, targetUnit: String, narrativeMeasure: String
    ) {
      self.aspect = aspect
      self.indicator = indicator
      self.targetValue = targetValue
      self.targetUnit = targetUnit
      self.narrativeMeasure = narrativeMeasure
    }
  }

  /// The approach of content whose approach code is `code`.
  public static func approach(code: Int) throws(SKPContentError) -> Approach {
    guard let approach = Approach(rawValue: code) else { throw .unknownApproach }
    return approach
  }

  /// Refuses content of more than ``maxRHKs`` RHKs.
  public static func checkCount(rhks: Int) throws(SKPContentError) {
    guard rhks <= maxRHKs else { throw .tooManyRHKs(rhks) }
  }

  /// The kind of the RHK at `field` with kind code `kind`, whose text, perspective code (0 for
  /// none; a JPT's SKP groups every RHK under one of the four) and number of IKIs are checked.
  public static func checkRHK(
    field: String, kind: Int, text: String, perspective: Int, ikis: Int, ownerIsJPT: Bool
  ) throws(SKPContentError) -> RHKKind {
    guard let rhkKind = RHKKind(rawValue: kind) else { throw .unknownRHKKind(field: field) }
    try checkText(text, field: "\(field).text")
    if ownerIsJPT {
      guard (1...4).contains(perspective) else { throw .perspectiveRequired(field: field) }
    } else if perspective != 0 {
      throw .perspectiveNotAllowed(field: field)
    }
    guard (1...maxIKIs).contains(ikis) else { throw .ikiCount(field: field, count: ikis) }
    return rhkKind
  }

  /// Checks the IKI at `field` for the SKP's approach: its aspect and indicator, and a positive
  /// target with its unit (kuantitatif) or a narrative measure (kualitatif).
  public static func checkIKI(_ iki: IKI, field: String, approach: Approach) throws(SKPContentError) {
    guard (1...4).contains(iki.aspect) else { throw .unknownAspect(field: field) }
    try checkText(iki.indicator, field: "\(field).indicator")
    switch approach {
    case .kuantitatif:
      guard iki.targetValue > 0 else { throw .targetRequired(field: field) }
      try checkText(iki.targetUnit, field: "\(field).target_unit", limit: maxTargetUnit)
    case .kualitatif:
      try checkText(iki.narrativeMeasure, field: "\(field).narrative_measure")
      guard iki.targetValue >= 0 else { throw .negativeTarget(field: field) }
    }
  }

  /// Checks the id of a part kept from the version being edited (0 for a new part, which gets
  /// one later): it must be an id of `previous` and appear once (`seen` collects them).
  public static func checkKept(
    _ id: UInt64, field: String, what: String, previous: Set<UInt64>, seen: inout Set<UInt64>
  ) throws(SKPContentError) {
    guard id != 0 else { return }
    guard previous.contains(id) else { throw .unknownID(field: field, id: id, what: what) }
    guard seen.insert(id).inserted else { throw .repeatedID(field: field, id: id) }
  }

  /// Checks one behaviour expectation: its value once in the SKP (`seen` collects them) and its
  /// text.
  public static func checkExpectation(
    _ value: BerAKHLAK, text: String, field: String, seen: inout Set<BerAKHLAK>
  ) throws(SKPContentError) {
    guard seen.insert(value).inserted else { throw .repeatedExpectation(field: field, value: value) }
    try checkText(text, field: "\(field).expectation")
  }

  /// Refuses content that is not complete enough to submit: it needs at least one hasil kerja
  /// utama and an expectation for each of the seven BerAKHLAK values.
  public static func checkSubmittable(kinds: [RHKKind], expectations: Set<BerAKHLAK>) throws(SKPContentError)
  {
    guard kinds.contains(.utama) else { throw .noHasilKerjaUtama }
    let missing = BerAKHLAK.allCases.filter { !expectations.contains($0) }
    guard missing.isEmpty else { throw .missingExpectations(missing) }
  }

  /// Refuses a required text that is blank or longer than `limit` characters.
  public static func checkText(_ text: String, field: String, limit: Int = maxText) throws(SKPContentError) {
    guard !text.allSatisfy(\.isWhitespace) else { throw .textRequired(field: field) }
    guard text.count <= limit else { throw .textTooLong(field: field, limit: limit) }
  }
}

/// Why the content of an SKP is refused.
public enum SKPContentError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The approach code is neither kuantitatif nor kualitatif.
  case unknownApproach
  /// More than ``SKPContentRule/maxRHKs`` RHKs.
  case tooManyRHKs(Int)
  /// An RHK whose kind code is neither utama nor tambahan.
  case unknownRHKKind(field: String)
  /// A required text is blank.
  case textRequired(field: String)
  /// A text is longer than its limit.
  case textTooLong(field: String, limit: Int)
  /// An RHK of a JPT's SKP without one of the four perspectives.
  case perspectiveRequired(field: String)
  /// A perspective on the SKP of someone who is not a JPT.
  case perspectiveNotAllowed(field: String)
  /// An RHK without IKIs or with more than ``SKPContentRule/maxIKIs``.
  case ikiCount(field: String, count: Int)
  /// A kept id that is not one of the version being edited.
  case unknownID(field: String, id: UInt64, what: String)
  /// A kept id named twice.
  case repeatedID(field: String, id: UInt64)
  /// An IKI whose aspect code is not one of the four.
  case unknownAspect(field: String)
  /// A kuantitatif IKI without a positive target.
  case targetRequired(field: String)
  /// A kualitatif IKI with a negative target.
  case negativeTarget(field: String)
  /// A BerAKHLAK value with two expectations.
  case repeatedExpectation(field: String, value: BerAKHLAK)
  /// Submitted without a hasil kerja utama.
  case noHasilKerjaUtama
  /// Submitted without the expectation of these values.
  case missingExpectations([BerAKHLAK])

  /// Whether the content is well formed but not complete enough to submit (a precondition of
  /// submitting rather than a bad request).
  public var isIncomplete: Bool {
    switch self {
    case .noHasilKerjaUtama, .missingExpectations: return true
    default: return false
    }
  }

  /// The rule broken, naming the part.
  public var description: String {
    switch self {
    case .unknownApproach:
      return "content.approach must be 1 (kuantitatif) or 2 (kualitatif)"
    case .tooManyRHKs(let count):
      return "an SKP holds at most \(SKPContentRule.maxRHKs) RHKs, not \(count)"
    case .unknownRHKKind(let field):
      return "\(field).kind must be 1 (utama) or 2 (tambahan)"
    case .textRequired(let field):
      return "\(field) is required"
    case .textTooLong(let field, let limit):
      return "\(field) is longer than \(limit) characters"
    case .perspectiveRequired(let field):
      return "\(field).perspective is required on a JPT's SKP: 1 penerima layanan, 2 proses bisnis, "
        + "3 penguatan internal or 4 anggaran"
    case .perspectiveNotAllowed(let field):
      return "\(field).perspective is for a JPT's SKP only"
    case .ikiCount(let field, let count):
      return "\(field) needs 1 to \(SKPContentRule.maxIKIs) IKIs, not \(count)"
    case .unknownID(let field, let id, let what):
      return "\(field).id \(id) is not an \(what) of this SKP; send 0 for a new \(what)"
    case .repeatedID(let field, let id):
      return "\(field).id \(id) appears twice"
    case .unknownAspect(let field):
      return "\(field).aspect must be 1 (kuantitas), 2 (kualitas), 3 (waktu) or 4 (biaya)"
    case .targetRequired(let field):
      return "\(field).target_value must be more than 0 on a kuantitatif SKP"
    case .negativeTarget(let field):
      return "\(field).target_value cannot be negative"
    case .repeatedExpectation(let field, let value):
      return "\(field): \(value) has an expectation already"
    case .noHasilKerjaUtama:
      return "an SKP needs at least one hasil kerja utama before it is submitted"
    case .missingExpectations(let missing):
      return "an SKP needs the expectation of each BerAKHLAK value before it is submitted; missing: "
        + missing.map(\.description).joined(separator: ", ")
    }
  }
}
