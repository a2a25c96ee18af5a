import Foundation
import SimpegBenchKit

/// The command line of the performance benchmark.
struct PerformanceBenchOptions: Sendable {
  var port: Int?
  var credentials: String?
  var seconds = 5.0
  var warmup = 1.0
  var concurrency = [64, 256]
  var watchConcurrency = [1, 64]
  /// Callers of GetEmployee cells (none by default): the administrator's session, random
  /// employees of the sample.
  var readConcurrency: [Int] = []
  /// Connections the callers of a GetEmployee cell share (caller i uses connection i modulo
  /// this); 0: one per caller, as redis-benchmark opens one per client.
  var readConnections = 0
  var maxCalls = 200_000
  /// The daemon runs under callgrind: count its instructions over `countedCalls` calls per
  /// LogActivity and GetEmployee cell instead of measuring time (watch cells are skipped).
  var callgrind: CallgrindProbe?
  /// Calls per counted cell.
  var countedCalls = 2_000
  /// `table` (for people) or `tsv`: one tab-separated line per cell, for scripts that put these
  /// figures beside another system's (Tools/bench/durable).
  var format = "table"
  /// `durable` (the default: every acknowledged write flushed) or `no-sync`: the daemon's store
  /// commits without flushing (MDB_NOSYNC). Not durable; it shows the ceiling the rest of the
  /// work leaves when the disk's flushes cost nothing.
  var durability = "durable"
  /// The daemon's process, when this process started it: each LogActivity cell in `tsv` then
  /// also reports the CPU and disk writes per call of the daemon, its writer thread and this
  /// driver.
  var serverPID: pid_t?

  /// Parses `arguments`; exits with status 2 on an unknown option.
  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    var callgrindPID: Int32?
    var callgrindOut: String?
    while let argument = iterator.next() {
      let value = iterator.next() ?? ""
      switch argument {
      case "--port": port = Int(value)
      case "--credentials": credentials = value
      case "--seconds": seconds = Double(value) ?? seconds
      case "--warmup": warmup = Double(value) ?? warmup
      case "--concurrency": concurrency = value.split(separator: ",").compactMap { Int($0) }
      case "--watch-concurrency": watchConcurrency = value.split(separator: ",").compactMap { Int($0) }
      case "--read-concurrency": readConcurrency = value.split(separator: ",").compactMap { Int($0) }
      case "--read-connections": readConnections = Int(value) ?? readConnections
      case "--max-calls": maxCalls = Int(value) ?? maxCalls
      case "--callgrind-pid": callgrindPID = Int32(value)
      case "--callgrind-out": callgrindOut = value
      case "--calls": countedCalls = Int(value) ?? countedCalls
      case "--format" where ["table", "tsv"].contains(value): format = value
      case "--durability" where ["durable", "no-sync"].contains(value): durability = value
      default:
        FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
        exit(2)
      }
    }
    if let callgrindPID, let callgrindOut {
      callgrind = CallgrindProbe(pid: callgrindPID, outputFile: callgrindOut)
    }
  }

  /// The most employees any cell needs.
  var employees: Int { (concurrency + watchConcurrency).max() ?? 1 }
}
