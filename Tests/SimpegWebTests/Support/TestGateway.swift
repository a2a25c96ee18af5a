import Foundation
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import SimpegAPI
import SimpegEcho
import SimpegRPC
import SimpegTestSupport
import SwiftProtobuf

@testable import SimpegWeb

/// The echo service with a few more behaviours for the gateway's tests: `Get` with text
/// `code:NAME` fails with that status, an `IngestProblem` detail and `retry-after` metadata;
/// with text `metadata` it answers with the call's metadata; `Expand` with text `fail` fails
/// after its messages.
struct ScriptedEcho: Simpeg_Echo_V1_EchoService.Handler {
  let plain = EchoHandler()

  func get(request: Simpeg_Echo_V1_EchoRequest, context: ServerContext) async throws
    -> Simpeg_Echo_V1_EchoResponse
  {
    if request.text.hasPrefix("code:"), let code = StatusCode(name: String(request.text.dropFirst(5))) {
      var problem = Simpeg_V1_IngestProblem()
      problem.itemIndex = 3
      problem.reason = "scripted"
      var metadata = Metadata()
      metadata.add("retry-after", "7")
      throw RPCError(
        code, "scripted \(code.name)", details: [try Google_Protobuf_Any(message: problem)],
        metadata: metadata)
    }
    if request.text == "metadata" {
      var response = Simpeg_Echo_V1_EchoResponse()
      response.text = context.metadata.map { entry in
        switch entry.value {
        case .text(let text): "\(entry.key)=\(text)"
        case .binary(let bytes): "\(entry.key)=\(bytes)"
        }
      }.joined(separator: "\n")
      return response
    }
    return try await plain.get(request: request, context: context)
  }

  func expand(
    request: Simpeg_Echo_V1_EchoRequest, response: ResponseWriter<Simpeg_Echo_V1_EchoResponse>,
    context: ServerContext
  ) async throws {
    try await plain.expand(request: request, response: response, context: context)
    if request.text == "fail" { throw RPCError(.dataLoss, "scripted failure after \(request.count)") }
  }

  func collect(requests: RequestStream<Simpeg_Echo_V1_EchoRequest>, context: ServerContext) async throws
    -> Simpeg_Echo_V1_EchoResponse
  {
    try await plain.collect(requests: requests, context: context)
  }

  func update(
    requests: RequestStream<Simpeg_Echo_V1_EchoRequest>,
    response: ResponseWriter<Simpeg_Echo_V1_EchoResponse>,
    context: ServerContext
  ) async throws {
    try await plain.update(requests: requests, response: response, context: context)
  }
}

/// An RPC server of ``ScriptedEcho`` and a gateway in front of it, in this process, on free
/// loopback ports; curl talks to the gateway.
final class TestGateway: Sendable {
  let server: RPCServer
  let baseURL: String
  let folder: URL
  private let group: ServiceGroup
  private let running: Task<Void, any Error>

  static func start(_ configure: (inout WebConfiguration) -> Void = { _ in }) async throws -> TestGateway {
    let server = RPCServer(
      configuration: ServerConfiguration(host: "127.0.0.1", port: 0), services: [ScriptedEcho()])
    try await server.start()
    let port = server.localAddress?.port ?? 0
    var configuration = WebConfiguration()
    configuration.host = "127.0.0.1"
    configuration.port = 0
    configuration.setUpstream(host: "127.0.0.1", port: port, connections: 2)
    configure(&configuration)
    let address = NIOLockedValueBox<String?>(nil)
    var logger = Logger(label: "simpeg-web-test")
    logger.logLevel = .warning
    let gateway = try WebGateway(
      configuration: configuration,
      procedures: ProcedureTable(services: [Simpeg_Echo_V1_EchoService.schema]),
      events: EventStreamTable([]), logger: logger,
      onReady: { addresses in address.withLockedValue { $0 = $0 ?? addresses.http } })
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(services: [.init(service: gateway)], logger: logger))
    let running = Task { try await group.run() }
    let deadline = ContinuousClock.now + .seconds(60)
    while address.withLockedValue({ $0 }) == nil {
      guard ContinuousClock.now < deadline else { throw CurlFailure("the gateway did not start within 60 s") }
      try await Task.sleep(for: .milliseconds(10))
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "simpeg-web-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return TestGateway(
      server: server, baseURL: "http://" + address.withLockedValue { $0 }!, folder: folder, group: group,
      running: running)
  }

  private init(
    server: RPCServer, baseURL: String, folder: URL, group: ServiceGroup, running: Task<Void, any Error>
  ) {
    self.server = server
    self.baseURL = baseURL
    self.folder = folder
    self.group = group
    self.running = running
  }

  /// A curl client of the gateway.
  var curl: Curl { Curl(baseURL: baseURL, folder: folder) }

  /// Drains the gateway and stops the server.
  func stop() async {
    await group.triggerGracefulShutdown()
    _ = await running.result
    await server.shutdown(grace: .seconds(1))
    try? FileManager.default.removeItem(at: folder)
  }
}
