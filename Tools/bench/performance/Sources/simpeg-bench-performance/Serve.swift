import Foundation
import SimpegBenchDaemon
import SimpegServer

/// The server side: a daemon over a durable store in a temporary folder, filled with the sample
/// Kota Salatiga whose performance cycle is of this year (so that every employee has an approved
/// SKP that today's activities count toward). Not `durable`: the store commits without flushing.
enum Serve {
  static func run(durable: Bool) async throws -> Never {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("simpeg-bench-performance-\(UUID().uuidString)").path
    var configuration = DaemonConfiguration()
    configuration.dataFolder = folder
    configuration.rpc.maxConcurrentCallsPerConnection = 1_024
    configuration.sampleSeed = 7
    if !durable { configuration.store.durability = .noSync }
    configuration.sampleYear = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(secondsFromGMT: 7 * 3600)!, from: Date()
    ).year!
    try await BenchDaemon.serveUntilStdinCloses(configuration) {
      try? FileManager.default.removeItem(atPath: folder)
    }
  }
}
