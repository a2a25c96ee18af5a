import HTTPTypes
import Hummingbird
import SimpegAPI
import SimpegRPC

/// `GET /healthz`: whether the gateway can serve, for load balancers and systemd checks.
///
/// 200 `{"status":"SERVING"}` while simpegd answers its health check (HealthService/Check)
/// within 2 s; 503 with `NOT_SERVING` and why when it does not, and `DRAINING` once the gateway
/// is shutting down.
struct HealthEndpoint: Sendable {
  let core: GatewayCore

  /// The health response.
  func respond(identity: RequestIdentity) async -> (Response, String) {
    if core.drain.isDraining {
      return (status(.serviceUnavailable, "DRAINING", reason: "the gateway is shutting down"), "503")
    }
    var metadata = Metadata()
    metadata.add("request-id", identity.requestID)
    do {
      let check: Simpeg_V1_HealthCheckResponse = try await core.upstream.unary(
        Simpeg_V1_HealthService.Method.Check.descriptor, request: Simpeg_V1_HealthCheckRequest(),
        options: CallOptions(timeout: .seconds(2), metadata: metadata))
      guard check.status == .serving else {
        return (status(.serviceUnavailable, "NOT_SERVING", reason: "simpegd is not serving"), "503")
      }
      return (status(.ok, "SERVING", reason: nil), "200")
    } catch {
      return (status(.serviceUnavailable, "NOT_SERVING", reason: "simpegd: \(error.description)"), "503")
    }
  }

  private func status(_ code: HTTPResponse.Status, _ status: String, reason: String?) -> Response {
    var json = "{\"status\":\"\(status)\""
    if let reason { json += ",\"reason\":" + ConnectErrorJSON.quoted(reason) }
    json += "}"
    return core.jsonResponse(ByteBuffer(string: json), status: code)
  }
}
