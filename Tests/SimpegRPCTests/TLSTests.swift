import Foundation
import SimpegEcho
import Testing

@testable import SimpegRPC

@Suite struct TLSTests {
  static func fixture(_ name: String) -> String {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures/tls/\(name)").path
  }

  static func configureTLS(_ configuration: inout ServerConfiguration) {
    configuration.tls = ServerTLSConfiguration(
      certificateChainFile: fixture("server.pem"), privateKeyFile: fixture("server.key"))
  }

  @Test func callsSucceedOverTLSWithTheTrustedCA() async throws {
    try await withTestServer(configure: Self.configureTLS) { server in
      let echo = try server.echo {
        $0.tls = ClientTLSConfiguration(trustRootsFile: Self.fixture("ca.pem"), serverHostname: "localhost")
      }
      #expect(try await echo.get(echoRequest("rahasia")).text == "rahasia")
      let streamed = try await echo.expand(echoRequest("s", count: 50)) { responses in
        var count = 0
        for try await _ in responses { count += 1 }
        return count
      }
      #expect(streamed == 50)
    }
  }

  @Test func untrustedServerCertificateIsRefused() async throws {
    try await withTestServer(configure: Self.configureTLS) { server in
      let echo = try server.echo { $0.tls = ClientTLSConfiguration(serverHostname: "localhost") }
      let error = await #expect(throws: RPCError.self) { _ = try await echo.get(echoRequest("x")) }
      #expect(error?.code == .unavailable)
    }
  }

  @Test func plainClientAgainstTLSServerFailsCleanly() async throws {
    try await withTestServer(configure: Self.configureTLS) { server in
      let echo = try server.echo { $0.connectTimeout = .seconds(2) }
      let error = await #expect(throws: RPCError.self) { _ = try await echo.get(echoRequest("x")) }
      #expect(error?.code == .unavailable)
    }
  }
}
