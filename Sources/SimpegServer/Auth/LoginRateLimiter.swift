import Foundation
import Synchronization

/// Throttles password guessing with sliding windows of failed attempts, counted three ways:
///
/// - per account and client host (5 by default): the guesses one host may make at one account;
/// - per client host (30): the guesses one host may make at all accounts together;
/// - per account from all hosts (100): a bound on guesses spread over many hosts.
///
/// An attempt is counted when it is admitted, before its password is checked, so a client that
/// sends many attempts at once gets no more checks than one that waits for each answer. A
/// successful attempt is then taken back from every count, and clears its host's count for the
/// account. So a storm of wrong guesses from other hosts does not lock an account's owner out
/// (unless it passes the all-hosts bound, which needs 20 hosts at the defaults), and a host
/// where many people log in successfully is never throttled for it.
///
/// Kept in memory: a restart forgets it, which is acceptable for throttling guesses.
final class LoginRateLimiter: Sendable {
  /// The limits.
  struct Limits: Sendable {
    var perAccountAndHost = 5
    var perAccount = 100
    var perHost = 30
    var window: TimeInterval = 15 * 60
  }

  /// An admitted attempt, counted as failed until ``LoginRateLimiter/succeeded(_:)``.
  struct Attempt: Sendable {
    fileprivate let keys: [String]
    fileprivate let pairKey: String
    fileprivate let at: Date
  }

  /// What ``LoginRateLimiter/admit(username:host:now:)`` decided.
  enum Admission: Sendable {
    case admitted(Attempt)
    /// Refused; the number of seconds until the oldest counted failure leaves the window.
    case throttled(retryAfter: TimeInterval)
  }

  private let limits: Limits
  private let failures = Mutex<[String: [Date]]>([:])

  init(limits: Limits = Limits()) {
    self.limits = limits
  }

  /// Admits an attempt at `username` from `host` and counts it, or refuses it when a count is
  /// at its limit.
  func admit(username: String, host: Substring, now: Date = Date()) -> Admission {
    let account = Self.accountKey(username)
    let pair = account + "|host:" + host
    let checks = [
      (pair, limits.perAccountAndHost), (account, limits.perAccount), (Self.hostKey(host), limits.perHost),
    ]
    return failures.withLock { failures in
      var wait: TimeInterval?
      for (key, limit) in checks {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
        failures[key] = recent.isEmpty ? nil : recent
        if recent.count >= limit, let oldest = recent.first {
          wait = max(wait ?? 0, limits.window - now.timeIntervalSince(oldest))
        }
      }
      if let wait { return .throttled(retryAfter: wait) }
      for (key, _) in checks { failures[key, default: []].append(now) }
      if failures.count > 100_000 {
        // Forget the oldest keys rather than grow without bound under a storm of names.
        let cutoff = now.addingTimeInterval(-limits.window)
        failures = failures.filter { $0.value.last.map { $0 > cutoff } ?? false }
      }
      return .admitted(Attempt(keys: checks.map(\.0), pairKey: pair, at: now))
    }
  }

  /// Takes a successful attempt back from the counts and forgets its host's failures at the
  /// account.
  func succeeded(_ attempt: Attempt) {
    failures.withLock { failures in
      for key in attempt.keys where key != attempt.pairKey {
        guard var dates = failures[key], let index = dates.lastIndex(of: attempt.at) else { continue }
        dates.remove(at: index)
        failures[key] = dates.isEmpty ? nil : dates
      }
      failures[attempt.pairKey] = nil
    }
  }

  /// Forgets every failure counted against `username`, from every host (after an
  /// administrator reset its password).
  func forget(username: String) {
    let account = Self.accountKey(username)
    failures.withLock { failures in
      failures = failures.filter { $0.key != account && !$0.key.hasPrefix(account + "|") }
    }
  }

  private static func accountKey(_ username: String) -> String { "account:" + username.lowercased() }
  private static func hostKey(_ host: Substring) -> String { "host:" + host }
}
