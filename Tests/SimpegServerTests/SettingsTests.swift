import Foundation
import SimpegSettings
import Testing

@testable import SimpegServer

@Suite struct SettingsTests {
  static func file(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("simpegd-\(UUID()).conf")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func defaultsNeedNoConfiguration() throws {
    let configuration = try Settings(flags: [:], environment: [:], configurationFile: nil)
      .daemonConfiguration()
    #expect(configuration.dataFolder == "simpeg-data")
    #expect(configuration.rpc.host == "127.0.0.1")
    #expect(configuration.rpc.port == 7400)
    #expect(configuration.sessionLifetime == .seconds(12 * 3600))
    #expect(configuration.sampleSeed == nil)
  }

  @Test func flagsBeatEnvironmentWhichBeatsTheFile() throws {
    let path = try Self.file("data = file\nlisten = 0.0.0.0:1\nmax-connections = 5\n")
    let settings = try Settings(
      flags: ["listen": "127.0.0.1:9"],
      environment: ["SIMPEG_DATA": "env", "SIMPEG_LISTEN": "10.0.0.1:2"],
      configurationFile: path)
    let configuration = try settings.daemonConfiguration()
    #expect(configuration.dataFolder == "env")
    #expect(configuration.rpc.host == "127.0.0.1")
    #expect(configuration.rpc.port == 9)
    #expect(configuration.rpc.maxConnections == 5)
  }

  @Test func unknownFileSettingIsRefusedWithItsLine() throws {
    let path = try Self.file("# comment\n\nlisten = 127.0.0.1:1\nlisen = x\n")
    #expect {
      _ = try Settings(flags: [:], environment: [:], configurationFile: path)
    } throws: { error in
      "\(error)".contains(":4: unknown setting 'lisen'")
    }
  }

  @Test func malformedLineIsRefused() throws {
    let path = try Self.file("listen 127.0.0.1:1\n")
    #expect(throws: SettingsError.self) {
      _ = try Settings(flags: [:], environment: [:], configurationFile: path)
    }
  }

  @Test(arguments: [
    ("30s", Duration.seconds(30)), ("5m", .seconds(300)), ("12h", .seconds(43_200)),
    ("250ms", .milliseconds(250)), ("7", .seconds(7)), ("14d", .seconds(14 * 86_400)),
  ])
  func durationsParse(text: String, expected: Duration) {
    #expect(LayeredSettings.parseDuration(text) == expected)
  }

  @Test(arguments: [("4MiB", 4 << 20), ("512KiB", 512 << 10), ("1GiB", 1 << 30), ("100", 100)])
  func sizesParse(text: String, expected: Int) {
    #expect(LayeredSettings.parseSize(text) == expected)
  }

  @Test func badValuesAreRefusedNamingTheSetting() throws {
    for (name, value) in [
      ("listen", "nowhere"), ("max-connections", "0"), ("session-lifetime", "soon"),
      ("max-frame-size", "1KiB"), ("sample-seed", "-1"),
      ("sample-year", "1999"), ("sample-service-requests", "many"),
    ] {
      let settings = try Settings(flags: [name: value], environment: [:], configurationFile: nil)
      #expect {
        _ = try settings.daemonConfiguration()
      } throws: { error in
        "\(error)".contains(name)
      }
    }
  }

  @Test func theSampleYearAndRequestCountReachTheDaemon() throws {
    let settings = try Settings(
      flags: ["sample-year": "2026"], environment: ["SIMPEG_SAMPLE_SERVICE_REQUESTS": "250"],
      configurationFile: nil)
    let configuration = try settings.daemonConfiguration()
    #expect(configuration.sampleYear == 2026)
    #expect(configuration.sampleServiceRequests == 250)
  }

  @Test func tlsNeedsBothCertificateAndKey() throws {
    let settings = try Settings(flags: ["tls-cert": "a.pem"], environment: [:], configurationFile: nil)
    #expect(throws: SettingsError.self) { _ = try settings.daemonConfiguration() }
  }

  @Test func trustedForwardersReachTheRPCServer() throws {
    let settings = try Settings(
      flags: [:], environment: ["SIMPEG_TRUSTED_FORWARDERS": "10.0.0.8, 127.0.0.1"], configurationFile: nil)
    #expect(try settings.daemonConfiguration().rpc.trustedForwarders == ["10.0.0.8", "127.0.0.1"])
    #expect(
      try Settings(flags: [:], environment: [:], configurationFile: nil).daemonConfiguration().rpc
        .trustedForwarders.isEmpty)
  }

  @Test func metricsCanBeTurnedOff() throws {
    let settings = try Settings(
      flags: ["metrics-listen": "off"], environment: [:], configurationFile: nil)
    #expect(try settings.metricsAddress() == nil)
  }
}
