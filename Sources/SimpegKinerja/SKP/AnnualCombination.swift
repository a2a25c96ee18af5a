/// One SKP's share of a year: its months and its two ratings.
public struct SKPShare: Sendable, Hashable {
  /// The months of the year the SKP covers (0 to 12).
  public let months: Int
  /// The hasil kerja rating of the SKP.
  public let hasilKerja: Rating
  /// The perilaku kerja rating of the SKP.
  public let perilaku: Rating

  /// A share.
  public init(months: Int, hasilKerja: Rating, perilaku: Rating) {
    self.months = months
    self.hasilKerja = hasilKerja
    self.perilaku = perilaku
  }
}

/// The annual ratings of a year with more than one SKP (a mid-year transfer or promotion): each
/// rating is the months-weighted mean of the SKPs' ratings (on their SIASN codes, Di Atas 1,
/// Sesuai 2, Di Bawah 3), taken to the nearest rating; a mean exactly between two ratings goes
/// to the rating of the SKP with the most months, and among those to the latest. The predikat
/// then follows from the two ratings by the matrix, as for a single SKP.
public enum AnnualCombination {
  /// The combined ratings of `shares`, in the year's order; nil when no share has months.
  public static func combine(_ shares: [SKPShare]) -> (hasilKerja: Rating, perilaku: Rating)? {
    let counted = shares.filter { $0.months > 0 }
    guard !counted.isEmpty else { return nil }
    return (combine(counted, \.hasilKerja), combine(counted, \.perilaku))
  }

  /// The months-weighted rating of one kind.
  private static func combine(_ shares: [SKPShare], _ rating: KeyPath<SKPShare, Rating>) -> Rating {
    let months = shares.reduce(0) { $0 + $1.months }
    let weighted = shares.reduce(0) { $0 + $1[keyPath: rating].rawValue * $1.months }
    // The nearest code c: |weighted/months - c| smallest, compared as 2*weighted vs (2c±1)*months.
    var best: [Rating] = []
    var bestDistance = Int.max
    for candidate in Rating.allCases {
      let distance = abs(2 * weighted - 2 * candidate.rawValue * months)
      if distance < bestDistance {
        best = [candidate]
        bestDistance = distance
      } else if distance == bestDistance {
        best.append(candidate)
      }
    }
    if best.count == 1 { return best[0] }
    let longest = shares.map(\.months).max() ?? 0
    return shares.last { $0.months == longest && best.contains($0[keyPath: rating]) }?[keyPath: rating]
      ?? shares.last { best.contains($0[keyPath: rating]) }?[keyPath: rating] ?? best[0]
  }

  /// The angka kredit of a year for `predikat`, counting each share's months at its own level:
  /// the sum over the functional levels (others earn none).
  public static func angkaKredit(
    predikat: Predikat, shares: [(level: JabatanLevel, months: Int)]
  ) -> AngkaKredit {
    shares.reduce(AngkaKredit.zero) { total, share in
      guard share.months > 0,
        let credit = try? AngkaKreditRule.credit(
          predikat: predikat, level: share.level, months: min(share.months, 12))
      else { return total }
      return total + credit
    }
  }
}
