import Foundation
import NIOConcurrencyHelpers

/// One element of a streamed backup: a chunk of the file, or the trailer after the last chunk.
public enum BackupStreamElement: Sendable, Hashable {
  /// The next bytes of the backup file.
  case chunk([UInt8])
  /// The end: the file's total size and SHA-256 (lower-case hex).
  case end(sizeBytes: Int, sha256: String)
}

/// A streamed backup: an async sequence of ``BackupStreamElement``s (see ``Store/backupStream(chunkSize:)``).
///
/// Iterate it once. The copy runs on threads of its own and waits while the consumer is slow,
/// but not forever: a consumer that takes no chunk for the stall timeout
/// (``StoreConfiguration/backupStallTimeout``) gets ``StoreError/Kind/backupAbandoned`` and the
/// copy ends, releasing its read transaction. Map growth that waits too long and closing the
/// store abandon it the same way.
public struct BackupStream: AsyncSequence, Sendable {
  /// The element type.
  public typealias Element = BackupStreamElement

  let environment: Environment
  let chunkSize: Int
  let stallTimeout: Duration

  /// Starts the copy and returns the iterator over its chunks.
  public func makeAsyncIterator() -> Iterator {
    let channel = ChunkChannel(capacity: 4, stallTimeout: stallTimeout)
    let environment = self.environment
    let chunkSize = self.chunkSize
    let copy = environment.backups.begin()
    copy.onAbandon { reason in
      channel.cancel(failure: StoreError(.backupAbandoned, "the backup was abandoned: \(reason)"))
    }
    channel.onStall { seconds in
      copy.abandon("its reader took no data for \(seconds) s; run the backup again")
    }
    NamedThread.start("backup-stream") {
      defer { environment.backups.end(copy) }
      do {
        let result = try HotCopy.run(environment, chunkSize: chunkSize, copy: copy) { chunk in
          channel.push(.chunk(chunk))
        }
        _ = channel.push(.end(sizeBytes: result.sizeBytes, sha256: result.sha256))
        channel.finish(failure: nil)
      } catch {
        channel.finish(failure: error)
      }
    }
    return Iterator(channel: channel, copy: copy)
  }

  /// Pulls chunks from the copy; dropping it lets the copy finish in the background.
  public struct Iterator: AsyncIteratorProtocol, Sendable {
    private let owner: IteratorOwner

    init(channel: ChunkChannel, copy: BackupRegistry.Copy) {
      owner = IteratorOwner(channel: channel, copy: copy)
    }

    /// The next element, nil after the trailer; throws the copy's error.
    public mutating func next() async throws -> BackupStreamElement? {
      try await owner.channel.next()
    }

    /// Waits until the copy is abandoned (by map growth, the stall timeout or closing the store)
    /// and returns why; nil when the waiting task is cancelled first. A consumer that waits on
    /// something else meanwhile (the network, say) races it with this, so an abandoned copy
    /// ends its call at once instead of when that wait ends.
    public func abandonment() async -> String? {
      await owner.abandonment()
    }
  }
}

/// Tells the producer to stop handing over chunks when the iterator goes away.
private final class IteratorOwner: Sendable {
  let channel: ChunkChannel
  private let waiters = NIOLockedValueBox(Waiters())

  /// Tasks waiting for the copy's abandonment, and its reason once it came.
  private struct Waiters {
    var reason: String?
    var next = 0
    var waiting: [Int: CheckedContinuation<String?, Never>] = [:]
    var cancelled: Set<Int> = []
  }

  init(channel: ChunkChannel, copy: BackupRegistry.Copy) {
    self.channel = channel
    copy.onAbandon { [waiters] reason in
      let woken = waiters.withLockedValue { state in
        state.reason = reason
        defer { state.waiting.removeAll() }
        return Array(state.waiting.values)
      }
      for waiter in woken { waiter.resume(returning: reason) }
    }
  }

  func abandonment() async -> String? {
    let id = waiters.withLockedValue { state in
      defer { state.next += 1 }
      return state.next
    }
    return await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
        let now: String?? = waiters.withLockedValue { state in
          if let reason = state.reason { return .some(reason) }
          if state.cancelled.remove(id) != nil { return .some(nil) }
          state.waiting[id] = continuation
          return .none
        }
        if let now { continuation.resume(returning: now) }
      }
    } onCancel: {
      let waiter = waiters.withLockedValue { state in
        guard let waiter = state.waiting.removeValue(forKey: id) else {
          if state.reason == nil { state.cancelled.insert(id) }
          return nil as CheckedContinuation<String?, Never>?
        }
        return waiter
      }
      waiter?.resume(returning: nil)
    }
  }

  deinit {
    channel.cancel()
  }
}

/// A bounded hand-over from a producer thread (which blocks when full, up to a stall timeout) to
/// an async consumer.
final class ChunkChannel: @unchecked Sendable {
  // Safe to share: every mutable field is read and written only with `condition` locked, and each
  // continuation is resumed exactly once, after being taken out of `waiting` under the lock.
  private let condition = NSCondition()
  private let capacity: Int
  private let stallTimeout: Duration
  private var buffer: [BackupStreamElement] = []
  private var finished = false
  private var failure: (any Error)?
  private var cancelled = false
  private var waiting: CheckedContinuation<BackupStreamElement?, any Error>?
  private var stallHandler: (@Sendable (Int64) -> Void)?

  init(capacity: Int, stallTimeout: Duration) {
    self.capacity = capacity
    self.stallTimeout = stallTimeout
  }

  /// Sets what happens when the consumer takes nothing for the stall timeout (before pushing).
  func onStall(_ handler: @escaping @Sendable (_ seconds: Int64) -> Void) {
    condition.lock()
    stallHandler = handler
    condition.unlock()
  }

  /// Hands over an element, blocking while the buffer is full; false once the consumer is gone
  /// or has taken nothing for the stall timeout.
  func push(_ element: BackupStreamElement) -> Bool {
    condition.lock()
    let seconds = Double(stallTimeout.components.seconds) + Double(stallTimeout.components.attoseconds) / 1e18
    let deadline = Date(timeIntervalSinceNow: seconds)
    while buffer.count >= capacity && !cancelled {
      if !condition.wait(until: deadline) && buffer.count >= capacity && !cancelled {
        let handler = stallHandler
        condition.unlock()
        handler?(stallTimeout.components.seconds)
        condition.lock()
        cancelled = true
      }
    }
    if cancelled {
      condition.unlock()
      return false
    }
    if let consumer = waiting {
      waiting = nil
      condition.unlock()
      consumer.resume(returning: element)
      return true
    }
    buffer.append(element)
    condition.unlock()
    return true
  }

  /// Ends the sequence, with an error or normally.
  func finish(failure: (any Error)?) {
    condition.lock()
    finished = true
    if self.failure == nil { self.failure = failure }
    let consumer = waiting
    waiting = nil
    condition.unlock()
    if let consumer {
      if let failure { consumer.resume(throwing: failure) } else { consumer.resume(returning: nil) }
    }
  }

  /// Stops the hand-over; the producer's next push returns false. With a `failure`, the consumer
  /// gets it (instead of a cancellation) from its next call to ``next()``.
  func cancel(failure: (any Error)? = nil) {
    condition.lock()
    cancelled = true
    if let failure, self.failure == nil { self.failure = failure }
    let consumer = waiting
    let error = failureOrCancellation
    waiting = nil
    condition.broadcast()
    condition.unlock()
    consumer?.resume(throwing: error)
  }

  /// What a consumer gets once the hand-over was cancelled (read with `condition` locked).
  private var failureOrCancellation: any Error { failure ?? CancellationError() }

  /// The next element, suspending until the producer hands one over.
  func next() async throws -> BackupStreamElement? {
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<BackupStreamElement?, any Error>) in
        condition.lock()
        if !buffer.isEmpty {
          let element = buffer.removeFirst()
          condition.broadcast()
          condition.unlock()
          continuation.resume(returning: element)
        } else if finished || cancelled {
          let failure = cancelled ? failureOrCancellation : self.failure
          condition.unlock()
          if let failure {
            continuation.resume(throwing: failure)
          } else {
            continuation.resume(returning: nil)
          }
        } else {
          waiting = continuation
          condition.unlock()
        }
      }
    } onCancel: {
      cancel()
    }
  }
}
