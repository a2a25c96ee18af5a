import SimpegAPI
import Synchronization

/// The people a run acts as, with their sessions: employees who log and read, supervisors who
/// review and watch, and optionally the administrator for lookups. Made by a set-up
/// (``SampleSetup``) or directly.
public struct LoadWorld: Sendable {
  /// Employees with a session and what they log.
  public var employees: [LoadEmployee]
  /// Supervisors with a session.
  public var supervisors: [LoadSupervisor]
  /// The administrator's session token, for lookups of any employee; nil: employees look
  /// themselves up.
  public var adminToken: String?
  /// Employee ids for lookups.
  public var lookupEmployeeIDs: [UInt64]
  /// Unit ids for searches (0 for all units).
  public var searchUnitIDs: [UInt64]

  /// A world of these people.
  public init(
    employees: [LoadEmployee], supervisors: [LoadSupervisor] = [], adminToken: String? = nil,
    lookupEmployeeIDs: [UInt64] = [], searchUnitIDs: [UInt64] = []
  ) {
    self.employees = employees
    self.supervisors = supervisors
    self.adminToken = adminToken
    self.lookupEmployeeIDs = lookupEmployeeIDs.isEmpty ? employees.map(\.id) : lookupEmployeeIDs
    self.searchUnitIDs = searchUnitIDs.isEmpty ? [0] : searchUnitIDs
  }

  /// Throws when `mix` (with `watchers` streams) needs people this world lacks.
  public func check(mix: LoadMix, watchers: Int) throws(LoadUsageError) {
    if mix.needsEmployees, employees.isEmpty {
      throw LoadUsageError("the mix needs employees with sessions, and none was set up")
    }
    if mix.needsSupervisors || watchers > 0, supervisors.isEmpty {
      throw LoadUsageError(
        "the mix (or --watchers) needs supervisors with sessions, and none was set up")
    }
  }
}

/// An employee a run acts as.
public struct LoadEmployee: Sendable {
  /// The employee's id.
  public var id: UInt64
  /// Their NIP (their username).
  public var nip: String
  /// Their session token.
  public var token: String
  /// What they log: an RHK of their approved SKP, a date within its year; minutes vary per call.
  public var logRequest: Simpeg_V1_LogActivityRequest

  /// An employee with a session.
  public init(id: UInt64, nip: String, token: String, logRequest: Simpeg_V1_LogActivityRequest) {
    self.id = id
    self.nip = nip
    self.token = token
    self.logRequest = logRequest
  }
}

/// A supervisor a run acts as. Reviews by one supervisor never overlap (two at once could pick
/// the same pending activity and one would fail for a reason of the load, not of the server).
public final class LoadSupervisor: Sendable {
  /// The supervisor's employee id.
  public let id: UInt64
  /// Their NIP.
  public let nip: String
  /// Their session token.
  public let token: String
  private let reviewing = Atomic<Bool>(false)

  /// A supervisor with a session.
  public init(id: UInt64, nip: String, token: String) {
    self.id = id
    self.nip = nip
    self.token = token
  }

  /// Takes the right to review; false while another caller reviews as this supervisor.
  func beginReview() -> Bool {
    reviewing.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
  }

  /// Gives the right back.
  func endReview() { reviewing.store(false, ordering: .releasing) }
}
