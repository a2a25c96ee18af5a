import Foundation
import SimpegBenchKit

// simpeg-bench-performance: LogActivity durable throughput and latency with many concurrent
// employees (each with its own session and connection), and the watch stream's delivery delay
// to a supervisor, against a real simpegd core serving the sample Kota Salatiga.
//
//   simpeg-bench-performance serve        open a daemon (durable store in a temporary folder, the
//                                         sample of this year) on a free loopback port; print the
//                                         port and the bootstrap credentials file; serve until
//                                         stdin closes
//   simpeg-bench-performance drive --port P --credentials FILE [options]
//   simpeg-bench-performance [options]    start `serve` as a child process, drive it, stop it
//
// Options: --seconds S (measured per cell, default 5), --warmup S (default 1),
//          --concurrency 64,256 (employees logging at once), --watch-concurrency 1,64,
//          --max-calls N (per cell, default 200000), --format table|tsv (tsv: one tab-separated
//          line per cell, nothing else on standard output; an empty --watch-concurrency skips the
//          watch cells), --durability durable|no-sync (no-sync: the store commits without
//          flushing, not durable, for the ceiling the rest of the work leaves).

BenchMain.run { try await command(CommandLine.arguments) }

/// The command: `serve`, `drive`, or both (see the top of this file).
func command(_ arguments: [String]) async throws {
  switch arguments.dropFirst().first {
  case "serve":
    try await Serve.run(durable: !arguments.contains("--no-sync"))
  case "drive":
    let options = PerformanceBenchOptions(arguments.dropFirst(2))
    guard let port = options.port, let credentials = options.credentials else {
      FileHandle.standardError.write(Data("drive needs --port and --credentials\n".utf8))
      exit(2)
    }
    try await Drive(options: options, port: port, credentialsFile: credentials).run()
  default:
    var options = PerformanceBenchOptions(arguments.dropFirst())
    let child = try BenchChild.startSelf(["serve"] + (options.durability == "no-sync" ? ["--no-sync"] : []))
    options.serverPID = child.pid
    let line = try await child.firstLine()
    let parts = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
    guard parts.count == 2, let port = Int(parts[0]) else {
      FileHandle.standardError.write(Data("the server did not report its port: \(line)\n".utf8))
      exit(1)
    }
    try await Drive(options: options, port: port, credentialsFile: String(parts[1])).run()
    await child.stop()
  }
}
