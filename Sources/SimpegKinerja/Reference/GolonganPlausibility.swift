/// Which golongan usually go with which position level: for generating realistic data and for a
/// warning (never an error) when a record falls outside.
///
/// PNS: a managerial position uses the golongan range of its eselon (PP 100/2000 as amended by
/// PP 13/2002), or the union over the level's eselons when the eselon is not known; functional
/// levels use the jenjang pangkat of the jabatan fungsional (Ahli Pertama III/a-III/b, Ahli Muda
/// III/c-III/d, Ahli Madya IV/a-IV/c, Ahli Utama IV/d-IV/e, Pemula II/a, Terampil II/b-II/d,
/// Mahir III/a-III/b, Penyelia III/c-III/d); Pelaksana I/a-III/d.
///
/// PPPK: the golongan of appointment by level (Pemula V-VI, Terampil VII, Mahir VIII, Penyelia
/// IX, Ahli Pertama IX-X, Ahli Muda XI-XII, Ahli Madya XIII-XIV, Ahli Utama XV-XVII, JPT Utama
/// and Madya XV-XVII; Pelaksana I-IX, by education: SD I, SMP IV, SMA V, D3 VII, S1 IX). A PPPK
/// does not hold JPT Pratama, Administrator or Pengawas posts, so those have no range.
public enum GolonganPlausibility {
  /// The usual PNS golongan range for a position level, narrowed by its eselon when known.
  public static func pnsRange(for level: JabatanLevel, eselon: Eselon? = nil) -> ClosedRange<GolonganPNS> {
    if let eselon, level.eselons.contains(eselon) { return eselon.golonganRange }
    switch level {
    case .jptUtama, .jptMadya, .jptPratama, .administrator, .pengawas:
      let ranges = level.eselons.map(\.golonganRange)
      return ranges.map(\.lowerBound).min()!...ranges.map(\.upperBound).max()!
    case .ahliPertama: return .iiia ... .iiib
    case .ahliMuda: return .iiic ... .iiid
    case .ahliMadya: return .iva ... .ivc
    case .ahliUtama: return .ivd ... .ive
    case .pemula: return .iia ... .iia
    case .terampil: return .iib ... .iid
    case .mahir: return .iiia ... .iiib
    case .penyelia: return .iiic ... .iiid
    case .pelaksana: return .ia ... .iiid
    }
  }

  /// The usual PPPK golongan range for a position level; nil where a PPPK does not serve.
  public static func pppkRange(for level: JabatanLevel) -> ClosedRange<GolonganPPPK>? {
    switch level {
    case .jptUtama, .jptMadya: return .xv ... .xvii
    case .jptPratama, .administrator, .pengawas: return nil
    case .ahliPertama: return .ix ... .x
    case .ahliMuda: return .xi ... .xii
    case .ahliMadya: return .xiii ... .xiv
    case .ahliUtama: return .xv ... .xvii
    case .pemula: return .v ... .vi
    case .terampil: return .vii ... .vii
    case .mahir: return .viii ... .viii
    case .penyelia: return .ix ... .ix
    case .pelaksana: return .i ... .ix
    }
  }

  /// A warning when `golongan` is unusual for the level, nil when it is usual.
  public static func check(
    _ golongan: Golongan, for level: JabatanLevel, eselon: Eselon? = nil
  ) -> GolonganWarning? {
    switch golongan {
    case .pns(let value):
      let range = pnsRange(for: level, eselon: eselon)
      return range.contains(value)
        ? nil
        : GolonganWarning(
          golongan: golongan, level: level, usual: "\(range.lowerBound.text)-\(range.upperBound.text)")
    case .pppk(let value):
      guard let range = pppkRange(for: level) else {
        return GolonganWarning(golongan: golongan, level: level, usual: nil)
      }
      return range.contains(value)
        ? nil
        : GolonganWarning(
          golongan: golongan, level: level, usual: "\(range.lowerBound.text)-\(range.upperBound.text)")
    }
  }
}

/// A golongan outside the usual range for a position level.
public struct GolonganWarning: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The golongan on record.
  public let golongan: Golongan
  /// The position level.
  public let level: JabatanLevel
  /// The usual range as text (`III/a-III/d`), nil when the kind of ASN does not hold the level.
  public let usual: String?

  /// A sentence for an operator, e.g. `golongan II/a is unusual for Pengawas (usual: III/a-III/d)`.
  public var description: String {
    if let usual {
      return "golongan \(golongan.text) is unusual for \(level) (usual: \(usual))"
    }
    return "a PPPK (golongan \(golongan.text)) does not usually hold a \(level) position"
  }
}
