import SimpegAPI
import SimpegKinerja
import SimpegRPC

/// Conversions between the rules' types (SimpegKinerja) and the performance messages. The wire
/// codes are the rules' raw values, so each conversion is by number.
extension Simpeg_V1_Predikat {
  init(_ predikat: Predikat) {
    self = Simpeg_V1_Predikat(rawValue: predikat.rawValue) ?? .unspecified
  }

  /// The rules' predikat; nil when unset or unknown.
  var rule: Predikat? { Predikat(rawValue: rawValue) }
}

extension Simpeg_V1_PredikatOrganisasi {
  /// The rules' predikat organisasi; nil when unset or unknown.
  var rule: PredikatOrganisasi? { PredikatOrganisasi(rawValue: rawValue) }
}

extension Simpeg_V1_BerAKHLAK {
  /// The rules' value; nil when unset or unknown.
  var rule: BerAKHLAK? { BerAKHLAK(rawValue: rawValue) }
}

extension Simpeg_V1_JabatanLevel {
  /// The rules' level; nil when unset or unknown.
  var rule: JabatanLevel? { JabatanLevel(rawValue: rawValue) }
}

extension Simpeg_V1_SKPStatus {
  init(_ status: SKPStatus) {
    self = Simpeg_V1_SKPStatus(rawValue: status.rawValue) ?? .unspecified
  }

  /// The rules' status; nil when unset or unknown.
  var rule: SKPStatus? { SKPStatus(rawValue: rawValue) }
}

extension Simpeg_V1_PredikatCounts {
  init(_ counts: PredikatCounts) {
    self.init()
    sangatBaik = UInt32(counts.sangatBaik)
    baik = UInt32(counts.baik)
    butuhPerbaikan = UInt32(counts.butuhPerbaikan)
    kurang = UInt32(counts.kurang)
    sangatKurang = UInt32(counts.sangatKurang)
  }
}

extension Simpeg_V1_DistributionReport {
  /// The wire form of a curve check.
  init(_ check: DistributionCheck) {
    self.init()
    organisasi = Simpeg_V1_PredikatOrganisasi(rawValue: check.organisasi.rawValue) ?? .unspecified
    counts = Simpeg_V1_PredikatCounts(check.counts)
    rules = check.outcomes.map { outcome in
      var rule = Simpeg_V1_DistributionRuleResult()
      rule.rule = outcome.rule.description
      rule.predikats = outcome.rule.predikats.map(Simpeg_V1_Predikat.init)
      rule.upperBound = outcome.rule.bound.isUpperBound
      rule.actual = UInt32(outcome.actualCount)
      rule.bound = UInt32(outcome.boundCount)
      rule.satisfied = outcome.isSatisfied
      rule.peopleToChange = UInt32(outcome.peopleToChange)
      rule.description_p = outcome.description
      return rule
    }
    conforms = check.conforms
    satisfiable = check.isSatisfiable
    minimumChanges = UInt32(check.minimumChanges ?? 0)
    description_p = check.description
  }
}

/// Checks of rating codes, naming the field and the allowed codes.
enum RatingCode {
  /// The rating of `field`; INVALID_ARGUMENT when unset or out of range.
  static func check(_ rating: Simpeg_V1_Rating, field: String) throws -> Rating {
    if let rule = Rating(rawValue: rating.rawValue) { return rule }
    let allowed = "1 Di Atas Ekspektasi, 2 Sesuai Ekspektasi or 3 Di Bawah Ekspektasi"
    if rating == .unspecified {
      throw RPCError(.invalidArgument, "\(field) is required: \(allowed) (SIASN codes)")
    }
    throw RPCError(
      .invalidArgument,
      "\(field) code \(rating.rawValue) is out of range: a rating is \(allowed) (SIASN codes)")
  }
}

/// Checks of BerAKHLAK codes.
enum BerAKHLAKCode {
  /// The value of `field`; INVALID_ARGUMENT when unset or out of range.
  static func check(_ value: Simpeg_V1_BerAKHLAK, field: String) throws -> BerAKHLAK {
    if let rule = value.rule { return rule }
    throw RPCError(
      .invalidArgument,
      "\(field) code \(value.rawValue) is not a BerAKHLAK value: 1 Berorientasi Pelayanan, "
        + "2 Akuntabel, 3 Kompeten, 4 Harmonis, 5 Loyal, 6 Adaptif, 7 Kolaboratif")
  }
}
