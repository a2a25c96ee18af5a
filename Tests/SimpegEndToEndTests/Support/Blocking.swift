import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs blocking socket work on a thread of its own, so it never holds one of the few threads
/// Swift's concurrency pool has (2 on a 2-core machine), which the daemon's well-behaved
/// client and other tests need meanwhile.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread { continuation.resume(with: Result { try body() }) }
    thread.stackSize = 4 << 20
    thread.start()
  }
}

/// Sleeps the calling thread (blocking work on its own thread only).
func pause(milliseconds: Int) {
  usleep(useconds_t(milliseconds * 1000))
}

/// Wire peers held across awaits by one test, each used by one thread at a time.
final class HeldPeers: @unchecked Sendable {
  // @unchecked: the array is guarded by the lock, and each peer is used by the single thread
  // that the test runs its socket work on at any moment.
  private let lock = NSLock()
  private var peers: [WirePeer] = []

  func add(_ peer: WirePeer) { lock.withLock { peers.append(peer) } }
  var count: Int { lock.withLock { peers.count } }

  /// Closes every peer (abruptly when asked) and forgets them.
  func closeAll(abruptly: Bool = false) {
    let all = lock.withLock {
      defer { peers = [] }
      return peers
    }
    for peer in all {
      if abruptly { peer.closeAbruptly() } else { peer.close() }
    }
  }
}

/// The per-process limit on open files, raised to its hard limit once; what it is then.
enum FileLimit {
  static let raised: Int = {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
    if limit.rlim_cur < limit.rlim_max {
      limit.rlim_cur = limit.rlim_max
      _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
      _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
    return limit.rlim_cur == rlim_t.max ? Int.max : Int(clamping: limit.rlim_cur)
  }()
}
