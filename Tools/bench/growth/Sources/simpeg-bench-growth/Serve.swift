import Foundation
import Logging
import SimpegServer

/// The server side: a daemon over the durable store in `--data`, as simpegd would open it.
enum Serve {
  static func run(dataFolder: String) async throws -> Never {
    var configuration = DaemonConfiguration()
    configuration.dataFolder = dataFolder
    configuration.rpc.host = "127.0.0.1"
    configuration.rpc.port = 0
    // Accounts are made for the run; cheap hashing keeps the set-up short. Logins are not measured.
    configuration.passwordParameters = .fastForTests
    var logger = Logger(label: "simpeg.bench")
    logger.logLevel = .error
    let daemon = try await Daemon.open(configuration: configuration, logger: logger)
    try await daemon.start()
    emit("\(daemon.localAddress!.port) \(daemon.bootstrapCredentialsFile ?? "")")
    // Serve until the parent closes our stdin.
    while FileHandle.standardInput.availableData.count > 0 {}
    await daemon.shutdown(grace: .seconds(2))
    exit(0)
  }
}
