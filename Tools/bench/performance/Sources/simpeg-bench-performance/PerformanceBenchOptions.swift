import Foundation

/// The command line of the performance benchmark.
struct PerformanceBenchOptions: Sendable {
  var port: Int?
  var credentials: String?
  var seconds = 5.0
  var warmup = 1.0
  var concurrency = [64, 256]
  var watchConcurrency = [1, 64]
  var maxCalls = 200_000
  /// `table` (for people) or `tsv`: one tab-separated line per cell, for scripts that put these
  /// figures beside another system's (Tools/bench/durable).
  var format = "table"

  /// Parses `arguments`; exits with status 2 on an unknown option.
  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
      let value = iterator.next() ?? ""
      switch argument {
      case "--port": port = Int(value)
      case "--credentials": credentials = value
      case "--seconds": seconds = Double(value) ?? seconds
      case "--warmup": warmup = Double(value) ?? warmup
      case "--concurrency": concurrency = value.split(separator: ",").compactMap { Int($0) }
      case "--watch-concurrency": watchConcurrency = value.split(separator: ",").compactMap { Int($0) }
      case "--max-calls": maxCalls = Int(value) ?? maxCalls
      case "--format" where ["table", "tsv"].contains(value): format = value
      default:
        FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
        exit(2)
      }
    }
  }

  /// The most employees any cell needs.
  var employees: Int { (concurrency + watchConcurrency).max() ?? 1 }
}

/// Prints a line and flushes at once, so a parent process sees it.
func emit(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
