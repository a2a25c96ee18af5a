import Foundation
import Logging
import SimpegServer

/// The server side: a daemon over a durable store in a temporary folder, filled with the sample
/// Kota Salatiga whose performance cycle is of this year (so that every employee has an approved
/// SKP that today's activities count toward).
enum Serve {
  static func run() async throws -> Never {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("simpeg-bench-performance-\(UUID().uuidString)").path
    var configuration = DaemonConfiguration()
    configuration.dataFolder = folder
    configuration.rpc.host = "127.0.0.1"
    configuration.rpc.port = 0
    configuration.rpc.maxConcurrentCallsPerConnection = 1_024
    configuration.sampleSeed = 7
    configuration.sampleYear = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(secondsFromGMT: 7 * 3600)!, from: Date()
    ).year!
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
    try? FileManager.default.removeItem(atPath: folder)
    exit(0)
  }
}
