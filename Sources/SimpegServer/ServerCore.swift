import Foundation
import Logging
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegStore

/// What every service handler shares: the store, the configuration, password hashing, login
/// throttling, and the daemon's health.
final class ServerCore: Sendable {
  let store: Store
  let configuration: DaemonConfiguration
  let passwords: PasswordHasher
  let loginLimiter: LoginRateLimiter
  let health: HealthState
  let logger: Logger
  let startedAt = Date()
  private let connectionCounter = NIOLockedValueBox<(@Sendable () -> Int)?>(nil)

  init(store: Store, configuration: DaemonConfiguration, logger: Logger) {
    self.store = store
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
