import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC
import Synchronization

@testable import SimpegLoad

/// An ActivityService that answers LogActivity by the order calls reach it: of every ten, the
/// fourth fails RESOURCE_EXHAUSTED and the eighth PERMISSION_DENIED; the rest succeed with the
/// call's number as the activity id. ListActivities always succeeds; the rest is unimplemented.
final class FailingActivities: Simpeg_V1_ActivityService.Handler {
  let served = Atomic<Int>(0)
  let succeededIDs = NIOLockedValueBox<[UInt64]>([])
  let sawToken = Atomic<Bool>(false)

  /// The status call `number` (from 0) gets.
  static func status(ofCall number: Int) -> StatusCode {
    switch number % 10 {
    case 3: return .resourceExhausted
    case 7: return .permissionDenied
    default: return .ok
    }
  }

  func logActivity(request: Simpeg_V1_LogActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  {
    if context.metadata["authorization"] == "Bearer token-\(request.skpID)" {
      sawToken.store(true, ordering: .relaxed)
    }
    let number = served.add(1, ordering: .relaxed).oldValue
    let status = Self.status(ofCall: number)
    guard status == .ok else { throw RPCError(status, "failing call \(number) on purpose") }
    var activity = Simpeg_V1_Activity()
    activity.id = UInt64(number)
    activity.skpID = request.skpID
    succeededIDs.withLockedValue { $0.append(activity.id) }
    return activity
  }

  func listActivities(request: Simpeg_V1_ListActivitiesRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListActivitiesResponse
  { Simpeg_V1_ListActivitiesResponse() }

  func getActivity(request: Simpeg_V1_GetActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  { throw RPCError(.unimplemented, "not in this test") }

  func listPendingReviews(request: Simpeg_V1_ListPendingReviewsRequest, context: ServerContext)
    async throws -> Simpeg_V1_ListActivitiesResponse
  { throw RPCError(.unimplemented, "not in this test") }

  func reviewActivity(request: Simpeg_V1_ReviewActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  { throw RPCError(.unimplemented, "not in this test") }

  func reviewActivities(request: Simpeg_V1_ReviewActivitiesRequest, context: ServerContext)
    async throws -> Simpeg_V1_ReviewActivitiesResponse
  { throw RPCError(.unimplemented, "not in this test") }

  func getEvidence(request: Simpeg_V1_GetEvidenceRequest, context: ServerContext) async throws
    -> Simpeg_V1_GetEvidenceResponse
  { throw RPCError(.unimplemented, "not in this test") }

  func watchActivities(
    request: Simpeg_V1_WatchActivitiesRequest, response: ResponseWriter<Simpeg_V1_ActivityEvent>,
    context: ServerContext
  ) async throws { throw RPCError(.unimplemented, "not in this test") }

  func getRealisation(request: Simpeg_V1_GetRealisationRequest, context: ServerContext) async throws
    -> Simpeg_V1_GetRealisationResponse
  { throw RPCError(.unimplemented, "not in this test") }

  func editActivity(request: Simpeg_V1_EditActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  { throw RPCError(.unimplemented, "not in this test") }

  func withdrawActivity(request: Simpeg_V1_WithdrawActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  { throw RPCError(.unimplemented, "not in this test") }

  func resubmitActivity(request: Simpeg_V1_ResubmitActivityRequest, context: ServerContext) async throws
    -> Simpeg_V1_Activity
  { throw RPCError(.unimplemented, "not in this test") }

  func listActivityRevisions(request: Simpeg_V1_ListActivityRevisionsRequest, context: ServerContext)
    async throws -> Simpeg_V1_ListActivityRevisionsResponse
  { throw RPCError(.unimplemented, "not in this test") }
}

/// A server of `FailingActivities` on a free loopback port, and a world of three employees
/// whose tokens it can tell apart.
struct FailingServer {
  let server: RPCServer
  let handler: FailingActivities
  let port: Int

  static func start() async throws -> FailingServer {
    let handler = FailingActivities()
    let server = RPCServer(
      configuration: ServerConfiguration(host: "127.0.0.1", port: 0), services: [handler])
    try await server.start()
    return FailingServer(server: server, handler: handler, port: server.localAddress!.port!)
  }

  func client() throws -> RPCClient {
    var configuration = ClientConfiguration()
    configuration.connections = 2
    configuration.connectTimeout = .seconds(2)
    return try RPCClient(host: "127.0.0.1", port: port, configuration: configuration)
  }

  static let world = LoadWorld(
    employees: (1...3).map { index in
      var request = Simpeg_V1_LogActivityRequest()
      request.skpID = UInt64(index)
      return LoadEmployee(
        id: UInt64(100 + index), nip: "nip-\(index)", token: "token-\(index)", logRequest: request)
    })
}

/// A path in a fresh temporary folder.
func temporaryPath(_ name: String) throws -> String {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "simpeg-load-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder.appendingPathComponent(name).path
}
