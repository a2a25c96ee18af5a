import Foundation

/// Weights of the operations a caller chooses from, one choice per call.
public struct LoadMix: Sendable, Equatable, CustomStringConvertible {
  /// The operations with a positive weight, in declaration order.
  public let weights: [Weight]

  /// One operation's weight.
  public struct Weight: Sendable, Equatable {
    /// The operation.
    public var operation: LoadOperation
    /// Its share: chosen `weight / total` of the time.
    public var weight: Int
  }

  /// Reads only: employee lookups and lists.
  public static let reads = LoadMix(
    checked: [.getEmployee: 50, .searchEmployees: 25, .listActivities: 25])
  /// Writes only: employees logging activities.
  public static let writes = LoadMix(checked: [.log: 100])
  /// A working morning: mostly activity logging, some reads, supervisors reviewing.
  /// (Watching is the separate `--watchers` streams.)
  public static let morning = LoadMix(
    checked: [
      .log: 70, .getEmployee: 6, .searchEmployees: 4, .listActivities: 10, .pendingReviews: 5,
      .review: 5,
    ])

  /// A mix of these weights; throws when none is positive or one is negative.
  public init(_ weights: [LoadOperation: Int]) throws(LoadUsageError) {
    if let negative = weights.first(where: { $0.value < 0 }) {
      throw LoadUsageError("the weight of \(negative.key.rawValue) is negative (\(negative.value))")
    }
    let total = weights.values.reduce(0) { $0 + $1 }
    guard total > 0 else { throw LoadUsageError("a mix needs at least one positive weight") }
    guard total <= 1_000_000 else { throw LoadUsageError("the weights add up to more than 1,000,000") }
    self.init(checked: weights)
  }

  private init(checked weights: [LoadOperation: Int]) {
    self.weights = LoadOperation.allCases.compactMap { operation in
      guard let weight = weights[operation], weight > 0 else { return nil }
      return Weight(operation: operation, weight: weight)
    }
  }

  /// Parses `log=70,get-employee=10,...` (names as in ``LoadOperation``).
  public init(parsing text: String) throws(LoadUsageError) {
    var weights: [LoadOperation: Int] = [:]
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pair = part.split(separator: "=", omittingEmptySubsequences: false)
      guard pair.count == 2 else {
        throw LoadUsageError("expected NAME=WEIGHT in the mix, got '\(part)'")
      }
      let name = pair[0].trimmingCharacters(in: .whitespaces)
      guard let operation = LoadOperation(rawValue: name) else {
        throw LoadUsageError(
          "unknown operation '\(name)' in the mix; known: "
            + LoadOperation.allCases.map(\.rawValue).joined(separator: ", "))
      }
      guard let weight = Int(pair[1].trimmingCharacters(in: .whitespaces)) else {
        throw LoadUsageError("the weight of \(name) must be a whole number, not '\(pair[1])'")
      }
      guard weights[operation] == nil else {
        throw LoadUsageError("\(name) appears twice in the mix")
      }
      weights[operation] = weight
    }
    try self.init(weights)
  }

  /// The sum of the weights.
  public var total: Int { weights.reduce(0) { $0 + $1.weight } }

  /// The operation at `ticket` in `0..<total`: each operation owns a run of tickets as long
  /// as its weight, in declaration order.
  public func operation(at ticket: Int) -> LoadOperation {
    var rest = ticket
    for entry in weights {
      if rest < entry.weight { return entry.operation }
      rest -= entry.weight
    }
    return weights[weights.count - 1].operation
  }

  /// A random operation, each chosen in proportion to its weight.
  public func pick<G: RandomNumberGenerator>(using generator: inout G) -> LoadOperation {
    operation(at: Int.random(in: 0..<total, using: &generator))
  }

  /// Whether some operation needs a supervisor's session.
  public var needsSupervisors: Bool { weights.contains { $0.operation.needsSupervisor } }

  /// Whether some operation needs an employee's session.
  public var needsEmployees: Bool { weights.contains { !$0.operation.needsSupervisor } }

  /// `log=70,get-employee=6,...`: the form `--mix` takes.
  public var description: String {
    weights.map { "\($0.operation.rawValue)=\($0.weight)" }.joined(separator: ",")
  }
}

/// A command line or set-up request that cannot be carried out as given.
public struct LoadUsageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong and what to do.
  public let description: String

  /// An error saying `description`.
  public init(_ description: String) { self.description = description }
}
