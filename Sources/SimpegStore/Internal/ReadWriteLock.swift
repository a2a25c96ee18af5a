import CLMDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The lock that keeps map resizing apart from every open transaction in the process.
///
/// Read transactions (and the backup's copy, which reads through its own transaction) hold it
/// shared for their whole life; the writer takes it exclusively only to call
/// `mdb_env_set_mapsize`, which LMDB allows only while no transaction is open in the process. A
/// waiting resizer goes before new readers. A thread that already holds it shared (a read nested
/// in a read) does not take it again, so nesting cannot deadlock against a waiting resizer.
final class ReadWriteLock: @unchecked Sendable {
  // Safe to share: the pthread lock is made for concurrent use from many threads, and its storage
  // is allocated once here, never moved, and freed only in deinit when no thread can hold it. The
  // thread-specific key gives each thread its own depth counter for this lock.
  private let lock: UnsafeMutablePointer<pthread_rwlock_t>
  private let depthKey: pthread_key_t

  init() {
    lock = .allocate(capacity: 1)
    let rc = clmdb_rwlock_init_writer_preferred(lock)
    precondition(rc == 0, "pthread_rwlock_init failed: \(rc)")
    var key = pthread_key_t()
    let keyResult = pthread_key_create(&key, nil)
    precondition(keyResult == 0, "pthread_key_create failed: \(keyResult)")
    depthKey = key
  }

  deinit {
    pthread_key_delete(depthKey)
    pthread_rwlock_destroy(lock)
    lock.deallocate()
  }

  /// How many shared holds of this lock the calling thread has.
  private var depth: Int {
    get { Int(bitPattern: pthread_getspecific(depthKey)) }
    set { pthread_setspecific(depthKey, UnsafeRawPointer(bitPattern: newValue)) }
  }

  /// Runs `body` holding the lock shared (re-entrant on one thread).
  @inline(__always)
  func withShared<T>(_ body: () throws -> T) rethrows -> T {
    let outer = depth
    if outer == 0 {
      pthread_rwlock_rdlock(lock)
    }
    depth = outer + 1
    defer {
      depth = outer
      if outer == 0 {
        pthread_rwlock_unlock(lock)
      }
    }
    return try body()
  }

  /// Whether the calling thread holds the lock shared (then it must not take it exclusively).
  var isHeldSharedByCurrentThread: Bool {
    depth > 0
  }

  /// Runs `body` holding the lock exclusively.
  func withExclusive<T>(_ body: () throws -> T) rethrows -> T {
    pthread_rwlock_wrlock(lock)
    defer { pthread_rwlock_unlock(lock) }
    return try body()
  }
}
