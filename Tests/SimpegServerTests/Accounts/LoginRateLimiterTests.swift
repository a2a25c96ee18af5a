import Foundation
import Testing

@testable import SimpegServer

/// The login throttle's counting, with the clock given: who is refused after whose failures.
@Suite struct LoginRateLimiterTests {
  let now = Date(timeIntervalSince1970: 1_750_000_000)

  func isAdmitted(_ admission: LoginRateLimiter.Admission) -> Bool {
    if case .admitted = admission { return true }
    return false
  }

  @Test func guessesFromOneHostDoNotLockTheOwnerOutOnAnother() {
    let limiter = LoginRateLimiter()
    for _ in 0..<5 {
      #expect(isAdmitted(limiter.admit(username: "admin", host: "10.0.0.66", now: now)))
    }
    #expect(!isAdmitted(limiter.admit(username: "admin", host: "10.0.0.66", now: now)))
    #expect(!isAdmitted(limiter.admit(username: "ADMIN", host: "10.0.0.66", now: now)))
    #expect(isAdmitted(limiter.admit(username: "admin", host: "10.0.0.7", now: now)))
  }

  @Test func attemptsCountBeforeTheirOutcomeSoConcurrentOnesGetNoExtraGuesses() {
    let limiter = LoginRateLimiter()
    // Thirty attempts in flight at once from one host, none answered yet: the next is refused.
    for index in 0..<30 {
      #expect(isAdmitted(limiter.admit(username: "user\(index)", host: "10.0.0.66", now: now)))
    }
    guard case .throttled(let wait) = limiter.admit(username: "someone", host: "10.0.0.66", now: now)
    else {
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
    }
  }

  @Test func aSuccessClearsItsHostsFailuresAtTheAccount() {
    let limiter = LoginRateLimiter()
    for _ in 0..<4 { _ = limiter.admit(username: "operator1", host: "10.0.0.1", now: now) }
    guard case .admitted(let attempt) = limiter.admit(username: "operator1", host: "10.0.0.1", now: now)
    else {
      Issue.record("the fifth attempt was refused")
      return
    }
    limiter.succeeded(attempt)
    for _ in 0..<5 {
      #expect(isAdmitted(limiter.admit(username: "operator1", host: "10.0.0.1", now: now)))
    }
  }

  @Test func guessesSpreadOverManyHostsMeetTheAllHostsBound() {
    let limiter = LoginRateLimiter(limits: .init(perAccountAndHost: 5, perAccount: 12, perHost: 30))
    for host in 0..<3 {
      for _ in 0..<4 { _ = limiter.admit(username: "admin", host: "10.0.1.\(host)"[...], now: now) }
    }
    #expect(!isAdmitted(limiter.admit(username: "admin", host: "10.0.2.1", now: now)))
    #expect(isAdmitted(limiter.admit(username: "operator1", host: "10.0.2.1", now: now)))
    // The window slides: a quarter of an hour later all is forgotten.
    #expect(isAdmitted(limiter.admit(username: "admin", host: "10.0.2.1", now: now + 15 * 60)))
  }

  @Test func forgettingAnAccountClearsItsFailuresFromEveryHost() {
    let limiter = LoginRateLimiter()
    for host in ["10.0.0.1", "10.0.0.2"] {
      for _ in 0..<5 { _ = limiter.admit(username: "operator1", host: host[...], now: now) }
    }
    #expect(!isAdmitted(limiter.admit(username: "operator1", host: "10.0.0.1", now: now)))
    limiter.forget(username: "operator1")
    #expect(isAdmitted(limiter.admit(username: "operator1", host: "10.0.0.1", now: now)))
    #expect(isAdmitted(limiter.admit(username: "operator1", host: "10.0.0.2", now: now)))
  }
}
