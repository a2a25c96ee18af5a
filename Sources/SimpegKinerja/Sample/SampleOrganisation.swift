/// A generated Pemerintah Kota: its units, positions, ASN and elected officials.
public struct SampleOrganisation: Sendable, Hashable, Codable {
  /// The seed the sample was generated from.
  public let seed: UInt64
  /// The year the sample describes (ages, TMT and appointment years are as of 1 January).
  public let referenceYear: Int
  /// The units, parents before children.
  public let units: [SampleUnit]
  /// The positions, supervisors before those they supervise.
  public let positions: [SamplePosition]
  /// The ASN.
  public let employees: [SampleEmployee]
  /// The elected officials (the Wali Kota).
  public let officials: [SampleOfficial]

  /// Creates an organisation from its parts.
  public init(
    seed: UInt64, referenceYear: Int, units: [SampleUnit], positions: [SamplePosition],
    employees: [SampleEmployee], officials: [SampleOfficial]
  ) {
    self.seed = seed
    self.referenceYear = referenceYear
    self.units = units
    self.positions = positions
    self.employees = employees
    self.officials = officials
  }

  /// The evaluator resolver over the sample's positions.
  public func evaluatorResolver() -> EvaluatorResolver<Int, PositionHolder> {
    // Position ids are unique by construction, so the resolver cannot fail.
    try! EvaluatorResolver(positions.map(\.occupancy))
  }
}
