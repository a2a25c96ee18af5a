/// The cascade rule of RHKs: each Rencana Hasil Kerja names the evaluator's RHK it supports
/// ("RHK pimpinan yang diintervensi"), so the RHKs of a year form a tree from the Wali Kota's down.
///
/// - A hasil kerja utama must name an RHK of the evaluator's SKP of the same year.
/// - A hasil kerja tambahan may name none (extra work outside the cascade); if it names one, the
///   same rule applies.
/// - The top leader (the Wali Kota, who has no evaluator in the system) names none.
public enum RHKCascade {
  /// Checks the parent RHK named by one RHK of an SKP of `skpYear`.
  ///
  /// `evaluatorSKP` is the evaluator's current SKP as far as the rule needs it (nil when the
  /// evaluator has none); it is ignored for the top leader.
  public static func check<ID: Hashable & Sendable>(
    parent: ID?, kind: RHKKind, skpYear: Int, ownerIsTopLeader: Bool, evaluatorSKP: SKPOutline<ID>?
  ) throws(RHKCascadeError<ID>) {
    if ownerIsTopLeader {
      if let parent { throw .topLeaderNamesParent(parent) }
      return
    }
    guard let parent else {
      if kind == .tambahan { return }
      throw .parentRequired
    }
    guard let evaluatorSKP else { throw .evaluatorHasNoSKP(year: skpYear) }
    guard evaluatorSKP.year == skpYear else {
      throw .evaluatorSKPOfAnotherYear(evaluatorYear: evaluatorSKP.year, year: skpYear)
    }
    guard evaluatorSKP.rhkIDs.contains(parent) else { throw .parentNotInEvaluatorSKP(parent) }
  }
}

/// Whether an RHK is part of the main work or extra work.
public enum RHKKind: Int, Sendable, Hashable, Codable, CaseIterable {
  /// Hasil kerja utama: cascaded from the evaluator's RHK.
  case utama = 1
  /// Hasil kerja tambahan: extra work, outside the cascade.
  case tambahan = 2
}

/// An SKP as far as the cascade rule needs it: its year and the ids of its RHKs.
public struct SKPOutline<ID: Hashable & Sendable>: Sendable, Hashable {
  /// The SKP's year (January-December).
  public var year: Int
  /// The ids of the SKP's RHKs.
  public var rhkIDs: Set<ID>

  /// Creates an outline.
  public init(year: Int, rhkIDs: Set<ID>) {
    self.year = year
    self.rhkIDs = rhkIDs
  }
}

/// Why an RHK breaks the cascade.
public enum RHKCascadeError<ID: Hashable & Sendable>: Error, Sendable, Hashable, CustomStringConvertible {
  /// A hasil kerja utama names no RHK of the evaluator.
  case parentRequired
  /// The top leader's RHK names a parent, but nobody is above the top leader.
  case topLeaderNamesParent(ID)
  /// The evaluator has no SKP for the year, so there is nothing to cascade from.
  case evaluatorHasNoSKP(year: Int)
  /// The evaluator's SKP given is of another year.
  case evaluatorSKPOfAnotherYear(evaluatorYear: Int, year: Int)
  /// The named RHK is not in the evaluator's SKP.
  case parentNotInEvaluatorSKP(ID)

  /// A message naming the rule broken.
  public var description: String {
    switch self {
    case .parentRequired:
      return "a hasil kerja utama must name the evaluator's RHK it supports (RHK pimpinan yang diintervensi)"
    case .topLeaderNamesParent(let parent):
      return "the top leader's RHK cannot name a parent RHK (\(parent)): nobody is above the top leader"
    case .evaluatorHasNoSKP(let year):
      return "the evaluator has no SKP for \(year); the evaluator's SKP must be approved first"
    case .evaluatorSKPOfAnotherYear(let evaluatorYear, let year):
      return "the named RHK belongs to the evaluator's SKP of \(evaluatorYear), not of \(year)"
    case .parentNotInEvaluatorSKP(let parent):
      return "RHK \(parent) is not an RHK of the evaluator's SKP of the same year"
    }
  }
}
