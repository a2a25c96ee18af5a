import Foundation
import Synchronization

/// Counts failed logins per account and per client host in a sliding window, and refuses
/// further attempts once either passes its limit, until the oldest failure leaves the window.
///
/// Kept in memory: a restart forgets it, which is acceptable for throttling guesses.
final class LoginRateLimiter: Sendable {
  /// The limits.
  struct Limits: Sendable {
    var perAccount = 5
    var perHost = 30
    var window: TimeInterval = 15 * 60
  }

  private let limits: Limits
  private let failures = Mutex<[String: [Date]]>([:])

  init(limits: Limits = Limits()) {
    self.limits = limits
  }

  /// Seconds until `username` from `host` may try again; nil when it may now.
  func retryAfter(username: String, host: Substring, now: Date = Date()) -> TimeInterval? {
    failures.withLock { failures in
      let checks = [
        (Self.accountKey(username), limits.perAccount), (Self.hostKey(host), limits.perHost),
      ]
      var wait: TimeInterval?
      for (key, limit) in checks {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
        failures[key] = recent.isEmpty ? nil : recent
        if recent.count >= limit, let oldest = recent.first {
          let remaining = limits.window - now.timeIntervalSince(oldest)
          wait = max(wait ?? 0, remaining)
        }
      }
      return wait
    }
  }

  /// Records a failed attempt.
  func recordFailure(username: String, host: Substring, now: Date = Date()) {
    failures.withLock { failures in
      failures[Self.accountKey(username), default: []].append(now)
      failures[Self.hostKey(host), default: []].append(now)
      if failures.count > 100_000 {
        // Forget the oldest keys rather than grow without bound under a storm of names.
        let cutoff = now.addingTimeInterval(-limits.window)
        failures = failures.filter { $0.value.last.map { $0 > cutoff } ?? false }
      }
    }
  }

  /// Forgets the account's failures after a successful login.
  func recordSuccess(username: String) {
    _ = failures.withLock { $0.removeValue(forKey: Self.accountKey(username)) }
  }

  private static func accountKey(_ username: String) -> String { "account:" + username.lowercased() }
  private static func hostKey(_ host: Substring) -> String { "host:" + host }
}
