import Foundation
import Logging

/// The command line of the growth benchmark.
struct GrowthOptions: Sendable {
  var sizes = [1_000, 10_000, 100_000, 1_000_000]
  var activitiesPerEmployee = 10
  var seconds = 5.0
  var warmup = 1.0
  var concurrency = 4
  var maxCalls = 200_000
  var supervisors = 16
  var unitSize = 50
  var year = Calendar(identifier: .gregorian).dateComponents(
    in: TimeZone(secondsFromGMT: 7 * 3600)!, from: Date()
  ).year!
  var data: String?
  var port: Int?
  var credentials: String?

  /// Parses `arguments`; exits with status 2 on an unknown option.
  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
      let value = iterator.next() ?? ""
      switch argument {
      case "--sizes": sizes = value.split(separator: ",").compactMap { Int($0) }
      case "--employees": sizes = [Int(value) ?? 0]
      case "--activities-per-employee": activitiesPerEmployee = Int(value) ?? activitiesPerEmployee
      case "--seconds": seconds = Double(value) ?? seconds
      case "--warmup": warmup = Double(value) ?? warmup
      case "--concurrency": concurrency = Int(value) ?? concurrency
      case "--max-calls": maxCalls = Int(value) ?? maxCalls
      case "--supervisors": supervisors = Int(value) ?? supervisors
      case "--unit-size": unitSize = Int(value) ?? unitSize
      case "--year": year = Int(value) ?? year
      case "--data": data = value
      case "--port": port = Int(value)
      case "--credentials": credentials = value
      default:
        FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
        exit(2)
      }
    }
    if sizes.isEmpty || sizes.contains(where: { $0 < 2 * unitSize }) {
      FileHandle.standardError.write(
        Data("--sizes needs sizes of at least two units (\(2 * unitSize))\n".utf8))
      exit(2)
    }
  }
}

/// Prints a line and flushes at once, so a parent process sees it.
func emit(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Prints a progress line on standard error.
func note(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// A set-up failure.
struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// The store's logger while writing: errors only.
let quietLogger: Logger = {
  var logger = Logger(label: "simpeg.bench.growth")
  logger.logLevel = .error
  return logger
}()
