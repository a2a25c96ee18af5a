import Foundation
import NIOCore
import NIOPosix
import SimpegEcho
import SimpegRPC

/// How a test reaches its server: over loopback TCP, or in process without sockets (the
/// runtime's in-memory transport, carrying the same bytes through the same handlers).
enum Transport: String, CaseIterable, Sendable {
  case tcp
  case inProcess
}

/// A server for one test, on a free loopback port or in process only, with clients to it.
struct TestServer {
  let server: RPCServer
  let transport: Transport
  /// The port listened on; 0 for a server in process only.
  let port: Int

  static func start(
    transport: Transport = .tcp,
    services: [any RPCService] = [EchoHandler()],
    interceptors: [any ServerInterceptor] = [],
    configure: (inout ServerConfiguration) -> Void = { _ in }
  ) async throws -> TestServer {
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    if transport == .inProcess { configuration.transport = .inProcessOnly }
    configure(&configuration)
    let server = RPCServer(
      configuration: configuration, services: services, interceptors: interceptors)
    try await server.start()
    return TestServer(server: server, transport: transport, port: server.localAddress?.port ?? 0)
  }

  func client(configure: (inout ClientConfiguration) -> Void = { _ in }) throws -> RPCClient {
    var configuration = ClientConfiguration()
    if transport == .tcp {
      // Generous, since hundreds of tests share two cores; a test that is about this timeout
      // sets its own.
      configuration.connectTimeout = .seconds(60)
    }
    configure(&configuration)
    switch transport {
    case .tcp: return try RPCClient(host: "127.0.0.1", port: port, configuration: configuration)
    case .inProcess: return RPCClient(inProcess: server, configuration: configuration)
    }
  }

  func echo(configure: (inout ClientConfiguration) -> Void = { _ in }) throws
    -> Simpeg_Echo_V1_EchoService.Client
  {
    Simpeg_Echo_V1_EchoService.Client(wrapping: try client(configure: configure))
  }

  func stop() async {
    await server.shutdown(grace: .seconds(5))
  }
}

/// Runs `body` with a started server, shutting it down afterwards whatever happens.
func withTestServer<T>(
  transport: Transport = .tcp,
  services: [any RPCService] = [EchoHandler()],
  interceptors: [any ServerInterceptor] = [],
  configure: (inout ServerConfiguration) -> Void = { _ in },
  _ body: (TestServer) async throws -> T
) async throws -> T {
  let server = try await TestServer.start(
    transport: transport, services: services, interceptors: interceptors, configure: configure)
  do {
    let result = try await body(server)
    await server.stop()
    return result
  } catch {
    await server.stop()
    throw error
  }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
/// For waiting on effects in other threads without sleeping a fixed time.
func eventually(
  timeout: Duration = .seconds(30), _ condition: @Sendable () async throws -> Bool
) async rethrows -> Bool {
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    if try await condition() { return true }
    try? await Task.sleep(for: .milliseconds(5))
  }
  return try await condition()
}

func echoRequest(_ text: String, count: UInt32 = 0, delayMillis: UInt32 = 0, payload: Int = 0)
  -> Simpeg_Echo_V1_EchoRequest
{
  var request = Simpeg_Echo_V1_EchoRequest()
  request.text = text
  request.count = count
  request.delayMillis = delayMillis
  if payload > 0 { request.payload = Data(repeating: 0x5A, count: payload) }
  return request
}
