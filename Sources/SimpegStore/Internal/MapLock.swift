import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The lock that keeps map resizing apart from every open transaction in the process, without
/// ever making a reader wait for a resizer that is itself waiting.
///
/// LMDB can resize its map (`mdb_env_set_mapsize`) only while no transaction is open in the
/// process, so every read transaction, and a backup's copy, holds this lock shared, and the
/// writer takes it exclusively for the resize. The policy is the reverse of a writer-preferring
/// read-write lock, on purpose:
/// - A reader waits only while a resize is actually running: a few microseconds of `munmap` and
///   `mmap`, no I/O. It never queues behind a resizer that waits for other readers, so a read on
///   an event-loop thread cannot be parked behind a backup that waits for that same event loop
///   to send its next chunk (the deadlock this design removes).
/// - The resizer waits until no transaction is open. Short readers end by themselves; a long
///   holder (a backup's copy, ``withLongShared(_:)``) is told how long the resizer has been
///   waiting (``withExclusive(whileWaiting:_:)``), so the store can abandon it instead of letting
///   writes stall.
/// A thread that already holds the lock shared does not take it again, so nested reads cannot
/// deadlock. Built on a pthread mutex and condition (through `NSCondition`) that
/// ThreadSanitizer can see.
final class MapLock: @unchecked Sendable {
  // Safe to share: `shortHolders`, `longHolders`, `resizing` and `waitingResizers` are only
  // read and written with `condition` locked. The thread-specific key gives each thread its own
  // nesting depth, touched only by that thread.
  private let condition = NSCondition()
  private var shortHolders = 0
  private var longHolders = 0
  private var resizing = false
  private var waitingResizers = 0
  private let depthKey: pthread_key_t

  init() {
    var key = pthread_key_t()
    let result = pthread_key_create(&key, nil)
    precondition(result == 0, "pthread_key_create failed: \(result)")
    depthKey = key
  }

  deinit {
    pthread_key_delete(depthKey)
  }

  /// How many shared holds of this lock the calling thread has.
  private var depth: Int {
    get { Int(bitPattern: pthread_getspecific(depthKey)) }
    set { pthread_setspecific(depthKey, UnsafeRawPointer(bitPattern: newValue)) }
  }

  /// Whether the calling thread holds the lock shared (then it must not take it exclusively).
  var isHeldSharedByCurrentThread: Bool { depth > 0 }

  /// How many long holders (backup copies) hold the lock now.
  var longHolderCount: Int {
    condition.lock()
    defer { condition.unlock() }
    return longHolders
  }

  /// Runs `body` holding the lock shared, as a short reader (re-entrant on one thread).
  @inline(__always)
  func withShared<T>(_ body: () throws -> T) rethrows -> T {
    let outer = depth
    if outer == 0 { enter(long: false) }
    depth = outer + 1
    defer {
      depth = outer
      if outer == 0 { leave(long: false) }
    }
    return try body()
  }

  /// Runs `body` holding the lock shared as a long holder: a copy that may take minutes.
  ///
  /// A resizer that waits for it is told so (see ``withExclusive(whileWaiting:_:)``).
  func withLongShared<T>(_ body: () throws -> T) rethrows -> T {
    let outer = depth
    enter(long: true)
    depth = outer + 1
    defer {
      depth = outer
      leave(long: true)
    }
    return try body()
  }

  private func enter(long: Bool) {
    condition.lock()
    while resizing {
      condition.wait()
    }
    if long { longHolders += 1 } else { shortHolders += 1 }
    condition.unlock()
  }

  private func leave(long: Bool) {
    condition.lock()
    if long { longHolders -= 1 } else { shortHolders -= 1 }
    if shortHolders == 0 && longHolders == 0 && waitingResizers > 0 {
      condition.broadcast()
    }
    condition.unlock()
  }

  /// Runs `body` with no transaction open in the process and none able to begin until it returns.
  ///
  /// Waits until every holder has left; new readers keep entering meanwhile (they never queue
  /// behind this wait). About every 100 ms while it waits and long holders remain,
  /// `whileWaiting` is called, without the lock held, with how many long holders there are and
  /// how long the wait has lasted, so the caller can ask them to stop. Must not be called while
  /// the calling thread holds the lock shared (it would wait for itself).
  func withExclusive<T>(
    whileWaiting: (_ longHolders: Int, _ waited: Duration) -> Void = { _, _ in },
    _ body: () throws -> T
  ) rethrows -> T {
    precondition(depth == 0, "a thread holding the map lock shared asked for it exclusively")
    let clock = ContinuousClock()
    let start = clock.now
    condition.lock()
    waitingResizers += 1
    while shortHolders > 0 || longHolders > 0 || resizing {
      let long = longHolders
      if long > 0 {
        condition.unlock()
        whileWaiting(long, clock.now - start)
        condition.lock()
        if longHolders == 0 && shortHolders == 0 && !resizing { break }
      }
      _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
    }
    waitingResizers -= 1
    resizing = true
    condition.unlock()
    defer {
      condition.lock()
      resizing = false
      condition.broadcast()
      condition.unlock()
    }
    return try body()
  }
}
