import SimpegBenchDaemon
import SimpegServer

/// The server side: a daemon over the durable store in `--data`, as simpegd would open it.
enum Serve {
  static func run(dataFolder: String) async throws -> Never {
    var configuration = DaemonConfiguration()
    configuration.dataFolder = dataFolder
    try await BenchDaemon.serveUntilStdinCloses(configuration)
  }
}
