import SimpegAPI
import SimpegKinerja
import SimpegStore

/// The annual rating of a year with several SKPs (a mid-year transfer closed the earlier ones):
/// the ratings given for each closed SKP and for the SKP in force now combine, weighted by their
/// months (SimpegKinerja's ``AnnualCombination``), into the evaluation's ratings, and each SKP's
/// share is kept as a part.
enum YearParts {
  /// `ratings` of the current SKP combined with `earlier` (one per closed SKP of the year with
  /// months); returns the combined ratings with their parts and the year's months. A year of one
  /// SKP is returned as it is.
  static func combine(
    _ ratings: EvaluationCommands.Ratings, current skp: Simpeg_V1_SKP, months: Int,
    earlier given: [Simpeg_V1_SKPPartRating], period: CheckedPeriod, in transaction: ReadTransaction
  ) throws -> (EvaluationCommands.Ratings, Int) {
    guard let record = try Tables.skps.get(skp.id, in: transaction) else { return (ratings, months) }
    let closed = try SKPTransfer.earlier(than: record, in: transaction).filter {
      UnitEvaluationSet.months(of: $0.inForce ?? $0.latest, in: period) > 0
    }
    let byID = Dictionary(given.map { ($0.skpID, $0) }, uniquingKeysWith: { first, _ in first })
    for (index, part) in given.enumerated() where !closed.contains(where: { $0.id == part.skpID }) {
      throw FieldCheck.invalid(
        "earlier_skps[\(index)]", "SKP \(part.skpID) is not an SKP of the year closed by a mid-year change")
    }
    guard !closed.isEmpty else { return (ratings, months) }
    let missing = closed.filter { byID[$0.id] == nil }.map(\.id)
    guard missing.isEmpty else {
      throw Refusals.error(
        .failedPrecondition, .earlierSkpUnrated,
        "the year has SKP(s) \(missing.map(String.init).joined(separator: ", ")) closed by a mid-year change; "
          + "give their ratings in earlier_skps", rule: SKPTransfer.rule, field: "earlier_skps")
    }
    var parts: [Simpeg_V1_EvaluationPart] = []
    var shares: [SKPShare] = []
    for (index, record) in closed.enumerated() {
      let given = byID[record.id]!
      let hasilKerja = try RatingCode.check(given.hasilKerja, field: "earlier_skps[\(index)].hasil_kerja")
      let perilaku = try RatingCode.check(given.perilaku, field: "earlier_skps[\(index)].perilaku")
      let version = record.inForce ?? record.latest
      let partMonths = UnitEvaluationSet.months(of: version, in: period)
      parts.append(part(version, months: partMonths, hasilKerja, perilaku))
      shares.append(SKPShare(months: partMonths, hasilKerja: hasilKerja, perilaku: perilaku))
    }
    let hasilKerja = try RatingCode.check(ratings.hasilKerja, field: "hasil_kerja")
    let perilaku = try RatingCode.check(ratings.perilaku, field: "perilaku")
    parts.append(part(skp, months: months, hasilKerja, perilaku))
    shares.append(SKPShare(months: months, hasilKerja: hasilKerja, perilaku: perilaku))
    guard let combined = AnnualCombination.combine(shares) else { return (ratings, months) }
    var result = ratings
    result.hasilKerja = Simpeg_V1_Rating(rawValue: combined.hasilKerja.rawValue) ?? .unspecified
    result.perilaku = Simpeg_V1_Rating(rawValue: combined.perilaku.rawValue) ?? .unspecified
    result.parts = parts
    return (result, shares.reduce(0) { $0 + $1.months })
  }

  private static func part(_ skp: Simpeg_V1_SKP, months: Int, _ hasilKerja: Rating, _ perilaku: Rating)
    -> Simpeg_V1_EvaluationPart
  {
    var part = Simpeg_V1_EvaluationPart()
    part.skpID = skp.id
    part.positionID = skp.positionID
    part.positionTitle = skp.positionTitle
    part.level = skp.level
    part.months = UInt32(months)
    part.hasilKerja = Simpeg_V1_Rating(rawValue: hasilKerja.rawValue) ?? .unspecified
    part.perilaku = Simpeg_V1_Rating(rawValue: perilaku.rawValue) ?? .unspecified
    part.predikat = Simpeg_V1_Predikat(Predikat(hasilKerja: hasilKerja, perilaku: perilaku))
    return part
  }
}
