/// The nine elements (unsur) of a Survei Kepuasan Masyarakat (PermenPANRB 14/2017); codes 1-9.
public enum SKMElement: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// U1 Persyaratan.
  case persyaratan = 1
  /// U2 Sistem, mekanisme dan prosedur.
  case prosedur
  /// U3 Waktu penyelesaian.
  case waktuPenyelesaian
  /// U4 Biaya/tarif.
  case biaya
  /// U5 Produk spesifikasi jenis pelayanan.
  case produkLayanan
  /// U6 Kompetensi pelaksana.
  case kompetensiPelaksana
  /// U7 Perilaku pelaksana.
  case perilakuPelaksana
  /// U8 Penanganan pengaduan, saran dan masukan.
  case penangananPengaduan
  /// U9 Sarana dan prasarana.
  case saranaPrasarana

  /// The element's name.
  public var description: String {
    switch self {
    case .persyaratan: return "Persyaratan"
    case .prosedur: return "Sistem, Mekanisme, dan Prosedur"
    case .waktuPenyelesaian: return "Waktu Penyelesaian"
    case .biaya: return "Biaya/Tarif"
    case .produkLayanan: return "Produk Spesifikasi Jenis Pelayanan"
    case .kompetensiPelaksana: return "Kompetensi Pelaksana"
    case .perilakuPelaksana: return "Perilaku Pelaksana"
    case .penangananPengaduan: return "Penanganan Pengaduan, Saran dan Masukan"
    case .saranaPrasarana: return "Sarana dan Prasarana"
    }
  }
}

/// One respondent's answers: a score of 1 (tidak baik) to 4 (sangat baik) for each element.
public struct SKMResponse: Sendable, Hashable, Codable {
  /// The scores in element order (U1 to U9).
  public let scores: [Int]

  /// Validates nine scores of 1-4 in element order.
  public init(scores: [Int]) throws(SKMError) {
    guard scores.count == SKMElement.allCases.count else { throw .wrongElementCount(scores.count) }
    for (index, score) in scores.enumerated() where !(1...4).contains(score) {
      throw .scoreOutOfRange(element: SKMElement.allCases[index], score: score)
    }
    self.scores = scores
  }

  /// The score given to one element.
  public subscript(element: SKMElement) -> Int { scores[element.rawValue - 1] }
}

/// A mergeable tally of SKM responses, from which the index is computed exactly.
///
/// The index (IKM) follows PermenPANRB 14/2017: the mean score of each element over the
/// respondents, averaged over the nine elements with equal weights 1/9, times 25, which gives
/// 25.00 to 100.00. It is computed from integer totals and rounded half up to hundredths once, so
/// tallies of parts merged give the same index as one tally of the whole.
public struct SKMTally: Sendable, Hashable, Codable {
  /// The number of respondents counted.
  public private(set) var respondents: Int
  /// The sum of the scores of each element, in element order.
  public private(set) var elementTotals: [Int]

  /// An empty tally.
  public init() {
    self.respondents = 0
    self.elementTotals = Array(repeating: 0, count: SKMElement.allCases.count)
  }

  /// A tally restored from stored totals; nil when no set of responses gives them (nine totals,
  /// each between `respondents` and 4 x `respondents`).
  public init?(respondents: Int, elementTotals: [Int]) {
    guard respondents >= 0, elementTotals.count == SKMElement.allCases.count,
      elementTotals.allSatisfy({ (respondents...(4 * respondents)).contains($0) })
    else { return nil }
    self.respondents = respondents
    self.elementTotals = elementTotals
  }

  /// A tally of `responses`.
  public init(_ responses: some Sequence<SKMResponse>) {
    self.init()
    for response in responses { add(response) }
  }

  /// Counts one response.
  public mutating func add(_ response: SKMResponse) {
    respondents += 1
    for index in elementTotals.indices { elementTotals[index] += response.scores[index] }
  }

  /// Adds the responses of another tally.
  public mutating func merge(_ other: SKMTally) {
    respondents += other.respondents
    for index in elementTotals.indices { elementTotals[index] += other.elementTotals[index] }
  }

  /// The mean score (nilai rata-rata, 1.00-4.00) of one element in hundredths; nil when empty.
  public func elementMeanHundredths(_ element: SKMElement) -> Int? {
    guard respondents > 0 else { return nil }
    return roundedQuotient(elementTotals[element.rawValue - 1] * 100, respondents)
  }

  /// The index, or nil when nobody responded.
  public var index: SKMIndex? {
    guard respondents > 0 else { return nil }
    // sum(total_e / R) / 9 x 25, in hundredths.
    let sum = elementTotals.reduce(0, +)
    let hundredths = roundedQuotient(sum * 25 * 100, respondents * elementTotals.count)
    return SKMIndex(hundredths: hundredths)
  }
}

/// An Indeks Kepuasan Masyarakat on the 25.00-100.00 scale, with its grade.
public struct SKMIndex: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The index in hundredths, 2500 to 10000.
  public let hundredths: Int

  /// Creates an index from hundredths.
  public init(hundredths: Int) {
    self.hundredths = hundredths
  }

  /// The grade (mutu pelayanan) of the index.
  public var grade: SKMGrade { SKMGrade(hundredths: hundredths) }

  /// `88.31`.
  public var description: String { hundredthsText(hundredths) }

  /// Orders by value.
  public static func < (lhs: SKMIndex, rhs: SKMIndex) -> Bool { lhs.hundredths < rhs.hundredths }
}

/// The mutu pelayanan of an SKM index (PermenPANRB 14/2017); the raw value is the grade's rank.
public enum SKMGrade: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// A, Sangat Baik: 88.31-100.00.
  case a = 1
  /// B, Baik: 76.61-88.30.
  case b = 2
  /// C, Kurang Baik: 65.00-76.60.
  case c = 3
  /// D, Tidak Baik: 25.00-64.99.
  case d = 4

  /// The grade of an index given in hundredths (already rounded to two decimals).
  public init(hundredths: Int) {
    switch hundredths {
    case 8831...: self = .a
    case 7661...: self = .b
    case 6500...: self = .c
    default: self = .d
    }
  }

  /// The letter.
  public var letter: String {
    switch self {
    case .a: return "A"
    case .b: return "B"
    case .c: return "C"
    case .d: return "D"
    }
  }

  /// The kinerja unit pelayanan the grade stands for.
  public var meaning: String {
    switch self {
    case .a: return "Sangat Baik"
    case .b: return "Baik"
    case .c: return "Kurang Baik"
    case .d: return "Tidak Baik"
    }
  }

  /// `A (Sangat Baik)`.
  public var description: String { "\(letter) (\(meaning))" }
}

/// Why an SKM response is not accepted.
public enum SKMError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The response does not score exactly nine elements.
  case wrongElementCount(Int)
  /// A score is not 1 to 4.
  case scoreOutOfRange(element: SKMElement, score: Int)

  /// A message naming the rule.
  public var description: String {
    switch self {
    case .wrongElementCount(let count):
      return "an SKM response scores the 9 elements; this one has \(count) scores"
    case .scoreOutOfRange(let element, let score):
      return "the score \(score) for \(element) is not 1 to 4"
    }
  }
}
