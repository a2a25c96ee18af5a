import Foundation

/// Counts the instructions a server executes while a benchmark measures, when the server runs
/// under `valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=FILE`.
///
/// Instructions are what wall-clock figures on a shared machine are not: repeatable for the same
/// binaries and inputs whatever else the machine does, so two commits can be compared at equal
/// load. `perf stat` would count them faster, but this machine's virtual CPU exposes no hardware
/// counters (`perf stat -e instructions true` says "not supported"). The count covers every
/// thread of the server process (valgrind serialises them) between ``start()`` and ``stop()``:
/// the calls, and whatever else the process did meanwhile (its timers, idle wake-ups).
public struct CallgrindProbe: Sendable {
  /// The server's process id (valgrind's, which runs the server in its own process).
  public let pid: Int32
  /// The `--callgrind-out-file` the server was started with; dumps go to `FILE.1`, `FILE.2`, ...
  public let outputFile: String

  /// A probe of the server `pid` that dumps to `outputFile`.
  public init(pid: Int32, outputFile: String) {
    self.pid = pid
    self.outputFile = outputFile
  }

  /// Turns instrumentation on and zeroes the counters.
  public func start() async throws {
    try await control("--instr=on")
    try await control("--zero")
  }

  /// Dumps the counters, turns instrumentation off again and returns the instructions counted
  /// since ``start()``.
  public func stop() async throws -> UInt64 {
    let before = dumps()
    try await control("--dump")
    try await control("--instr=off")
    guard let dump = dumps().subtracting(before).max(by: Self.dumpOrder) else {
      throw BenchError("callgrind wrote no dump for process \(pid) next to \(outputFile)")
    }
    let text = try String(contentsOfFile: dump, encoding: .utf8)
    for line in text.split(separator: "\n") where line.hasPrefix("summary:") || line.hasPrefix("totals:") {
      if let count = UInt64(line.split(separator: " ").last ?? "") { return count }
    }
    throw BenchError("no summary line in callgrind's dump \(dump)")
  }

  private func control(_ command: String) async throws {
    let status = try await BenchChild.runToEnd(["callgrind_control", command, "\(pid)"])
    guard status == 0 else {
      throw BenchError("callgrind_control \(command) \(pid) failed with status \(status)")
    }
  }

  /// The dump files written so far.
  private func dumps() -> Set<String> {
    let url = URL(fileURLWithPath: outputFile)
    let folder = url.deletingLastPathComponent().path
    let prefix = url.lastPathComponent + "."
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return Set(
      names.filter { $0.hasPrefix(prefix) && Int($0.dropFirst(prefix.count)) != nil }
        .map { (folder as NSString).appendingPathComponent($0) })
  }

  private static func dumpOrder(_ lhs: String, _ rhs: String) -> Bool {
    func number(_ path: String) -> Int { Int(path.split(separator: ".").last ?? "") ?? 0 }
    return number(lhs) < number(rhs)
  }
}
