import Foundation
import SimpegAPI
import SimpegRPC

@testable import SimpegServer

/// How server and service tests reach their daemon: in process by default, through the RPC
/// runtime's in-memory transport (the same frames, credit, deadlines and cancellation as over
/// TCP, without sockets, ports or connect timeouts). `SIMPEG_TEST_TRANSPORT=tcp` runs them over
/// loopback TCP instead, as before. End-to-end tests (SimpegEndToEndTests) always use the real
/// binary over TCP.
enum TestTransport {
  case inProcess
  case tcp

  /// The transport of this test run.
  static let current: TestTransport =
    ProcessInfo.processInfo.environment["SIMPEG_TEST_TRANSPORT"] == "tcp" ? .tcp : .inProcess

  /// Sets up a daemon's RPC server for this transport.
  static func configure(_ rpc: inout ServerConfiguration) {
    switch current {
    case .inProcess:
      rpc.transport = .inProcessOnly
    case .tcp:
      rpc.host = "127.0.0.1"
      rpc.port = 0
    }
  }

  /// A daemon that should listen on TCP does not.
  struct NotListening: Error {}

  /// A client of `daemon` with `configuration`.
  static func client(of daemon: Daemon, configuration: ClientConfiguration) throws -> RPCClient {
    switch current {
    case .inProcess:
      return RPCClient(inProcess: daemon.rpcServer, configuration: configuration)
    case .tcp:
      guard let port = daemon.localAddress?.port else { throw NotListening() }
      return try RPCClient(host: "127.0.0.1", port: port, configuration: configuration)
    }
  }
}

extension ClientConfiguration {
  /// A client configuration for tests: the defaults in process; over TCP a generous connect
  /// timeout, since hundreds of tests share two cores and a handshake can wait its turn for
  /// seconds.
  static func forTests() -> ClientConfiguration {
    var configuration = ClientConfiguration()
    if TestTransport.current == .tcp { configuration.connectTimeout = .seconds(60) }
    return configuration
  }
}
