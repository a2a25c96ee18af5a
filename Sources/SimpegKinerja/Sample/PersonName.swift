/// A person's name with the academic and professional titles as written in Indonesia: titles
/// before the name (`Dr.`, `Ir.`, `dr.`, `apt.`) and after it (`S.Pd.`, `M.Si.`), e.g.
/// `Dr. Ir. Bambang Setiawan, M.Si.`.
public struct PersonName: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Titles written before the name, in order.
  public var frontTitles: [String]
  /// The name itself, e.g. `Sri Wahyuni`.
  public var name: String
  /// Titles written after the name, in order.
  public var backTitles: [String]

  /// Creates a name.
  public init(frontTitles: [String] = [], name: String, backTitles: [String] = []) {
    self.frontTitles = frontTitles
    self.name = name
    self.backTitles = backTitles
  }

  /// The full form: front titles, the name, then a comma before each back title.
  public var full: String {
    let front = frontTitles.map { $0 + " " }.joined()
    let back = backTitles.map { ", " + $0 }.joined()
    return front + name + back
  }

  /// The full form.
  public var description: String { full }
}
