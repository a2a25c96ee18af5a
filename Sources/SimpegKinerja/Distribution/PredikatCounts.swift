/// How many employees of a unit hold each predikat.
public struct PredikatCounts: Sendable, Hashable, Codable {
  /// Employees rated Sangat Baik.
  public var sangatBaik: Int
  /// Employees rated Baik.
  public var baik: Int
  /// Employees rated Butuh Perbaikan.
  public var butuhPerbaikan: Int
  /// Employees rated Kurang/Misconduct.
  public var kurang: Int
  /// Employees rated Sangat Kurang.
  public var sangatKurang: Int

  /// Creates counts; every count must be zero or more.
  public init(
    sangatBaik: Int = 0, baik: Int = 0, butuhPerbaikan: Int = 0, kurang: Int = 0, sangatKurang: Int = 0
  ) {
    precondition(
      [sangatBaik, baik, butuhPerbaikan, kurang, sangatKurang].allSatisfy { $0 >= 0 },
      "a count of employees cannot be negative")
    self.sangatBaik = sangatBaik
    self.baik = baik
    self.butuhPerbaikan = butuhPerbaikan
    self.kurang = kurang
    self.sangatKurang = sangatKurang
  }

  /// Counts the predikat of a list of employees.
  public init(_ predikats: some Sequence<Predikat>) {
    self.init()
    for predikat in predikats { self[predikat] += 1 }
  }

  /// The count of one predikat.
  public subscript(predikat: Predikat) -> Int {
    get {
      switch predikat {
      case .sangatBaik: return sangatBaik
      case .baik: return baik
      case .butuhPerbaikan: return butuhPerbaikan
      case .kurang: return kurang
      case .sangatKurang: return sangatKurang
      }
    }
    set {
      switch predikat {
      case .sangatBaik: sangatBaik = newValue
      case .baik: baik = newValue
      case .butuhPerbaikan: butuhPerbaikan = newValue
      case .kurang: kurang = newValue
      case .sangatKurang: sangatKurang = newValue
      }
    }
  }

  /// The number of employees counted.
  public var total: Int { sangatBaik + baik + butuhPerbaikan + kurang + sangatKurang }

  /// The number of employees holding any of `predikats`.
  public func count(of predikats: some Sequence<Predikat>) -> Int {
    Set(predikats).reduce(0) { $0 + self[$1] }
  }
}
