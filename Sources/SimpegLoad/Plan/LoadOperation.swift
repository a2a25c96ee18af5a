/// One kind of call a load caller makes. The raw value is the name used in `--mix`, the report
/// and its JSON.
public enum LoadOperation: String, CaseIterable, Sendable, Codable, Comparable {
  /// `ActivityService.LogActivity` by an employee for themselves (a durable write).
  case log
  /// `EmployeeService.GetEmployee` of a random employee (by the administrator when it has a
  /// session, else an employee looking themselves up).
  case getEmployee = "get-employee"
  /// `EmployeeService.SearchEmployees`: one page of 20 in a random unit and the units below it.
  case searchEmployees = "search-employees"
  /// `ActivityService.ListActivities`: one page of 20 of an employee's own activities.
  case listActivities = "list-activities"
  /// `ActivityService.ListPendingReviews`: one page of 10 of a supervisor's pending reviews.
  case pendingReviews = "pending-reviews"
  /// A supervisor's review: `ListPendingReviews` (page of 5) and, when one is pending,
  /// `ReviewActivity` approving it; the latency covers both calls.
  case review

  /// Whether a supervisor's session makes this call.
  public var needsSupervisor: Bool { self == .pendingReviews || self == .review }

  /// Orders as declared (the report's row order).
  public static func < (lhs: LoadOperation, rhs: LoadOperation) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
