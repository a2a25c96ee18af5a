/// Who holds (or acts in) a position of the sample: an employee, or an elected official such as
/// the Wali Kota, who has no NIP.
public enum PositionHolder: Sendable, Hashable, Codable, CustomStringConvertible {
  /// An ASN of the sample, by `SampleEmployee.id`.
  case employee(Int)
  /// An elected official of the sample, by `SampleOfficial.id`.
  case official(Int)

  /// `employee 12` or `official 1`.
  public var description: String {
    switch self {
    case .employee(let id): return "employee \(id)"
    case .official(let id): return "official \(id)"
    }
  }
}
