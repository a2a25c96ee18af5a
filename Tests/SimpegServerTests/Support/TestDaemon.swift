import Foundation
import Logging
import SimpegAPI
import SimpegRPC
import SimpegStore

@testable import SimpegServer

/// A daemon in process over a fresh temporary data folder, with cheap password hashing, for
/// one test; its clients reach it through ``TestTransport``.
struct TestDaemon {
  let daemon: Daemon
  let folder: String

  /// Starts a daemon; `logger` replaces the default one (warnings and above, to the console).
  static func start(
    sampleSeed: UInt64? = nil, logger: Logger? = nil,
    configure: (inout DaemonConfiguration) -> Void = { _ in }
  ) async throws -> TestDaemon {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("simpeg-test-\(UUID().uuidString)").path
    var configuration = DaemonConfiguration()
    configuration.dataFolder = folder
    TestTransport.configure(&configuration.rpc)
    configuration.passwordParameters = .fastForTests
    configuration.store.durability = .noSync
    configuration.sampleSeed = sampleSeed
    configuration.clock = TestToday.clock
    configure(&configuration)
    var defaultLogger = Logger(label: "simpeg.test")
    defaultLogger.logLevel = .warning
    let logger = logger ?? defaultLogger
    let daemon = try await Daemon.open(configuration: configuration, logger: logger)
    try await daemon.start()
    return TestDaemon(daemon: daemon, folder: folder)
  }

  /// The bootstrap administrator's password, read from the credentials file.
  var adminPassword: String {
    get throws {
      let text = try String(contentsOfFile: daemon.bootstrapCredentialsFile!, encoding: .utf8)
      let line = text.split(separator: "\n").first { $0.hasPrefix("password=") }!
      return String(line.dropFirst("password=".count))
    }
  }

  /// A client without credentials.
  func client() throws -> RPCClient {
    try TestTransport.client(of: daemon, configuration: .forTests())
  }

  /// A client that sends `token` as its session.
  func client(token: String) throws -> RPCClient {
    var configuration = ClientConfiguration.forTests()
    configuration.defaultMetadata.add("authorization", "Bearer \(token)")
    return try TestTransport.client(of: daemon, configuration: configuration)
  }

  /// A client that sends `secret` as a service account's API key.
  func client(apiKey secret: String) throws -> RPCClient {
    var configuration = ClientConfiguration.forTests()
    configuration.defaultMetadata.add("authorization", "ApiKey \(secret)")
    return try TestTransport.client(of: daemon, configuration: configuration)
  }

  func stop() async {
    await daemon.shutdown(grace: .seconds(5))
    try? FileManager.default.removeItem(atPath: folder)
  }
}

/// Runs `body` with a started daemon and stops it afterwards whatever happens.
func withTestDaemon<T>(
  sampleSeed: UInt64? = nil, logger: Logger? = nil,
  configure: (inout DaemonConfiguration) -> Void = { _ in },
  _ body: (TestDaemon) async throws -> T
) async throws -> T {
  let daemon = try await TestDaemon.start(
    sampleSeed: sampleSeed, logger: logger, configure: configure)
  do {
    let result = try await body(daemon)
    await daemon.stop()
    return result
  } catch {
    await daemon.stop()
    throw error
  }
}
