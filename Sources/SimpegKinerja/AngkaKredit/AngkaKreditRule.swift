/// The angka kredit a functional post earns from its predikat (Peraturan BKN 3/2023).
///
/// Credit for a period = percentage for the predikat x the level's yearly coefficient x
/// months/12. Percentages: Sangat Baik 150, Baik 100, Butuh Perbaikan 75, Kurang 50, Sangat
/// Kurang 25. Yearly coefficients: Ahli Pertama 12.5, Ahli Muda 25, Ahli Madya 37.5, Ahli Utama
/// 50, Pemula 3.75, Terampil 5, Mahir 12.5, Penyelia 25.
public enum AngkaKreditRule {
  /// The percentage of the coefficient that a predikat earns.
  public static func percentage(for predikat: Predikat) -> Int {
    switch predikat {
    case .sangatBaik: return 150
    case .baik: return 100
    case .butuhPerbaikan: return 75
    case .kurang: return 50
    case .sangatKurang: return 25
    }
  }

  /// The yearly coefficient of a functional level in hundredths (12.5 is 1250); nil when the
  /// level is not a functional one and earns no angka kredit.
  public static func coefficientHundredths(for level: JabatanLevel) -> Int? {
    switch level {
    case .ahliPertama: return 1250
    case .ahliMuda: return 2500
    case .ahliMadya: return 3750
    case .ahliUtama: return 5000
    case .pemula: return 375
    case .terampil: return 500
    case .mahir: return 1250
    case .penyelia: return 2500
    case .jptUtama, .jptMadya, .jptPratama, .administrator, .pengawas, .pelaksana: return nil
    }
  }

  /// The yearly coefficient of a functional level as an amount of credit.
  public static func coefficient(for level: JabatanLevel) -> AngkaKredit? {
    coefficientHundredths(for: level).map { AngkaKredit(units: $0 * AngkaKredit.unitsPerPoint / 100) }
  }

  /// The credit for `months` (1-12) in `level` rated `predikat`; 12 months is the full year.
  public static func credit(
    predikat: Predikat, level: JabatanLevel, months: Int = 12
  ) throws(AngkaKreditError) -> AngkaKredit {
    guard let coefficient = coefficientHundredths(for: level) else { throw .notFungsional(level) }
    guard (1...12).contains(months) else { throw .monthsOutOfRange(months) }
    // coefficient/100 x percentage/100 x months/12 = coefficient x percentage x months / 120 000.
    return AngkaKredit(units: coefficient * percentage(for: predikat) * months)
  }
}

/// Why no angka kredit can be computed.
public enum AngkaKreditError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The level is not a functional one.
  case notFungsional(JabatanLevel)
  /// The period is not 1 to 12 months.
  case monthsOutOfRange(Int)

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .notFungsional(let level):
      return "\(level) is not a jabatan fungsional level; only functional posts earn angka kredit"
    case .monthsOutOfRange(let months):
      return "a period of \(months) months is not 1 to 12 months"
    }
  }
}
