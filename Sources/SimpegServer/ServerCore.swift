import Foundation
import Logging
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegStore

/// What every service handler shares: the store to read, the ledger to change it, the clock,
/// the configuration, password hashing, login throttling, and the daemon's health.
///
/// The store's write is not here: every change goes through ``ledger``, which writes its audit
/// record with it.
final class ServerCore: Sendable {
  /// The store, for reading.
  let store: ReadOnlyStore
  /// Where every change is written, with its audit record.
  let ledger: Ledger
  /// The one clock (WIB).
  let clock: WIBClock
  let configuration: DaemonConfiguration
  let passwords: PasswordHasher
  let loginLimiter: LoginRateLimiter
  let health: HealthState
  let logger: Logger
  /// When the daemon started.
  let startedAt: Date
  private let connectionCounter = NIOLockedValueBox<(@Sendable () -> Int)?>(nil)

  init(store: Store, configuration: DaemonConfiguration, logger: Logger) {
    self.store = ReadOnlyStore(store)
    self.clock = configuration.clock
    self.ledger = Ledger(store: store, clock: configuration.clock)
    self.startedAt = configuration.clock.now().instant
    self.configuration = configuration
    self.passwords = PasswordHasher(parameters: configuration.passwordParameters)
    self.loginLimiter = LoginRateLimiter(
      limits: LoginRateLimiter.Limits(
        perAccountAndHost: configuration.failedLoginsPerAccount,
        perAccount: configuration.failedLoginsPerAccountAllHosts,
        perHost: configuration.failedLoginsPerHost,
        window: configuration.failedLoginWindow.timeInterval))
    self.health = HealthState()
    self.logger = logger
  }

  /// Open RPC connections now (0 before the server started).
  var openConnections: Int { connectionCounter.withLockedValue { $0?() ?? 0 } }

  func countConnections(with counter: @escaping @Sendable () -> Int) {
    connectionCounter.withLockedValue { $0 = counter }
  }
}
