import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC

/// How much one client address may ask of the citizens' desk (``PublicDesk``) in a window of
/// time: lookups (a citizen checks a request now and then; a script guessing registration
/// numbers asks thousands of times) and survey responses (one person answers once; a script
/// would stuff a unit's index). Beyond the allowance the desk answers `resource_exhausted` with
/// `retry-after`.
///
/// Counts live in memory, per gateway, in fixed windows; behind a proxy the address is the one
/// it forwards (`trusted-proxies`). At most `capacity` addresses are tracked: when full, expired
/// windows are dropped, and if none has expired every count starts again (a flood of addresses
/// resets the counts rather than growing memory).
final class PublicDeskAllowance: Sendable {
  /// What a request asks of the desk.
  enum Kind: Sendable {
    case lookup
    case survey
  }

  /// The most requests of one kind per window.
  struct Limit: Sendable {
    var requests: Int
    var window: Duration
  }

  private struct Window {
    var started: ContinuousClock.Instant
    var count: Int
  }

  private let lookups: Limit
  private let surveys: Limit
  private let capacity: Int
  private let windows = NIOLockedValueBox<[String: Window]>([:])

  /// An allowance of `lookups` and `surveys` per client address, tracking at most `capacity`.
  init(
    lookups: Limit = Limit(requests: 120, window: .seconds(600)),
    surveys: Limit = Limit(requests: 10, window: .seconds(3600)), capacity: Int = 50_000
  ) {
    self.lookups = lookups
    self.surveys = surveys
    self.capacity = capacity
  }

  /// How many windows (an address and a kind) are held now.
  var trackedAddresses: Int { windows.withLockedValue { $0.count } }

  /// Counts a request of `kind` from `address`; throws `resource_exhausted` beyond the limit.
  func admit(_ address: String, kind: Kind, now: ContinuousClock.Instant = .now) throws(RPCError) {
    let limit = kind == .lookup ? lookups : surveys
    let key = (kind == .lookup ? "l " : "s ") + address
    let waitSeconds: Int64? = windows.withLockedValue { windows in
      if windows.count >= capacity, windows[key] == nil {
        windows = windows.filter { now - $0.value.started < max(lookups.window, surveys.window) }
        if windows.count >= capacity { windows.removeAll(keepingCapacity: true) }
      }
      var window = windows[key] ?? Window(started: now, count: 0)
      if now - window.started >= limit.window { window = Window(started: now, count: 0) }
      guard window.count < limit.requests else {
        return max(1, (limit.window - (now - window.started)).components.seconds)
      }
      window.count += 1
      windows[key] = window
      return nil
    }
    if let waitSeconds {
      var metadata = Metadata()
      metadata.add("retry-after", "\(waitSeconds)")
      throw RPCError(
        .resourceExhausted,
        kind == .lookup
          ? "too many lookups from this address; try again in \(waitSeconds) s"
          : "this address has answered the survey often enough for now; try again in \(waitSeconds) s",
        metadata: metadata)
    }
  }
}
