import Foundation
import SimpegAPI
import SimpegRPC

/// Makes the calls of each ``LoadOperation`` through the generated clients, over a shared
/// client (its connections carry every caller's calls; each call names its session in its
/// metadata). Acknowledged writes go to the ack log when there is one.
public struct LoadCalls: Sendable {
  /// The client all calls go through.
  public let client: RPCClient
  /// Who the calls act as.
  public let world: LoadWorld
  /// Where acknowledged writes are appended, if anywhere.
  public let ackLog: AckLog?
  /// Counts acknowledged writes.
  public let recorder: LoadRecorder
  /// The deadline of each call.
  public let timeout: Duration

  /// Calls through `client` as the people of `world`.
  public init(
    client: RPCClient, world: LoadWorld, recorder: LoadRecorder, ackLog: AckLog? = nil,
    timeout: Duration = .seconds(30)
  ) {
    self.client = client
    self.world = world
    self.recorder = recorder
    self.ackLog = ackLog
    self.timeout = timeout
  }

  private func options(_ token: String) -> CallOptions {
    var metadata = Metadata()
    metadata.add("authorization", "Bearer \(token)")
    return CallOptions(timeout: timeout, metadata: metadata)
  }

  /// Makes one call of `operation` as a random person of the world.
  public func perform<G: RandomNumberGenerator>(_ operation: LoadOperation, using random: inout G)
    async throws
  {
    let activities = Simpeg_V1_ActivityService.Client(wrapping: client)
    let people = Simpeg_V1_EmployeeService.Client(wrapping: client)
    switch operation {
    case .log:
      let employee = world.employees.randomElement(using: &random)!
      var request = employee.logRequest
      // Between 07:30 and 15:00 WIB, 30 to 90 minutes long.
      request.startMinute = UInt32(450 + Int.random(in: 0..<16, using: &random) * 30)
      request.endMinute = request.startMinute + UInt32(30 * Int.random(in: 1...3, using: &random))
      let activity = try await activities.logActivity(request, options: options(employee.token))
      recorder.acknowledgedWrite()
      ackLog?.append(
        AckLog.Entry(
          activityID: activity.id, employeeID: employee.id, nip: employee.nip, skpID: request.skpID))
    case .getEmployee:
      var request = Simpeg_V1_GetEmployeeRequest()
      if let admin = world.adminToken {
        request.id = world.lookupEmployeeIDs.randomElement(using: &random)!
        _ = try await people.getEmployee(request, options: options(admin))
      } else {
        let employee = world.employees.randomElement(using: &random)!
        request.id = employee.id
        _ = try await people.getEmployee(request, options: options(employee.token))
      }
    case .searchEmployees:
      var request = Simpeg_V1_SearchEmployeesRequest()
      request.page.pageSize = 20
      if let admin = world.adminToken {
        request.unitID = world.searchUnitIDs.randomElement(using: &random)!
        request.includeSubunits = request.unitID != 0
        _ = try await people.searchEmployees(request, options: options(admin))
      } else {
        let employee = world.employees.randomElement(using: &random)!
        _ = try await people.searchEmployees(request, options: options(employee.token))
      }
    case .listActivities:
      let employee = world.employees.randomElement(using: &random)!
      var request = Simpeg_V1_ListActivitiesRequest()
      request.page.pageSize = 20
      _ = try await activities.listActivities(request, options: options(employee.token))
    case .pendingReviews:
      let supervisor = world.supervisors.randomElement(using: &random)!
      var request = Simpeg_V1_ListPendingReviewsRequest()
      request.page.pageSize = 10
      _ = try await activities.listPendingReviews(request, options: options(supervisor.token))
    case .review:
      let supervisor = world.supervisors.randomElement(using: &random)!
      var list = Simpeg_V1_ListPendingReviewsRequest()
      list.page.pageSize = 5
      let pending = try await activities.listPendingReviews(list, options: options(supervisor.token))
      guard let first = pending.activities.first, supervisor.beginReview() else { return }
      defer { supervisor.endReview() }
      var review = Simpeg_V1_ReviewActivityRequest()
      review.activityID = first.id
      review.decision = .approve
      do {
        _ = try await activities.reviewActivity(review, options: options(supervisor.token))
      } catch let error as RPCError where error.code == .failedPrecondition {
        // Reviewed by another caller between the list and the review (a list taken before
        // this supervisor's previous review finished): not the server's failure.
      }
    }
  }

  /// Holds a watch stream (from the current end) as `supervisor` until `end`, counting events;
  /// reopens it after a failure (counted by status) until `end`.
  public func watch(as supervisor: LoadSupervisor, until end: ContinuousClock.Instant) async {
    let activities = Simpeg_V1_ActivityService.Client(wrapping: client)
    var request = Simpeg_V1_WatchActivitiesRequest()
    request.startAtEnd = true
    while ContinuousClock.now < end, !Task.isCancelled {
      var callOptions = options(supervisor.token)
      callOptions.timeout = end - ContinuousClock.now
      do {
        try await activities.watchActivities(request, options: callOptions) { stream in
          for try await event in stream where event.kind == .logged || event.kind == .reviewed {
            recorder.watchEvent()
          }
        }
      } catch {
        if ContinuousClock.now >= end || Task.isCancelled { return }
        recorder.watchFailed((error as? RPCError)?.code ?? .unknown)
        try? await Task.sleep(for: .milliseconds(100))
      }
    }
  }
}
