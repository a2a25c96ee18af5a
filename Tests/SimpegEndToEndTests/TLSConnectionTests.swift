import Foundation
import Testing

extension AdminEndToEnd {
  /// simpeg-admin over TLS: the CA and server name given once at login are kept in the context.
  @Suite struct TLSConnectionTests {
    /// The runtime tests' TLS material: a CA and a certificate for `localhost`.
    static func fixture(_ name: String) -> String {
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SimpegRPCTests/Fixtures/tls/\(name)").path
    }

    @Test func aLoginOverTLSIsRememberedWithItsCAAndServerName() async throws {
      let daemon = try await SimpegdProcess.start(arguments: [
        "--tls-cert", Self.fixture("server.pem"), "--tls-key", Self.fixture("server.key"),
      ])
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      let address = "127.0.0.1:\(daemon.rpcPort)"
      let untrusted = try await cli.run(["status", "--address", address, "--tls", "--timeout", "10"])
      #expect(untrusted.status == 3, "the system's roots do not trust the test CA: \(untrusted)")

      let password = try AdminCLI.bootstrapPassword(of: daemon)
      let login = try await cli.run(
        [
          "login", "admin", "--address", address, "--ca-file", Self.fixture("ca.pem"), "--server-name",
          "localhost",
          "--password-stdin",
        ], input: password + "\n")
      #expect(login.status == 0, "\(login)")
      let show = try await cli.run(["context", "show", "--json"])
      #expect(try show.object().bool("tls"))
      #expect(try show.object().string("serverName") == "localhost")
      let status = try await cli.run(["status", "--json"])
      #expect(status.status == 0, "\(status)")
      #expect(try status.object().string("health") == "SERVING")
      await daemon.stop()
    }
  }
}
