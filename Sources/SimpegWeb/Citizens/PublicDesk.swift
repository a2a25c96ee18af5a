import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SimpegAPI
import SimpegRPC
import SwiftProtobuf

/// What a citizen may ask without logging in, answered with the gateway's own service account
/// (the API key of `public-api-key-file`, with the scopes `services.read`, `services.write` and
/// `org.read`) and with only the fields a citizen needs.
///
/// | request | answer |
/// |---|---|
/// | `GET /publik/layanan` | the active public services (id, unit, name, standard) and the names of their units |
/// | `GET /publik/permohonan?layanan=<service id>&nomor=<registration number>` | that request's state, times, turnaround and steps (no assignee, actor or note) |
/// | `POST /publik/skm` with `{"serviceId": "<id>", "scores": [9 scores of 1-4]}` | records one SKM response for the service's unit in this year's annual survey; answers the unit's index |
///
/// A citizen's request is anonymous, so the desk bounds how much one client address may ask
/// (``PublicDeskAllowance``): lookups guess registration numbers, surveys stuff the index.
/// Without `public-api-key-file` every desk request answers `unimplemented`.
struct PublicDesk: Sendable {
  let core: GatewayCore
  let allowance: PublicDeskAllowance

  /// The path prefix of the desk.
  static let prefix = "/publik/"

  /// Answers a desk request.
  func respond(to request: Request, identity: RequestIdentity) async -> (Response, String) {
    let path = request.uri.path.dropFirst(Self.prefix.count)
    do {
      guard let key = core.configuration.publicAPIKey else {
        throw RPCError(
          .unimplemented,
          "the citizens' desk is off on this gateway: set public-api-key-file to the API key of a "
            + "service account with scopes services.read, services.write and org.read")
      }
      let caller = DeskCaller(core: core, key: key, identity: identity)
      switch (request.method, path) {
      case (.get, "layanan"):
        try allowance.admit(identity.clientAddress, kind: .lookup)
        return (core.jsonResponse(ByteBuffer(string: try await services(caller))), "ok")
      case (.get, "permohonan"):
        try allowance.admit(identity.clientAddress, kind: .lookup)
        let query = QueryParameters(request.uri.query ?? "")
        return (
          core.jsonResponse(
            ByteBuffer(
              string: try await serviceRequest(caller, service: query["layanan"], number: query["nomor"]))),
          "ok"
        )
      case (.post, "skm"):
        try checkSameSite(request)
        let body = try await BodyReader.collect(
          request.body, limit: 4 << 10, timeout: core.configuration.bodyTimeout)
        try allowance.admit(identity.clientAddress, kind: .survey)
        return (core.jsonResponse(ByteBuffer(string: try await survey(caller, body: body))), "ok")
      case (_, "layanan"), (_, "permohonan"), (_, "skm"):
        throw ConnectFailure(
          RPCError(.unimplemented, "\(request.method) is not served at \(request.uri.path)"),
          status: .methodNotAllowed)
      default:
        throw RPCError(.notFound, "\(request.uri.path.prefix(200)) is not a request of the citizens' desk")
      }
    } catch {
      let failure: ConnectFailure =
        switch error {
        case let failure as ConnectFailure: failure
        case let refusal as BodyReader.Refusal: ConnectFailure(refusal.error)
        default: ConnectFailure(deskError(Upstream.rpcError(error)))
        }
      return (core.errorResponse(failure), ConnectCode.name(failure.error.code))
    }
  }

  /// The active services with their units' names.
  private func services(_ caller: DeskCaller) async throws -> String {
    var services: [Simpeg_V1_PublicService] = []
    var list = Simpeg_V1_ListPublicServicesRequest()
    list.page.pageSize = 1000
    repeat {
      let page: Simpeg_V1_ListPublicServicesResponse = try await caller.call(
        Simpeg_V1_PublicServiceService.Method.ListPublicServices.descriptor, list)
      services += page.services
      list.page.pageToken = page.page.nextPageToken
    } while !list.page.pageToken.isEmpty && services.count < 10_000
    let tree: Simpeg_V1_GetUnitTreeResponse = try await caller.call(
      Simpeg_V1_OrgService.Method.GetUnitTree.descriptor, Simpeg_V1_GetUnitTreeRequest())
    let used = Set(services.map(\.unitID))
    let units = tree.nodes.map(\.unit).filter { used.contains($0.id) }.map { unit in
      var shown = Simpeg_V1_Unit()
      shown.id = unit.id
      shown.name = unit.name
      return shown
    }
    return try "{\"services\":[" + services.map { try Self.shown($0).jsonString() }.joined(separator: ",")
      + "],\"units\":[" + units.map { try $0.jsonString() }.joined(separator: ",") + "]}"
  }

  /// One request, found by its service and registration number.
  private func serviceRequest(_ caller: DeskCaller, service: String?, number: String?) async throws -> String
  {
    guard let service, let serviceID = UInt64(service), serviceID > 0 else {
      throw RPCError(.invalidArgument, "layanan must name a service by its id")
    }
    let number = (number ?? "").trimmingCharacters(in: .whitespaces)
    guard (1...64).contains(number.count),
      number.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
    else {
      throw RPCError(
        .invalidArgument, "nomor must be the registration number, 1 to 64 characters without spaces")
    }
    let offered = try await publicService(serviceID, caller)
    var lookup = Simpeg_V1_GetServiceRequestRequest()
    lookup.reference.unitID = offered.unitID
    lookup.reference.reference = number
    let found: Simpeg_V1_ServiceRequest = try await caller.call(
      Simpeg_V1_PublicServiceService.Method.GetServiceRequest.descriptor, lookup)
    guard found.serviceID == serviceID else {
      throw RPCError(.notFound, "no request \(number) for service \(serviceID)")
    }
    var shown = Simpeg_V1_ServiceRequest()
    shown.reference = found.reference
    shown.serviceID = found.serviceID
    shown.unitID = found.unitID
    shown.channel = found.channel
    shown.state = found.state
    if found.hasReceivedAt { shown.receivedAt = found.receivedAt }
    if found.hasStartedAt { shown.startedAt = found.startedAt }
    if found.hasCompletedAt { shown.completedAt = found.completedAt }
    if found.hasRejectedAt { shown.rejectedAt = found.rejectedAt }
    shown.rejectionReason = found.rejectionReason
    shown.standard = found.standard
    shown.turnaround = found.turnaround
    shown.withinStandard = found.withinStandard
    shown.transitions = found.transitions.map { step in
      var shownStep = Simpeg_V1_ServiceRequestTransition()
      shownStep.state = step.state
      shownStep.at = step.at
      return shownStep
    }
    return try "{\"request\":" + shown.jsonString() + ",\"service\":" + Self.shown(offered).jsonString() + "}"
  }

  /// Records one survey response for the unit of a service, in this year's annual SKM.
  private func survey(_ caller: DeskCaller, body: ByteBuffer) async throws -> String {
    struct Answer: Decodable {
      var serviceId: String
      var scores: [UInt32]
    }
    let answer: Answer
    do {
      answer = try JSONDecoder().decode(Answer.self, from: Data(body.readableBytesView))
    } catch {
      throw RPCError(
        .invalidArgument, "send {\"serviceId\": \"<id>\", \"scores\": [nine scores of 1 to 4]} as JSON")
    }
    guard let serviceID = UInt64(answer.serviceId), serviceID > 0 else {
      throw RPCError(.invalidArgument, "serviceId must name a service by its id")
    }
    guard answer.scores.count == 9, answer.scores.allSatisfy({ (1...4).contains($0) }) else {
      throw RPCError(.invalidArgument, "scores must be nine scores of 1 to 4, one for each element U1-U9")
    }
    let offered = try await publicService(serviceID, caller)
    guard offered.active else {
      throw RPCError(.failedPrecondition, "service \(serviceID) is not offered now")
    }
    var record = Simpeg_V1_RecordSKMResponsesRequest()
    record.unitID = offered.unitID
    record.period.year = Int32(Self.yearInSalatiga())
    record.period.kind = .annual
    record.period.number = 1
    var response = Simpeg_V1_SKMResponse()
    response.scores = answer.scores
    record.responses = [response]
    let result: Simpeg_V1_SKMResult = try await caller.call(
      Simpeg_V1_PublicServiceService.Method.RecordSKMResponses.descriptor, record)
    var shown = Simpeg_V1_SKMResult()
    shown.unitID = result.unitID
    shown.period = result.period
    shown.respondents = result.respondents
    shown.indexHundredths = result.indexHundredths
    shown.grade = result.grade
    return try shown.jsonString()
  }

  /// The public service `id`.
  private func publicService(_ id: UInt64, _ caller: DeskCaller) async throws(RPCError)
    -> Simpeg_V1_PublicService
  {
    var get = Simpeg_V1_GetPublicServiceRequest()
    get.serviceID = id
    return try await caller.call(Simpeg_V1_PublicServiceService.Method.GetPublicService.descriptor, get)
  }

  /// A service as a citizen sees it.
  private static func shown(_ service: Simpeg_V1_PublicService) -> Simpeg_V1_PublicService {
    var shown = Simpeg_V1_PublicService()
    shown.id = service.id
    shown.unitID = service.unitID
    shown.name = service.name
    shown.description_p = service.description_p
    shown.standard = service.standard
    shown.active = service.active
    return shown
  }

  /// The year on Salatiga's calendar (WIB, UTC+7), whose annual survey a response joins.
  static func yearInSalatiga(now: Date = Date()) -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
    return calendar.component(.year, from: now)
  }

  /// A survey is sent by the gateway's own page only: a cross-site form cannot send JSON, and
  /// another site's script is refused by its origin.
  private func checkSameSite(_ request: Request) throws {
    if let origin = request.headers[.origin],
      !CrossOriginPolicy.isSameOrigin(origin, host: request.head.authority)
    {
      throw RPCError(.permissionDenied, "the survey is filled in on the gateway's own page")
    }
    guard ConnectCallSpec.mediaType(request.headers[.contentType]) == "application/json" else {
      throw ConnectFailure(
        RPCError(.invalidArgument, "send the survey as Content-Type application/json"),
        status: .unsupportedMediaType)
    }
  }

  /// simpegd refusing the desk's own account is the operator's problem, not the citizen's.
  private func deskError(_ error: RPCError) -> RPCError {
    guard error.code == .unauthenticated || error.code == .permissionDenied else { return error }
    core.logger.warning(
      "the citizens' desk is refused by simpegd: check the key of public-api-key-file and its scopes",
      metadata: ["code": "\(ConnectCode.name(error.code))"])
    return RPCError(.unavailable, "the citizens' desk cannot reach its records now; try again later")
  }
}

/// simpegd called with the desk's API key, for one request.
private struct DeskCaller: Sendable {
  let core: GatewayCore
  let key: String
  let identity: RequestIdentity

  func call<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
    _ descriptor: MethodDescriptor, _ request: Input
  ) async throws(RPCError) -> Output {
    let options = try core.callOptions(
      headers: [:], credential: .apiKey(key), identity: identity,
      timeout: core.configuration.defaultCallTimeout)
    return try await core.upstream.unary(descriptor, request: request, options: options)
  }
}
