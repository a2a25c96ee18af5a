import SimpegAPI
import SimpegRPC

/// `simpeg.v1.HealthService`: whether the daemon (or one of its services) serves.
struct HealthServiceHandler: Simpeg_V1_HealthService.Handler {
  let health: HealthState
  /// The services served, by full name.
  let services: Set<String>

  func check(request: Simpeg_V1_HealthCheckRequest, context: ServerContext) async throws
    -> Simpeg_V1_HealthCheckResponse
  {
    guard request.service.isEmpty || services.contains(request.service) else {
      throw RPCError(.notFound, "service '\(request.service)' is not served here")
    }
    var response = Simpeg_V1_HealthCheckResponse()
    response.status = health.status
    return response
  }

  func watch(
    request: Simpeg_V1_HealthCheckRequest,
    response: ResponseWriter<Simpeg_V1_HealthCheckResponse>, context: ServerContext
  ) async throws {
    guard request.service.isEmpty || services.contains(request.service) else {
      var unknown = Simpeg_V1_HealthCheckResponse()
      unknown.status = .serviceUnknown
      try await response.write(unknown)
      return
    }
    for await status in health.updates() {
      var message = Simpeg_V1_HealthCheckResponse()
      message.status = status
      try await response.write(message)
    }
  }
}
