import Foundation

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
//          watch cells).

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "serve":
  try await Serve.run()
case "drive":
  let options = PerformanceBenchOptions(arguments.dropFirst(2))
  guard let port = options.port, let credentials = options.credentials else {
    FileHandle.standardError.write(Data("drive needs --port and --credentials\n".utf8))
    exit(2)
  }
  try await Drive(options: options, port: port, credentialsFile: credentials).run()
default:
  let options = PerformanceBenchOptions(arguments.dropFirst())
  let child = Process()
  child.executableURL = URL(fileURLWithPath: arguments[0]).standardizedFileURL
  if !FileManager.default.isExecutableFile(atPath: child.executableURL!.path) {
    child.executableURL = Bundle.main.executableURL
  }
  child.arguments = ["serve"]
  let output = Pipe()
  let input = Pipe()
  child.standardOutput = output
  child.standardInput = input
  try child.run()
  let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
  let parts = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
  guard parts.count == 2, let port = Int(parts[0]) else {
    FileHandle.standardError.write(Data("the server did not report its port: \(line)\n".utf8))
    exit(1)
  }
  try await Drive(options: options, port: port, credentialsFile: String(parts[1])).run()
  try input.fileHandleForWriting.close()
  child.waitUntilExit()
}
