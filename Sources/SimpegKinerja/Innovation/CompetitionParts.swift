/// A judging criterion of an innovation competition with its weight in percent.
public struct JudgingCriterion<ID: Hashable & Comparable & Sendable>: Sendable, Hashable {
  /// The criterion.
  public var id: ID
  /// Its name, e.g. `Kebaruan`, `Efektivitas`, `Keberlanjutan`.
  public var name: String
  /// Its weight in percent; the weights of a competition add up to 100.
  public var weight: Int

  /// Creates a criterion.
  public init(id: ID, name: String, weight: Int) {
    self.id = id
    self.name = name
    self.weight = weight
  }
}

/// An innovation submitted to a competition by an employee or a team from one or more units.
public struct CompetitionEntry<ID: Hashable & Comparable & Sendable>: Sendable, Hashable {
  /// The entry.
  public var id: ID
  /// The units of the entry's authors; a judge from any of them may not score it.
  public var units: Set<ID>
  /// When the entry was submitted; the earlier of two tied entries ranks first.
  public var submittedAt: LocalDateTime

  /// Creates an entry.
  public init(id: ID, units: Set<ID>, submittedAt: LocalDateTime) {
    self.id = id
    self.units = units
    self.submittedAt = submittedAt
  }
}

/// A judge of a competition, with the unit they work in (nil for an outside judge).
public struct CompetitionJudge<ID: Hashable & Comparable & Sendable>: Sendable, Hashable {
  /// The judge.
  public var id: ID
  /// The judge's unit; nil for a judge from outside the city government.
  public var unit: ID?

  /// Creates a judge.
  public init(id: ID, unit: ID?) {
    self.id = id
    self.unit = unit
  }
}

/// One judge's scores for one entry, one score per criterion.
public struct Scorecard<ID: Hashable & Comparable & Sendable>: Sendable, Hashable {
  /// The judge who scored.
  public var judge: ID
  /// The entry scored.
  public var entry: ID
  /// The score per criterion.
  public var scores: [ID: Int]

  /// Creates a scorecard.
  public init(judge: ID, entry: ID, scores: [ID: Int]) {
    self.judge = judge
    self.entry = entry
    self.scores = scores
  }
}
