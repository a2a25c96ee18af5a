import Foundation
import NIOConcurrencyHelpers

/// Throttles password guessing with sliding windows of failed attempts, counted three ways:
///
/// - per account and client host (5 by default): the guesses one host may make at one account;
/// - per client host (30): the guesses one host may make at all accounts together;
/// - per account from all hosts (100): a bound on guesses spread over many hosts.
///
/// An attempt is counted when it is admitted, before its password is checked, so a client that
/// sends many attempts at once gets no more checks than one that waits for each answer; and a
/// host has at most 4 attempts in progress at once (more are refused at once, retryably), so a
/// storm from a few hosts cannot queue dozens of scrypt checks ahead of everyone else's. A
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
    var inProgressPerHost = 4
  }

  /// An admitted attempt, counted as failed until ``LoginRateLimiter/succeeded(_:)``.
  struct Attempt: Sendable {
    fileprivate let hostKey: String
    fileprivate let keys: [String]
    fileprivate let pairKey: String
    fileprivate let at: Date
  }

  /// What ``LoginRateLimiter/admit(username:host:now:)`` decided.
  enum Admission: Sendable {
    case admitted(Attempt)
    /// Refused; the number of seconds until the oldest counted failure leaves the window.
    case throttled(retryAfter: TimeInterval)
    /// Refused: the host has its maximum of attempts in progress.
    case busy
  }

  private struct State {
    var failures: [String: [Date]] = [:]
    var inProgress: [String: Int] = [:]
  }

  private let limits: Limits
  private let state = NIOLockedValueBox(State())

  init(limits: Limits = Limits()) {
    self.limits = limits
  }

  /// Admits an attempt at `username` from `host` and counts it, or refuses it when a count is
  /// at its limit. An admitted attempt must be ended with ``finished(_:)``.
  func admit(username: String, host: Substring, now: Date) -> Admission {
    let account = Self.accountKey(username)
    let pair = account + "|host:" + host
    let hostKey = Self.hostKey(host)
    let checks = [
      (pair, limits.perAccountAndHost), (account, limits.perAccount), (hostKey, limits.perHost),
    ]
    return state.withLockedValue { state in
      guard state.inProgress[hostKey, default: 0] < limits.inProgressPerHost else { return .busy }
      var wait: TimeInterval?
      for (key, limit) in checks {
        let recent = (state.failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
        state.failures[key] = recent.isEmpty ? nil : recent
        if recent.count >= limit, let oldest = recent.first {
          wait = max(wait ?? 0, limits.window - now.timeIntervalSince(oldest))
        }
      }
      if let wait { return .throttled(retryAfter: wait) }
      for (key, _) in checks { state.failures[key, default: []].append(now) }
      if state.failures.count > 100_000 {
        // Forget the oldest keys rather than grow without bound under a storm of names.
        let cutoff = now.addingTimeInterval(-limits.window)
        state.failures = state.failures.filter { $0.value.last.map { $0 > cutoff } ?? false }
      }
      state.inProgress[hostKey, default: 0] += 1
      return .admitted(Attempt(hostKey: hostKey, keys: checks.map(\.0), pairKey: pair, at: now))
    }
  }

  /// Ends an admitted attempt, whatever its outcome: its host may start another.
  func finished(_ attempt: Attempt) {
    state.withLockedValue { state in
      let left = state.inProgress[attempt.hostKey, default: 1] - 1
      state.inProgress[attempt.hostKey] = left > 0 ? left : nil
    }
  }

  /// Takes a successful attempt back from the counts and forgets its host's failures at the
  /// account.
  func succeeded(_ attempt: Attempt) {
    state.withLockedValue { state in
      for key in attempt.keys where key != attempt.pairKey {
        guard var dates = state.failures[key], let index = dates.lastIndex(of: attempt.at) else { continue }
        dates.remove(at: index)
        state.failures[key] = dates.isEmpty ? nil : dates
      }
      state.failures[attempt.pairKey] = nil
    }
  }

  /// Forgets every failure counted against `username`, from every host (after an
  /// administrator reset its password).
  func forget(username: String) {
    let account = Self.accountKey(username)
    state.withLockedValue { state in
      state.failures = state.failures.filter { $0.key != account && !$0.key.hasPrefix(account + "|") }
    }
  }

  private static func accountKey(_ username: String) -> String { "account:" + username.lowercased() }
  private static func hostKey(_ host: Substring) -> String { "host:" + host }
}
