import CLMDB
import Foundation
import Logging
import NIOConcurrencyHelpers

/// What warming a store's tables did.
public struct StoreWarmingReport: Sendable, Hashable {
  /// The LMDB databases read (tables and their indexes), in order.
  public var databases: [String]
  /// Entries walked.
  public var entries: Int
  /// Bytes of keys and values walked.
  public var bytes: Int
  /// Read transactions used.
  public var transactions: Int
  /// The longest of them: how long warming held off the map's growth at most.
  public var longestTransaction: Duration
  /// From the start of warming to its end.
  public var duration: Duration
  /// A sum of the bytes touched, so that no read can be left out as unused.
  var touched: UInt64 = 0
}

/// Where warming a store stands.
public enum StoreWarmingState: Sendable, Hashable {
  /// Not asked for.
  case notStarted
  /// Reading, on its own thread.
  case running
  /// Every database was read once.
  case finished(StoreWarmingReport)
  /// Stopped early: the store closed, or a read failed (the reason says which); the store is
  /// unaffected, its pages are simply read on demand.
  case stopped(String)
}

/// The warming state a store carries (``Store/warming``).
final class StoreWarmer: Sendable {
  let state = NIOLockedValueBox<StoreWarmingState>(.notStarted)
}

extension Store {
  /// Reads the named tables, with their indexes, once from start to end on a background
  /// thread, so that their pages are in memory before calls need them.
  ///
  /// After a start on a large store the first reads of a page fault it in, from the disk when
  /// the page cache no longer holds it: the first calls after a restart are slow where the tables
  /// are large. Warming walks each database in key order (so the disk reads ahead) and touches
  /// every value, on a thread of its own, so the caller is not delayed (the daemon is ready at
  /// once) and no thread of Swift's cooperative pool waits on the disk.
  ///
  /// It reads in short read transactions: each ends after ``warmingTransactionEntries`` entries
  /// or ``warmingTransactionTime``, whichever comes first (checked after every entry), so it
  /// holds off the map's growth (which needs every transaction closed) for no longer than that
  /// plus one page fault, or the time the thread is not scheduled on a busy machine (which is
  /// why it keeps its normal priority: a lowered one would be preempted more while it holds a
  /// transaction). ``StoreWarmingReport/longestTransaction`` says what it came to. Warming stops
  /// when the store closes. Calling it again while it runs, or after, does nothing. Progress and
  /// the result: ``warming``.
  public func warmInBackground(_ tables: [String], logger: Logger) {
    let started = warmer.state.withLockedValue { state -> Bool in
      guard case .notStarted = state else { return false }
      state = .running
      return true
    }
    guard started else { return }
    let databases = tables.flatMap { name -> [String] in
      schema.tables.first { $0.name == name }?.databaseNames ?? [name]
    }
    let (warmer, pageSize) = (self.warmer, environment.pageSize())
    // Weakly: a store let go while it warms is closed (its deinit) rather than kept open.
    NamedThread.start("store-warming") { [weak self] in
      let outcome = Self.warm(databases, pageSize: pageSize) { self }
      warmer.state.withLockedValue { $0 = outcome }
      switch outcome {
      case .finished(let report):
        logger.info(
          "store warmed",
          metadata: [
            "databases": "\(report.databases.count)", "entries": "\(report.entries)",
            "bytes": "\(report.bytes)", "seconds": "\(report.duration.seconds)",
            "transactions": "\(report.transactions)",
            "longestTransactionMs": "\(report.longestTransaction.seconds * 1_000)",
          ])
      case .stopped(let reason):
        logger.notice("store warming stopped", metadata: ["reason": "\(reason)"])
      case .notStarted, .running:
        break
      }
    }
  }

  /// Where warming stands (``warmInBackground(_:logger:)``).
  public var warming: StoreWarmingState { warmer.state.withLockedValue { $0 } }

  /// Entries one warming transaction walks at most.
  public static let warmingTransactionEntries = 4_096
  /// How long one warming transaction lasts at most (checked after every entry).
  public static let warmingTransactionTime = Duration.milliseconds(2)

  /// Walks `databases` in short transactions, holding the store (`store()`, nil once it is let
  /// go) only for each of them; the outcome to record.
  private static func warm(
    _ databases: [String], pageSize: Int, store: () -> Store?
  ) -> StoreWarmingState {
    let clock = ContinuousClock()
    let start = clock.now
    var report = StoreWarmingReport(
      databases: databases, entries: 0, bytes: 0, transactions: 0, longestTransaction: .zero, duration: .zero)
    do {
      for name in databases {
        var resumeAfter: [UInt8]?
        var done = false
        // Bounded: every pass walks at least one entry further, or ends the database.
        while !done {
          guard let store = store(), !store.environment.isClosed else { return .stopped("the store closed") }
          let began = clock.now
          try store.read { transaction in
            let dbi = try transaction.database(name)
            var walked = 0
            done = true
            try transaction.walk(
              dbi, lower: nil, upper: nil, direction: .forward, after: resumeAfter, table: name
            ) { key, value in
              walked += 1
              report.bytes += key.count + value.count
              // One byte of each page the value spans (values larger than a page live on
              // overflow pages of their own).
              var offset = 0
              while offset < value.count {
                report.touched &+= UInt64(value[offset])
                offset += pageSize
              }
              if walked >= warmingTransactionEntries || clock.now - began >= warmingTransactionTime {
                resumeAfter = Array(key)
                done = false
                return false
              }
              return true
            }
            report.entries += walked
          }
          report.transactions += 1
          report.longestTransaction = max(report.longestTransaction, clock.now - began)
        }
      }
    } catch let error as StoreError where error.kind == .closed {
      return .stopped("the store closed")
    } catch {
      return .stopped("a read failed: \(error)")
    }
    report.duration = clock.now - start
    return .finished(report)
  }
}

extension Duration {
  /// The duration in seconds.
  fileprivate var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
