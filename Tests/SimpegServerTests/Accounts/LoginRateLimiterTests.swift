import Foundation
import Testing

@testable import SimpegServer

/// The login throttle's counting, with the clock given: who is refused after whose failures.
@Suite struct LoginRateLimiterTests {
  let now = Date(timeIntervalSince1970: 1_750_000_000)

  /// One wrong attempt, start to end; whether it was admitted.
  @discardableResult
  func fail(_ limiter: LoginRateLimiter, _ username: String, from host: String, at time: Date? = nil) -> Bool
  {
    guard case .admitted(let attempt) = limiter.admit(username: username, host: host[...], now: time ?? now)
    else { return false }
    limiter.finished(attempt)
    return true
  }

  @Test func guessesFromOneHostDoNotLockTheOwnerOutOnAnother() {
    let limiter = LoginRateLimiter()
    for _ in 0..<5 { #expect(fail(limiter, "admin", from: "10.0.0.66")) }
    #expect(!fail(limiter, "admin", from: "10.0.0.66"))
    #expect(!fail(limiter, "ADMIN", from: "10.0.0.66"))
    #expect(fail(limiter, "admin", from: "10.0.0.7"))
  }

  @Test func attemptsCountBeforeTheirOutcomeAndAHostHasFourInProgress() {
    let limiter = LoginRateLimiter()
    var inProgress: [LoginRateLimiter.Attempt] = []
    for index in 0..<4 {
      guard case .admitted(let attempt) = limiter.admit(username: "user\(index)", host: "10.0.0.66", now: now)
      else {
        Issue.record("attempt \(index) was refused")
        return
      }
      inProgress.append(attempt)
    }
    guard case .busy = limiter.admit(username: "someone", host: "10.0.0.66", now: now) else {
      Issue.record("a fifth attempt in progress was admitted")
      return
    }
    #expect(fail(limiter, "someone", from: "10.0.0.7"), "other hosts are not held up")
    for attempt in inProgress { limiter.finished(attempt) }
    // The four counted as failures before they ended: 26 more make the host's 30.
    for index in 0..<26 { #expect(fail(limiter, "other\(index)", from: "10.0.0.66")) }
    guard case .throttled(let wait) = limiter.admit(username: "someone", host: "10.0.0.66", now: now) else {
      Issue.record("the 31st attempt from the host was admitted")
      return
    }
    #expect(wait == 15 * 60)
  }

  @Test func successesAreTakenBackSoABusyHostIsNeverThrottledForThem() {
    let limiter = LoginRateLimiter()
    for index in 0..<200 {
      guard
        case .admitted(let attempt) = limiter.admit(username: "user\(index % 7)", host: "10.0.0.1", now: now)
      else {
        Issue.record("successful login \(index) was throttled")
        return
      }
      limiter.succeeded(attempt)
      limiter.finished(attempt)
    }
  }

  @Test func aSuccessClearsItsHostsFailuresAtTheAccount() {
    let limiter = LoginRateLimiter()
    for _ in 0..<4 { fail(limiter, "operator1", from: "10.0.0.1") }
    guard case .admitted(let attempt) = limiter.admit(username: "operator1", host: "10.0.0.1", now: now)
    else {
      Issue.record("the fifth attempt was refused")
      return
    }
    limiter.succeeded(attempt)
    limiter.finished(attempt)
    for _ in 0..<5 { #expect(fail(limiter, "operator1", from: "10.0.0.1")) }
  }

  @Test func guessesSpreadOverManyHostsMeetTheAllHostsBound() {
    let limiter = LoginRateLimiter(limits: .init(perAccountAndHost: 5, perAccount: 12, perHost: 30))
    for host in 0..<3 {
      for _ in 0..<4 { fail(limiter, "admin", from: "10.0.1.\(host)") }
    }
    #expect(!fail(limiter, "admin", from: "10.0.2.1"))
    #expect(fail(limiter, "operator1", from: "10.0.2.1"))
    // The window slides: a quarter of an hour later all is forgotten.
    #expect(fail(limiter, "admin", from: "10.0.2.1", at: now + 15 * 60))
  }

  @Test func forgettingAnAccountClearsItsFailuresFromEveryHost() {
    let limiter = LoginRateLimiter()
    for host in ["10.0.0.1", "10.0.0.2"] {
      for _ in 0..<5 { fail(limiter, "operator1", from: host) }
    }
    #expect(!fail(limiter, "operator1", from: "10.0.0.1"))
    limiter.forget(username: "operator1")
    #expect(fail(limiter, "operator1", from: "10.0.0.1"))
    #expect(fail(limiter, "operator1", from: "10.0.0.2"))
  }
}
