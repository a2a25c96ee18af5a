import CLMDB
import Foundation
import Logging
import NIOConcurrencyHelpers

/// Counters the writer keeps for ``StoreStats``.
struct WriterCounters: Sendable {
  var commits: UInt64 = 0
  var committedRequests: UInt64 = 0
  var failedRequests: UInt64 = 0
  var mapResizes: UInt64 = 0
  var largestBatch: Int = 0
  var isolatedRetries: UInt64 = 0
  /// Flushes made by the flusher's thread (each making the batches before it durable).
  var flushes: UInt64 = 0
  /// Batches made durable by the data flush of the next commit instead.
  var batchesCoveredByNextCommit: UInt64 = 0
}

/// The one thread that runs every write transaction, batching concurrent requests (group commit).
///
/// Requests queue up while a batch commits; the next batch takes up to `maxBatchSize` of them into
/// one LMDB transaction and commits once (one fsync). If a request throws, the batch is rolled back
/// and run again with each request in a nested transaction of its own, so that request fails alone.
/// A committed batch goes to the ``CommitFlusher``, which resumes its callers once the batch's meta
/// page is flushed too, while this thread goes on with the next batch. MDB_MAP_FULL from any put
/// or from the commit aborts the whole batch, grows the map with no transaction open, and runs the
/// batch again.
final class Writer: @unchecked Sendable {
  // Safe to share: `queue` and `accepting` are only touched with `condition` locked;
  // `lastSequence` and `thread` are only touched by the writer thread once it runs (before that,
  // by the opening thread, which starts the thread afterwards: Thread.start orders the accesses);
  // the counters are behind a lock.
  private let condition = NSCondition()
  private var queue: [any PendingWrite] = []
  private var accepting = true
  private let environment: Environment
  private let maxBatchSize: Int
  private let readerCheckInterval: Duration
  private let notifier: SequenceNotifier
  private let identity: IdentityKeeper
  private let logger: Logger
  private var lastSequence: UInt64
  private let stopped = DispatchSemaphore(value: 0)
  private let writerThread = NIOLockedValueBox<ObjectIdentifier?>(nil)
  private var transactionOpen = false  // writer thread only
  private let recordCache = DecodedRecordCache()  // writer thread only
  let counters = NIOLockedValueBox(WriterCounters())
  /// Answers committed batches once they are durable.
  let flusher: CommitFlusher

  init(
    environment: Environment, configuration: StoreConfiguration, lastSequence: UInt64,
    notifier: SequenceNotifier, identity: IdentityKeeper, diskSync: DiskSync, logger: Logger
  ) {
    self.identity = identity
    self.environment = environment
    self.maxBatchSize = configuration.maxBatchSize
    self.readerCheckInterval = configuration.readerCheckInterval
    self.lastSequence = lastSequence
    self.notifier = notifier
    self.logger = logger
    self.flusher = CommitFlusher(
      sync: diskSync, immediate: configuration.durability == .noSync, notifier: notifier, counters: counters,
      path: environment.path)
  }

  /// Starts the writer thread and the flusher's.
  func start() {
    flusher.start()
    NamedThread.start("store-writer") { [self] in self.loop() }
  }

  /// Queues a request; throws ``StoreError/Kind/closed`` once the writer stopped accepting.
  func submit(_ request: any PendingWrite) throws(StoreError) {
    condition.lock()
    defer { condition.unlock() }
    guard accepting else {
      throw StoreError(.closed, "the store at \(environment.path) is closed and takes no more writes")
    }
    queue.append(request)
    condition.signal()
  }

  /// How many requests wait for the next batch.
  var pendingCount: Int {
    condition.lock()
    defer { condition.unlock() }
    return queue.count
  }

  /// Stops accepting requests, lets the writer finish every queued one, and waits for its thread.
  ///
  /// Called on the writer thread itself (the last reference to a store can go away there, when a
  /// finished request releases its closure), it does not wait: the loop ends after the current
  /// batch, and no transaction is open while requests are completed.
  func stopAndDrain() {
    condition.lock()
    let wasAccepting = accepting
    accepting = false
    condition.signal()
    condition.unlock()
    let onWriterThread = writerThread.withLockedValue { $0 == ObjectIdentifier(Thread.current) }
    precondition(
      !(onWriterThread && transactionOpen),
      "Store.close() was called inside a write closure; close the store outside its transactions")
    if wasAccepting && !onWriterThread {
      stopped.wait()
    }
  }

  // MARK: The writer thread

  private func loop() {
    writerThread.withLockedValue { $0 = ObjectIdentifier(Thread.current) }
    let clock = ContinuousClock()
    var nextReaderCheck = clock.now.advanced(by: readerCheckInterval)
    while true {
      condition.lock()
      while queue.isEmpty && accepting && clock.now < nextReaderCheck {
        let wait = clock.now.duration(to: nextReaderCheck)
        let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
        _ = condition.wait(until: Date(timeIntervalSinceNow: max(seconds, 0.001)))
      }
      if queue.isEmpty && !accepting {
        condition.unlock()
        break
      }
      let count = min(queue.count, maxBatchSize)
      let batch = Array(queue.prefix(count))
      queue.removeFirst(count)
      condition.unlock()

      if clock.now >= nextReaderCheck && !environment.isClosed {
        environment.checkReaders()
        recordIdentity()
        nextReaderCheck = clock.now.advanced(by: readerCheckInterval)
      }
      if !batch.isEmpty {
        run(batch)
        growAheadIfDue()
      }
    }
    stopped.signal()
  }

  /// Grows the map between batches once it is more than half used and no backup holds it, so
  /// that a growth forced by a full map (which may have to abandon a backup) stays rare.
  private func growAheadIfDue() {
    guard !environment.isClosed, environment.shouldGrowAhead else { return }
    do {
      try environment.growMap()
      counters.withLockedValue { $0.mapResizes += 1 }
    } catch {
      logger.warning("could not grow the map ahead of need", metadata: ["error": "\(error)"])
    }
  }

  /// Writes the last committed sequence to the folder's identity file when it moved. Called on
  /// the writer thread between batches, and by `close` once the writer has stopped.
  func recordIdentity() {
    if let error = identity.record(notifier.last) {
      logger.warning("could not update the store identity file", metadata: ["error": "\(error)"])
    }
  }

  private enum Attempt {
    /// `flushedData`: the commit wrote pages, flushing the data file before its meta page.
    case committed(lastSequence: UInt64, succeeded: Int, flushedData: Bool)
    case mapFull
    /// A request threw while the batch shared one transaction: run it again with isolation.
    case needsIsolation
  }

  /// Runs a batch to the end: commits it (growing the map as often as needed) or fails it whole.
  private func run(_ requests: [any PendingWrite]) {
    // Only possible when the store was closed on this thread (see stopAndDrain).
    guard !environment.isClosed else {
      fail(
        requests, with: StoreError(.closed, "the store at \(environment.path) closed before this write ran"))
      return
    }
    var growths = 0
    var isolated = false
    while true {
      let attempt: Attempt
      do {
        attempt = try self.attempt(requests, isolated: isolated)
      } catch {
        fail(requests, with: error)
        return
      }
      switch attempt {
      case .committed(let last, let succeeded, let flushedData):
        let failed = requests.count - succeeded
        counters.withLockedValue { counters in
          if succeeded > 0 { counters.commits += 1 }
          counters.committedRequests += UInt64(succeeded)
          counters.failedRequests += UInt64(failed)
          counters.largestBatch = max(counters.largestBatch, requests.count)
        }
        lastSequence = max(lastSequence, last)
        // Answered once durable: published and resumed by the flusher (or here, for the batches
        // before this one when this commit flushed the data file).
        flusher.committed(requests, lastSequence: lastSequence, flushedData: flushedData)
        return
      case .needsIsolation:
        isolated = true
        counters.withLockedValue { $0.isolatedRetries += 1 }
      case .mapFull:
        // Bounded: each growth doubles the map, so 64 of them exceed any address space.
        guard growths < 64 else {
          fail(
            requests, with: StoreError(.mapFull, "the map stayed full after 64 growths", code: MDB_MAP_FULL))
          return
        }
        do {
          try environment.growMap()
          growths += 1
          counters.withLockedValue { $0.mapResizes += 1 }
        } catch {
          fail(requests, with: error)
          return
        }
      }
    }
  }

  private func fail(_ requests: [any PendingWrite], with error: StoreError) {
    logger.error(
      "write batch failed", metadata: ["requests": "\(requests.count)", "error": "\(error)"])
    counters.withLockedValue { $0.failedRequests += UInt64(requests.count) }
    for request in requests {
      request.complete(failure: error)
    }
  }

  /// One try at a batch: one transaction and one commit.
  ///
  /// Not isolated, every request runs straight in the batch's transaction: the cheap path, since
  /// LMDB's nested transactions allocate megabytes of bookkeeping each. If any request throws, the
  /// whole transaction is aborted and the batch runs again isolated: each request in a nested
  /// transaction of its own, so the one that throws is rolled back alone. A lone request never
  /// needs isolation: its failure simply aborts the transaction.
  private func attempt(_ requests: [any PendingWrite], isolated: Bool) throws(StoreError) -> Attempt {
    let parent = try environment.beginWrite(parent: nil)
    var parentOpen = true
    transactionOpen = true
    defer {
      if parentOpen { mdb_txn_abort(parent) }
      transactionOpen = false
    }
    let batch = BatchContext(nextSequence: lastSequence + 1, recordCache: recordCache)
    var succeeded = 0

    if !isolated || requests.count == 1 {
      for request in requests {
        // A transaction object per request, so each sees only its own assigned sequence.
        let transaction = WriteTransaction(handle: parent, environment: environment, batch: batch)
        let ok = request.run(transaction)
        transaction.end()
        if batch.mapFull { return .mapFull }
        if !ok {
          if requests.count > 1 { return .needsIsolation }
          return .committed(lastSequence: lastSequence, succeeded: 0, flushedData: false)
        }
        succeeded += 1
      }
    } else {
      for request in requests {
        let child = try environment.beginWrite(parent: parent)
        let transaction = WriteTransaction(handle: child, environment: environment, batch: batch)
        let sequenceBefore = batch.nextSequence
        let statesBefore = batch.states
        let ok = request.run(transaction)
        transaction.end()
        if batch.mapFull {
          mdb_txn_abort(child)
          return .mapFull
        }
        if ok {
          let rc = mdb_txn_commit(child)
          if rc == MDB_MAP_FULL { return .mapFull }
          try checkLMDB(rc, "commit a nested write transaction")
          succeeded += 1
        } else {
          mdb_txn_abort(child)
          batch.nextSequence = sequenceBefore
          batch.states = statesBefore
        }
      }
      if succeeded == 0 { return .committed(lastSequence: lastSequence, succeeded: 0, flushedData: false) }
    }

    do {
      try batch.saveStates(handle: parent, environment: environment)
    } catch  where batch.mapFull {
      return .mapFull
    }
    let last = batch.nextSequence - 1
    if last != lastSequence {
      let meta = WriteTransaction(handle: parent, environment: environment, batch: batch)
      defer { meta.end() }
      do {
        try Meta.write(Meta.lastSequenceKey, last, in: meta)
      } catch  where batch.mapFull {
        return .mapFull
      }
    }
    parentOpen = false
    let transactionID = mdb_txn_id(parent)
    let rc = mdb_txn_commit(parent)
    if rc == MDB_MAP_FULL { return .mapFull }
    if rc != 0 {
      throw StoreError.commitFailure(
        rc, "commit a write batch of \(requests.count) requests", path: environment.path)
    }
    // LMDB writes a meta page only for a commit that wrote pages, after flushing the data file.
    let flushedData = environment.info().me_last_txnid == transactionID
    return .committed(lastSequence: last, succeeded: succeeded, flushedData: flushedData)
  }
}
