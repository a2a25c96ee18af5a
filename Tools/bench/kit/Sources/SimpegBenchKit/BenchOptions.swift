import Foundation

/// The command line every RPC benchmark side shares: `serve`, or `drive --port P` with the
/// cells to measure, so both sides of a comparison are driven identically.
public struct BenchOptions: Sendable {
  /// The server's port (drive).
  public var port: Int?
  /// Measured seconds per cell.
  public var seconds = 3.0
  /// Concurrent calls per cell.
  public var concurrency = [1, 16, 64, 256]
  /// Connections per cell.
  public var connections = [1, 4]
  /// Request payload bytes.
  public var payload = 64
  /// Machine-readable rows: connections, concurrency, calls/s, p50 µs, p99 µs, errors.
  public var tsv = false
  /// The server runs under callgrind: count its instructions over ``countedCalls`` calls per
  /// cell instead of measuring time (see ``CallgrindProbe``).
  public var callgrind: CallgrindProbe?
  /// Calls per cell when counting instructions.
  public var countedCalls = 20_000

  /// Parses `arguments`; exits with status 2 on an unknown option.
  public init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    var callgrindPID: Int32?
    var callgrindOut: String?
    while let argument = iterator.next() {
      if argument == "--tsv" {
        tsv = true
        continue
      }
      let value = iterator.next() ?? ""
      switch argument {
      case "--port": port = Int(value)
      case "--seconds": seconds = Double(value) ?? seconds
      case "--concurrency": concurrency = value.split(separator: ",").compactMap { Int($0) }
      case "--connections": connections = value.split(separator: ",").compactMap { Int($0) }
      case "--payload": payload = Int(value) ?? payload
      case "--callgrind-pid": callgrindPID = Int32(value)
      case "--callgrind-out": callgrindOut = value
      case "--calls": countedCalls = Int(value) ?? countedCalls
      default:
        FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
        exit(2)
      }
    }
    if let callgrindPID, let callgrindOut {
      callgrind = CallgrindProbe(pid: callgrindPID, outputFile: callgrindOut)
    }
  }

  /// One row of results, as a table line or a TSV line.
  public func row(connections: Int, concurrency: Int, result: LoadRun.Result) -> String {
    String(
      format: tsv ? "%d\t%d\t%.0f\t%d\t%d\t%d" : "%11d  %11d  %11.0f  %9d  %9d  %7d",
      connections, concurrency, result.callsPerSecond, result.micros(50), result.micros(99),
      result.errors)
  }

  /// Measures one cell of `concurrency` callers over `connections` making `call`, and returns
  /// its row: timed (``row(connections:concurrency:result:)``: 0.5 s warm-up, then ``seconds``),
  /// or, when the server runs under callgrind, counted: 2,000 calls to warm the server's code
  /// paths, then exactly ``countedCalls`` calls with the server's instructions counted, as
  /// `connections  concurrency  calls  errors  instructions  instructions-per-call`.
  public func measure(
    connections: Int, concurrency: Int, _ call: @escaping @Sendable () async throws -> Void
  ) async throws -> String {
    guard let callgrind else {
      let run = LoadRun(
        concurrency: concurrency, duration: .milliseconds(Int(seconds * 1000)), warmup: .milliseconds(500),
        maxCalls: 50_000_000)
      let result = await run.run(call)
      if let first = result.firstError {
        // The table counts failures; stderr says what they were.
        FileHandle.standardError.write(
          Data(
            "\(connections)x\(concurrency): \(result.errors) calls failed, the first with: \(first)\n".utf8))
      }
      return row(connections: connections, concurrency: concurrency, result: result)
    }
    let result = try await LoadRun.counted(
      countedCalls, concurrency: concurrency, warmupCalls: 2_000, by: callgrind
    ) { _ in try await call() }
    return [
      "\(connections)", "\(concurrency)", "\(result.calls)", "\(result.errors)", "\(result.instructions)",
      "\(result.instructions / max(1, result.calls))",
    ].joined(separator: "\t")
  }

  /// The table header for people (nothing in TSV mode).
  public func header(_ title: String) -> [String] {
    tsv
      ? []
      : [
        "\(title), \(payload)-byte payload, \(seconds) s per cell",
        "connections  concurrency      calls/s     p50 us     p99 us   errors",
      ]
  }
}

/// Prints a line and flushes at once, so a parent process sees it.
public func emit(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
