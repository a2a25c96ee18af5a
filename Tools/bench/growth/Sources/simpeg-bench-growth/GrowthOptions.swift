import Foundation
import Logging
import SimpegBenchKit

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
  /// `drop` (default): evict the data folder's files from the page cache before the daemon
  /// starts, so that its first reads come from the disk as after a reboot; `keep`: leave what the
  /// writing left in memory.
  var pageCache = "drop"
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
      case "--page-cache" where ["drop", "keep"].contains(value): pageCache = value
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

/// Prints a progress line on standard error.
func note(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// The store's logger while writing: errors only.
let quietLogger: Logger = {
  var logger = Logger(label: "simpeg.bench.growth")
  logger.logLevel = .error
  return logger
}()
