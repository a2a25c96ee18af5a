import CLMDB
import Foundation
import NIOConcurrencyHelpers

/// Makes committed batches durable and only then answers their callers: one flush per commit on
/// the writer's path instead of two.
///
/// The store opens LMDB with `MDB_NOMETASYNC`. A commit then flushes its data pages (`fdatasync`)
/// and writes its meta page without flushing it, so when `mdb_txn_commit` returns the batch's data
/// is on disk but the meta page that makes it the newest state may not be. The batch becomes
/// durable at the next flush of the data file, whichever comes first:
/// - the flusher's own thread, which flushes (``DiskSync``) as soon as a batch waits, while the
///   writer goes on with the next batch (pipelining: batch N+1 is prepared while batch N's meta
///   page is flushed);
/// - the writer's next commit that writes pages, since LMDB flushes the data file before it
///   writes that commit's meta page, covering every meta page written before.
///
/// A batch's requests are answered (and its last change sequence published) only after one of
/// these flushes completed that began after the batch's commit returned. A crash or power loss
/// before that loses only unanswered batches; LMDB's ordering (data flushed before its meta page
/// is written, pages of the last two states never reused) keeps the file consistent, at the
/// newest meta page that reached the disk.
///
/// A batch whose commit wrote nothing (every request failed or changed nothing) waits like the
/// others: what its requests saw is the state of the commit before, durable with the next flush.
final class CommitFlusher: @unchecked Sendable {
  // Safe to share: every stored property but the constants is read and written only with
  // `condition` locked, except `thread`, written once by `start` before any batch is handed over.
  private struct Batch {
    let generation: UInt64
    let requests: [any PendingWrite]
    let lastSequence: UInt64
  }

  private let condition = NSCondition()
  private var waiting: [Batch] = []
  private var committedGeneration: UInt64 = 0
  private var durableGeneration: UInt64 = 0
  private var stopping = false
  private var finished = false
  private var flusherThread: ObjectIdentifier?
  private let stopped = DispatchSemaphore(value: 0)
  private let sync: DiskSync
  private let immediate: Bool
  private let notifier: SequenceNotifier
  private let counters: NIOLockedValueBox<WriterCounters>
  private let path: String

  /// A flusher that flushes with `sync`, or none at all when `immediate` (a store opened with
  /// ``StoreConfiguration/Durability/noSync``: batches are answered as soon as they commit).
  init(
    sync: DiskSync, immediate: Bool, notifier: SequenceNotifier, counters: NIOLockedValueBox<WriterCounters>,
    path: String
  ) {
    self.sync = sync
    self.immediate = immediate
    self.notifier = notifier
    self.counters = counters
    self.path = path
  }

  /// Starts the flusher's thread (none for an immediate flusher).
  func start() {
    guard !immediate else { return }
    NamedThread.start("store-flusher") { [self] in self.loop() }
  }

  /// Hands over a batch whose commit just returned; called on the writer thread, in commit order.
  ///
  /// `flushedData` says the commit wrote pages (and so flushed the data file before writing its
  /// meta page): every batch committed before it is durable now and is answered here, on the
  /// writer thread. This batch waits for the next flush.
  func committed(_ requests: [any PendingWrite], lastSequence: UInt64, flushedData: Bool) {
    if immediate {
      answer([Batch(generation: 0, requests: requests, lastSequence: lastSequence)])
      return
    }
    condition.lock()
    committedGeneration += 1
    let generation = committedGeneration
    if flushedData {
      durableGeneration = max(durableGeneration, generation - 1)
    }
    let ready = takeDurable()
    if ready.isEmpty == false {
      counters.withLockedValue { $0.batchesCoveredByNextCommit += UInt64(ready.count) }
    }
    waiting.append(Batch(generation: generation, requests: requests, lastSequence: lastSequence))
    condition.signal()
    condition.unlock()
    answer(ready)
  }

  /// Flushes what waits, answers it and stops the thread. Waits for the thread, unless called on
  /// it (the last reference to the store can go away while it answers a batch): then the rest is
  /// flushed and answered right here. Call it after the writer has stopped, before LMDB closes.
  func drain() {
    guard !immediate else { return }
    condition.lock()
    let onFlusherThread = flusherThread == ObjectIdentifier(Thread.current)
    let alreadyFinished = finished
    stopping = true
    condition.signal()
    condition.unlock()
    if alreadyFinished { return }
    if onFlusherThread {
      flushWaiting()
      condition.lock()
      finished = true
      condition.unlock()
    } else {
      stopped.wait()
    }
  }

  // MARK: The flusher thread

  private func loop() {
    condition.lock()
    flusherThread = ObjectIdentifier(Thread.current)
    condition.unlock()
    while true {
      condition.lock()
      while waiting.isEmpty && !stopping && !finished {
        condition.wait()
      }
      if finished || (waiting.isEmpty && stopping) {
        finished = true
        condition.unlock()
        break
      }
      condition.unlock()
      flushWaiting()
    }
    stopped.signal()
  }

  /// One flush for every batch waiting now; answers them (or fails them if the flush failed).
  private func flushWaiting() {
    condition.lock()
    let target = committedGeneration
    let anyWaiting = !waiting.isEmpty
    condition.unlock()
    guard anyWaiting else { return }
    let rc = sync.flush()
    condition.lock()
    let ready: [Batch]
    var failed: [Batch] = []
    if rc == 0 {
      durableGeneration = max(durableGeneration, target)
      ready = takeDurable()
    } else {
      ready = takeDurable()
      let count = waiting.prefix { $0.generation <= target }.count
      failed = Array(waiting.prefix(count))
      waiting.removeFirst(count)
    }
    condition.unlock()
    if rc == 0 {
      counters.withLockedValue { $0.flushes += 1 }
    }
    answer(ready)
    if !failed.isEmpty {
      let error = StoreError.commitFailure(
        rc, "flush the committed writes to disk (fdatasync); they may be lost in a crash", path: path)
      counters.withLockedValue { counters in
        for batch in failed { counters.failedRequests += UInt64(batch.requests.count) }
      }
      for batch in failed {
        for request in batch.requests { request.complete(failure: error) }
      }
    }
  }

  /// Removes and returns the batches known durable, oldest first. Call with `condition` locked.
  private func takeDurable() -> [Batch] {
    let count = waiting.prefix { $0.generation <= durableGeneration }.count
    guard count > 0 else { return [] }
    let ready = Array(waiting.prefix(count))
    waiting.removeFirst(count)
    return ready
  }

  /// Publishes the batches' last sequence, then resumes their callers: a caller that resumes sees
  /// its change in ``Store/lastSequence``.
  private func answer(_ batches: [Batch]) {
    guard let last = batches.map(\.lastSequence).max() else { return }
    notifier.publish(last)
    for batch in batches {
      for request in batch.requests {
        request.complete(failure: nil)
      }
    }
  }
}

/// How the flusher makes the data file durable: `mdb_env_sync` forced, or a test's stand-in that
/// records the order of flushes or holds one back (the crash point between a commit and the flush
/// of its meta page).
struct DiskSync: Sendable {
  /// Flushes the data file; returns 0 or an errno.
  let flush: @Sendable () -> Int32

  /// The real flush of `environment`'s data file; refuses (EBADF) once the environment closed.
  static func lmdb(_ environment: Environment) -> DiskSync {
    DiskSync {
      environment.withOpenHandle { handle in mdb_env_sync(handle, 1) } ?? EBADF
    }
  }
}

/// Stands around every flush of committed batches, for tests: it gets the real flush and returns
/// what the flush returned (or an errno of its own, or waits before flushing).
typealias FlushHook = @Sendable (_ flush: @Sendable () -> Int32) -> Int32

extension Environment {
  /// Runs `body` with LMDB's environment handle while the environment is open, holding the map
  /// lock shared so that closing waits for it; nil once it closed.
  func withOpenHandle<T>(_ body: (OpaquePointer) -> T) -> T? {
    mapLock.withShared {
      guard !isClosed else { return nil }
      return body(handle)
    }
  }
}
