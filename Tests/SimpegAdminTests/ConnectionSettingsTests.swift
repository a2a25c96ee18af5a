import Foundation
import SimpegAdmin
import Testing

/// Which address, TLS settings and credential a command uses: flags, then SIMPEG_TOKEN, then
/// the context, then the defaults.
@Suite struct ConnectionSettingsTests {
  private let file = ContextFile(
    current: "kota",
    contexts: [
      "kota": AdminContext(address: "10.0.0.5:7400", tls: true, caFile: "/ca.pem", token: "kota-token"),
      "latihan": AdminContext(address: "127.0.0.1:7401", token: "latihan-token"),
    ])

  @Test func withNothingGivenTheDaemonsDefaultAddressIsUsedWithoutACredential() throws {
    let settings = try ConnectionSettings.resolve(
      flags: ConnectionFlags(), environment: [:], file: ContextFile())
    #expect(settings.address == DaemonAddress(host: "127.0.0.1", port: 7400))
    #expect(!settings.tls)
    #expect(settings.token == nil)
    #expect(settings.timeout == ConnectionSettings.defaultTimeout)
  }

  @Test func theCurrentContextFillsWhatTheFlagsLeaveOut() throws {
    let settings = try ConnectionSettings.resolve(flags: ConnectionFlags(), environment: [:], file: file)
    #expect(settings.address.description == "10.0.0.5:7400")
    #expect(settings.tls)
    #expect(settings.caFile == "/ca.pem")
    #expect(settings.token == "kota-token")
    #expect(settings.tokenSource == .context("kota"))
    #expect(settings.contextName == "kota")
  }

  @Test func aNamedContextReplacesTheCurrentOne() throws {
    let settings = try ConnectionSettings.resolve(
      flags: ConnectionFlags(context: "latihan"), environment: [:], file: file)
    #expect(settings.address.port == 7401)
    #expect(!settings.tls)
    #expect(settings.token == "latihan-token")
  }

  @Test func flagsWinOverTheContext() throws {
    let settings = try ConnectionSettings.resolve(
      flags: ConnectionFlags(tls: false, timeoutSeconds: 2.5), environment: [:], file: file)
    #expect(!settings.tls)
    #expect(settings.timeout == .milliseconds(2500))
  }

  @Test func theEnvironmentsTokenWinsOverTheContextsAndATokenFileOverBoth() throws {
    let fromEnvironment = try ConnectionSettings.resolve(
      flags: ConnectionFlags(), environment: ["SIMPEG_TOKEN": "env-token\n"], file: file)
    #expect(fromEnvironment.token == "env-token")
    #expect(fromEnvironment.tokenSource == .environment)

    let path = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data("  file-token  \nignored\n".utf8).write(to: URL(fileURLWithPath: path))
    let fromFile = try ConnectionSettings.resolve(
      flags: ConnectionFlags(tokenFile: path), environment: ["SIMPEG_TOKEN": "env-token"], file: file)
    #expect(fromFile.token == "file-token")
    #expect(fromFile.tokenSource == .tokenFile(path))
  }

  @Test func aContextsTokenIsNeverSentToAnotherAddress() throws {
    let settings = try ConnectionSettings.resolve(
      flags: ConnectionFlags(address: "10.9.9.9:7400"), environment: [:], file: file)
    #expect(settings.token == nil)
  }

  @Test func aCAFileOrServerNameImpliesTLS() throws {
    let settings = try ConnectionSettings.resolve(
      flags: ConnectionFlags(address: "h:1", caFile: "/ca.pem"), environment: [:], file: ContextFile())
    #expect(settings.tls)
    #expect(settings.clientConfiguration().tls?.trustRootsFile == "/ca.pem")
  }

  @Test func anUnknownContextIsNotFoundSayingHowToListThem() {
    do {
      _ = try ConnectionSettings.resolve(
        flags: ConnectionFlags(context: "nope"), environment: [:], file: file)
      Issue.record("an unknown context resolved")
    } catch let failure as AdminFailure {
      #expect(failure.status == .notFound)
      #expect(failure.hint?.contains("context list") == true)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func anEmptyTokenFileIsAUsageError() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data("\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: AdminFailure.self) {
      try ConnectionSettings.resolve(flags: ConnectionFlags(tokenFile: path), environment: [:], file: file)
    }
  }

  @Test func theTokenTravelsAsABearerCredential() throws {
    let settings = try ConnectionSettings.resolve(flags: ConnectionFlags(), environment: [:], file: file)
    #expect(settings.clientConfiguration().defaultMetadata["authorization"] == "Bearer kota-token")
  }

  @Test(arguments: [
    ("127.0.0.1:7400", "127.0.0.1", 7400), ("simpeg.local", "simpeg.local", 7400),
    ("[::1]:9000", "::1", 9000),
    ("[fe80::1]", "fe80::1", 7400),
  ])
  func addressesAreReadWithIPv6InBrackets(text: String, host: String, port: Int) throws {
    let address = try DaemonAddress(parsing: text)
    #expect(address == DaemonAddress(host: host, port: port))
  }

  @Test(arguments: ["::1", ":7400", "host:0", "host:99999", "host:port", "[::1"])
  func malformedAddressesAreUsageErrors(text: String) {
    #expect(throws: AdminFailure.self) { try DaemonAddress(parsing: text) }
  }
}
