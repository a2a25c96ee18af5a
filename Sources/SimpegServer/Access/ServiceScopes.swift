import SimpegAPI
import SimpegRPC

/// The scopes a service account may hold, each with what it grants: the documented list that
/// CreateServiceAccount and SetScopes check names against.
///
/// A scope grants something only through the rules of ``AccessPolicy`` that name it
/// (`read(scope:)`, `readSubject(scope:)`, `adminOrScope(scope:)`, `actSubject(scope:)`). The
/// tests check that this list and the rules agree both ways, so a new scope is added here, with
/// its description, in the same change as the first rule that names it.
public enum ServiceScopes {
  /// Reading the organisation's structure.
  static let orgRead = "org.read"
  /// Reading every employee's record.
  static let employeesRead = "employees.read"
  /// Receiving and moving service requests (the counter app, the city portal).
  static let servicesWrite = "services.write"
  /// Reading public-service data.
  static let servicesRead = "services.read"
  /// Reading competitions and innovations.
  static let innovationRead = "innovation.read"
  /// Reading every performance record (payroll/TPP, the portal).
  static let performanceRead = "performance.read"
  /// Logging activities for employees (the attendance app).
  static let activitiesWrite = "activities.write"

  /// Every scope by name, with what it grants.
  public static let all: [String: String] = [
    orgRead: "read the organisation: units, positions and the evaluator chain (OrgService reads)",
    employeesRead:
      "read every employee's record, search employees and read their history (EmployeeService reads)",
    servicesWrite:
      "receive and move service requests, ingest their history and record SKM responses (the counter app, the city portal)",
    servicesRead: "read the service catalogue, holidays, requests, turnaround reports and SKM results",
    innovationRead: "read competitions, innovations, published results and an employee's innovations",
    performanceRead:
      "read every SKP, activity, feedback, dialogue, evaluation and performance report (Plan, Activity, "
      + "Feedback and Evaluation reads, the watch stream included)",
    activitiesWrite: "log activities for a named employee (ActivityService/LogActivity)",
  ]

  /// The scope names, sorted.
  public static var names: [String] { all.keys.sorted() }

  /// The scopes the rules of ``AccessPolicy`` name.
  static var namedByPolicy: Set<String> { Set(AccessPolicy.rules.values.compactMap(\.scope)) }

  /// `scopes` checked against the list, without repeats, sorted; `INVALID_ARGUMENT` naming
  /// `field` and the offending entry otherwise. A service account needs at least one scope.
  static func validated(_ scopes: [String], field: String = "scopes") throws -> [String] {
    guard !scopes.isEmpty else {
      throw RPCError(
        .invalidArgument,
        "\(field): a service account needs at least one scope; known scopes: "
          + names.joined(separator: ", "))
    }
    for (position, scope) in scopes.enumerated() where all[scope] == nil {
      throw RPCError(
        .invalidArgument,
        "\(field)[\(position)]: \(AccountInput.quoted(scope)) is not a known scope; known scopes: "
          + names.joined(separator: ", "))
    }
    return Set(scopes).sorted()
  }
}

extension Access {
  /// The scope a service account needs under this rule, if the rule admits services by scope.
  var scope: String? {
    switch self {
    case .anyone, .signedIn, .user, .admin, .adminOrAuditor:
      return nil
    case .read(let scope), .readSubject(let scope), .adminOrScope(let scope), .actSubject(let scope):
      return scope
    }
  }
}
