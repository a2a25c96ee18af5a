#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's limit on open files, which bounds the connections a daemon can hold.
enum OpenFileLimit {
  /// Raises the soft limit to the hard one (as an unprivileged process may) and returns the
  /// soft limit then, or nil when it cannot be read.
  static func raiseToHardLimit() -> Int? {
    var limit = rlimit()
    #if canImport(Glibc)
      let resource = Int32(RLIMIT_NOFILE.rawValue)
    #else
      let resource = RLIMIT_NOFILE
    #endif
    guard getrlimit(resource, &limit) == 0 else { return nil }
    if limit.rlim_cur < limit.rlim_max {
      var raised = limit
      raised.rlim_cur = limit.rlim_max
      if setrlimit(resource, &raised) == 0 { limit = raised }
    }
    return limit.rlim_cur >= rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
  }

  /// Files the daemon needs beside its connections: the store, logs, the listeners, threads'
  /// pipes, a backup or two.
  static let reserve = 64
}
