import NIOCore
import NIOPosix
import Testing

@testable import SimpegRPC

/// Which connection a call goes out on: one on the caller's own event loop when the caller runs
/// on one (the web gateway's handlers do), so the call and its answer stay on one thread; else
/// each connection in turn.
@Suite struct ClientConnectionChoiceTests {
  /// A client of a port nothing listens on: choosing a connection does not connect.
  static func client(connections: Int, group: MultiThreadedEventLoopGroup) throws -> RPCClient {
    var configuration = ClientConfiguration()
    configuration.connections = connections
    return try RPCClient(host: "127.0.0.1", port: 9, configuration: configuration, eventLoopGroup: group)
  }

  @Test func aCallerOnAnEventLoopUsesOnlyThatLoopsConnectionsInTurn() async throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    let client = try Self.client(connections: 4, group: group)
    for loop in group.makeIterator() {
      let chosen = try await loop.submit { (0..<8).map { _ in client.connection() } }.get()
      #expect(chosen.allSatisfy { $0.eventLoop === loop })
      #expect(Set(chosen.map(ObjectIdentifier.init)).count == 2)
    }
    try await group.shutdownGracefully()
  }

  @Test func aCallerOffTheEventLoopsUsesEveryConnectionInTurn() throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    defer { try? group.syncShutdownGracefully() }
    let client = try Self.client(connections: 4, group: group)
    let chosen = (0..<8).map { _ in ObjectIdentifier(client.connection()) }
    #expect(Set(chosen).count == 4)
  }
}
