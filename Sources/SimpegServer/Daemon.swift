import Foundation
import Logging
import SimpegAPI
import SimpegRPC
import SimpegStore

/// The core of simpegd: the store, every service, the interceptors (observation, storage error
/// mapping, authentication and access) and the RPC server, ready to start and to drain.
///
/// `simpegd` only wires it to its configuration, signals and lifecycle. Tests start it in
/// process; end-to-end tests start the real binary.
public final class Daemon: Sendable {
  let core: ServerCore
  /// The store (for the composition and tests; handlers read it through ``ServerCore``).
  public let store: Store
  /// The RPC server (not listening until ``start()``).
  public let rpcServer: RPCServer
  private let inFlight = CallsInFlight()
  /// Where the bootstrap administrator's credentials were written, if this start created them.
  public let bootstrapCredentialsFile: String?
  /// Authenticates every call (and caches principals, see ``CredentialCache``).
  let authenticator: Authenticator

  /// The daemon's clock.
  public var clock: WIBClock { core.clock }

  /// Opens the store in the data folder (creating it), creates the bootstrap administrator on
  /// the first start, loads the sample organisation if configured and the store is empty, and
  /// builds the RPC server.
  public static func open(configuration: DaemonConfiguration, logger: Logger) async throws -> Daemon {
    try FileManager.default.createDirectory(
      atPath: configuration.dataFolder, withIntermediateDirectories: true)
    let store = try Store.open(
      at: configuration.dataFolder, configuration: configuration.store, schema: Tables.schema,
      logger: logger)
    store.warmInBackground(Tables.warmedAtStart, logger: logger)
    do {
      let core = ServerCore(store: store, configuration: configuration, logger: logger)
      let credentials = try await BootstrapAdmin.ensure(core: core)
      if let seed = configuration.sampleSeed {
        let empty = try store.read { try Tables.units.count(in: $0) == 0 }
        if empty {
          try await SampleCity.load(
            seed: seed, year: configuration.sampleYear,
            serviceRequests: configuration.sampleServiceRequests, into: core.ledger,
            audit: AuditEntry(systemAction: "simpegd/LoadSample"), logger: logger)
        }
      }
      return Daemon(core: core, store: store, bootstrapCredentialsFile: credentials)
    } catch {
      store.close()
      throw error
    }
  }

  private init(core: ServerCore, store: Store, bootstrapCredentialsFile: String?) {
    self.core = core
    self.store = store
    self.bootstrapCredentialsFile = bootstrapCredentialsFile
    self.authenticator = Authenticator(store: core.store, clock: core.clock)
    let services = Self.services(core: core)
    let interceptors: [any ServerInterceptor] = [
      CallObserver(logger: core.logger, inFlight: inFlight),
      StoreErrorInterceptor(),
      AccessInterceptor(authenticator: authenticator),
    ]
    let rpcServer = RPCServer(
      configuration: core.configuration.rpc, services: services, interceptors: interceptors,
      logger: core.logger)
    self.rpcServer = rpcServer
    core.countConnections { [weak rpcServer] in rpcServer?.openConnections ?? 0 }
  }

  /// Every service simpegd serves.
  static func services(core: ServerCore) -> [any RPCService] {
    let served: [any RPCService] = [
      // Each service of Schema/simpeg/v1 is listed here.
      OrgServiceHandler(core: core),
      EmployeeServiceHandler(core: core),
      AuthServiceHandler(core: core),
      AccountServiceHandler(core: core),
      AdminServiceHandler(core: core),
      ImportServiceHandler(core: core),
      PublicServiceHandler(core: core, ingestion: core.configuration.serviceIngestion),
      InnovationHandler(core: core),
      PlanServiceHandler(core: core), ActivityServiceHandler(core: core), InboxServiceHandler(core: core),
      FeedbackServiceHandler(core: core), EvaluationServiceHandler(core: core),
    ]
    let names = Set(SimpegCatalogue.services.map(\.name))
    return served + [HealthServiceHandler(health: core.health, services: names)]
  }

  /// Starts listening; health turns SERVING.
  public func start() async throws {
    let wanted = core.configuration.rpc.maxConnections + OpenFileLimit.reserve
    if let files = OpenFileLimit.raiseToHardLimit(), files < wanted {
      core.logger.warning(
        "the open-file limit is below max-connections: connections past it wait in the accept queue",
        metadata: [
          "open-file-limit": "\(files)", "max-connections": "\(core.configuration.rpc.maxConnections)",
          "hint": "raise it (LimitNOFILE= in the systemd unit, ulimit -n) or lower max-connections",
        ])
    }
    try await rpcServer.start()
    core.health.set(.serving)
  }

  /// The address listened on, once started.
  public var localAddress: SocketAddressDescription? {
    rpcServer.localAddress.map { SocketAddressDescription(host: $0.ipAddress ?? "", port: $0.port ?? 0) }
  }

  /// Ends every call in flight now (a second shutdown signal); a shutdown in progress then
  /// completes at once.
  public func endCallsNow() {
    core.health.set(.notServing)
    rpcServer.closeAllConnectionsNow()
  }

  /// Health turns NOT_SERVING, the server stops accepting and drains calls in flight for up to
  /// `grace`, then the store closes after its queued writes commit (running backups are
  /// abandoned). The same as ``drain(grace:)`` then ``closeStore()``.
  public func shutdown(grace: Duration) async {
    await drain(grace: grace)
    closeStore()
  }

  /// Health turns NOT_SERVING, the server stops accepting new calls and gives those in flight up
  /// to `grace` to finish, then ends the rest.
  public func drain(grace: Duration) async {
    core.health.set(.notServing)
    await rpcServer.shutdown(grace: grace)
  }

  /// Closes the store: queued writes commit, running backups are abandoned, LMDB closes.
  public func closeStore() {
    store.close()
  }

  /// What the daemon is still doing, for a shutdown that has not ended in time: calls in flight
  /// by method, writes waiting, backups running.
  public func describeUnfinishedWork() -> String {
    var parts: [String] = []
    let calls = inFlight.summary()
    if calls.isEmpty {
      parts.append("no calls in flight")
    } else {
      parts.append(
        "calls in flight: "
          + calls.map { "\($0.method) x\($0.count) (oldest \($0.oldest))" }.joined(separator: ", "))
    }
    let pending = store.pendingWriteCount
    if pending > 0 { parts.append("\(pending) writes queued") }
    for backup in store.runningBackups {
      parts.append(
        "a backup running for \(Int(backup.ageSeconds)) s (\(backup.bytesCopied) bytes copied)")
    }
    return parts.joined(separator: "; ")
  }
}

/// A host and port.
public struct SocketAddressDescription: Sendable, Hashable {
  /// The IP address.
  public var host: String
  /// The port.
  public var port: Int
}
