// Measures SimpegStore: point reads, durable writes (one per transaction and group commit),
// scans and backups, on a data set of a given size. Prints "RESULT name value unit" lines that
// Tools/bench/store/run puts beside the figures of the plain-C ceiling (lmdb_ceiling.c).
//
//   simpeg-bench-store DIR ROWS SECONDS
//
// Every measurement loop stops at SECONDS of wall time or at a fixed count, whichever comes first.

import Foundation
import Logging
import SimpegStore
import SwiftProtobuf
import Synchronization

/// A fast deterministic generator per thread.
struct Xorshift {
  var state: UInt64
  mutating func next() -> UInt64 {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return state
  }
}

/// The command line: data folder, row count, seconds per measurement.
struct Settings: Sendable {
  let folder: String
  let rows: UInt64
  let window: Duration

  static func fromCommandLine() -> Settings {
    let arguments = CommandLine.arguments
    guard arguments.count == 4, let rows = UInt64(arguments[2]), rows > 0, let seconds = Double(arguments[3])
    else {
      FileHandle.standardError.write(Data("usage: simpeg-bench-store DIR ROWS SECONDS\n".utf8))
      exit(2)
    }
    return Settings(folder: arguments[1], rows: rows, window: .milliseconds(Int(seconds * 1000)))
  }
}

@main
enum Bench {
  static let table = Table<UInt64, Google_Protobuf_StringValue>(name: "rows")
  static let schema = StoreSchema(version: 1, tables: [table])
  static let logger = Logger(label: "simpeg-bench-store", factory: { _ in SwiftLogNoOpLogHandler() })
  static let settings = Settings.fromCommandLine()
  static var folder: String { settings.folder }
  static var rows: UInt64 { settings.rows }
  static var window: Duration { settings.window }

  /// Padding strings by length, so building a value costs one concatenation.
  static let paddings: [String] = (0...98).map { String(repeating: "v", count: $0) }

  /// The value every row holds: about 100 bytes of protobuf, as in the C ceiling.
  static func value(_ id: UInt64) -> Google_Protobuf_StringValue {
    var value = Google_Protobuf_StringValue()
    let text = "row-\(id)-"
    value.value = text + paddings[max(0, 98 - text.utf8.count)]
    return value
  }

  static func report(_ name: String, _ value: Double, _ unit: String) {
    print("RESULT \(name) \(String(format: "%.1f", value)) \(unit)")
  }

  static func open(_ configuration: StoreConfiguration) throws -> Store {
    try Store.open(at: folder, configuration: configuration, schema: schema, logger: logger)
  }

  /// Runs `body` on `threads` real threads until the window closes; returns operations per second.
  static func onThreads(_ threads: Int, _ body: @escaping @Sendable (Int, ContinuousClock.Instant) -> Int)
    -> Double
  {
    let total = Mutex(0)
    let group = DispatchGroup()
    let clock = ContinuousClock()
    let start = clock.now
    let deadline = start.advanced(by: window)
    for index in 0..<threads {
      group.enter()
      let thread = Thread {
        let count = body(index, deadline)
        total.withLock { $0 += count }
        group.leave()
      }
      thread.start()
    }
    group.wait()
    let elapsed = start.duration(to: clock.now)
    return Double(total.withLock { $0 })
      / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
  }

  static func secondsSince(_ start: ContinuousClock.Instant) -> Double {
    let elapsed = start.duration(to: ContinuousClock.now)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }

  /// Runs `writers` concurrent tasks doing one durable write each at a time, for the window.
  static func writeRate(_ store: Store, writers: Int) async throws -> Double {
    let start = ContinuousClock.now
    let deadline = start.advanced(by: window)
    let done = try await withThrowingTaskGroup(of: Int.self) { group in
      for writer in 0..<writers {
        group.addTask {
          var generator = Xorshift(state: UInt64(writer) &* 0x9E37_79B9 | 1)
          var count = 0
          while ContinuousClock.now < deadline && count < 5_000_000 {
            let id = generator.next() % rows + 1
            try await store.write { txn in try table.put(value(id), for: id, in: txn) }
            count += 1
          }
          return count
        }
      }
      return try await group.reduce(0, +)
    }
    return Double(done) / secondsSince(start)
  }

  static func main() async throws {
    _ = settings

    // Load the data set in large transactions.
    do {
      let store = try open(StoreConfiguration(mapSize: 1 << 30))
      let loadStart = ContinuousClock.now
      let chunk: UInt64 = 10_000
      var next: UInt64 = 1
      while next <= rows {
        let first = next
        let last = min(rows, next + chunk - 1)
        try await store.write { txn in
          for id in first...last { try table.put(value(id), for: id, in: txn) }
        }
        next = last + 1
      }
      report("load", Double(rows) / secondsSince(loadStart), "rows/s")
      store.close()
    }

    let store = try open(StoreConfiguration(mapSize: 1 << 30))

    // Point reads: one read transaction per lookup, random keys.
    for threads in [1, 2] {
      let rate = onThreads(threads) { index, deadline in
        var generator = Xorshift(state: UInt64(index + 1) &* 0x2545_F491_4F6C_DD1D)
        var count = 0
        var found = 0
        while count < 100_000_000 {
          for _ in 0..<256 {
            let id = generator.next() % rows + 1
            if (try? store.read({ try table.get(id, in: $0) })) != nil { found += 1 }
          }
          count += 256
          if ContinuousClock.now >= deadline { break }
        }
        precondition(found == count, "a point read missed")
        return count
      }
      report("reads_\(threads)t", rate, "reads/s")
    }

    // Scan: every row, decoded.
    do {
      let start = ContinuousClock.now
      let scanned = try store.read { txn in
        var count = 0
        try table.forEach(in: txn) { _ in
          count += 1
          return count % 65_536 != 0
            || ContinuousClock.now.duration(to: start.advanced(by: window * 4)) > .zero
        }
        return count
      }
      report("scan", Double(scanned) / secondsSince(start), "rows/s")
    }

    // Backup to a file.
    do {
      let file = folder + "-backup.mdb"
      try? FileManager.default.removeItem(atPath: file)
      let start = ContinuousClock.now
      let manifest = try await store.backup(to: file)
      let elapsed = secondsSince(start)
      report("backup", Double(manifest.sizeBytes) / elapsed / 1e6, "MB/s")
      try? FileManager.default.removeItem(atPath: file)
    }
    store.close()

    // Durable writes, one request per transaction (group commit off), one writer.
    do {
      let single = try open(StoreConfiguration(mapSize: 1 << 30, maxBatchSize: 1))
      report("writes_per_txn", try await writeRate(single, writers: 1), "writes/s")
      single.close()
    }

    // Durable writes with group commit at rising concurrency.
    do {
      let grouped = try open(StoreConfiguration(mapSize: 1 << 30, maxBatchSize: 256))
      for writers in [1, 16, 64, 256] {
        report("writes_group_\(writers)", try await writeRate(grouped, writers: writers), "writes/s")
      }
      let stats = try grouped.stats()
      report("largest_batch", Double(stats.largestBatch), "requests")
      grouped.close()
    }

  }
}
