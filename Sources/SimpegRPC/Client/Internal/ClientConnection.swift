import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Where a client's connections go.
enum ClientEndpoint: Sendable {
  /// A server listening on `host:port`, with TLS when `sslContext` is set.
  case tcp(host: String, port: Int, sslContext: NIOSSLContext?)
  /// A server in this process, reached without sockets.
  case inProcess(RPCServer)

  /// How errors name the server.
  var target: String {
    switch self {
    case .tcp(let host, let port, _): "\(host):\(port)"
    case .inProcess: "the in-process server"
    }
  }
}

/// One connection slot of a client: connects on first use, shares one connection attempt among
/// concurrent callers, and reconnects on the next call once the connection is lost or the
/// server sent GOAWAY.
final class ClientConnection: Sendable {
  /// A connection that completed its handshake.
  struct Ready: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<ClientConnectionHandler>
    let settings: ServerSettings
    /// Cleared by the event loop once the connection takes no more calls (GOAWAY or close),
    /// which may happen before this slot has even recorded the connection as ready.
    let usable: UsableFlag
  }

  /// Whether a connection still takes calls; set from its event loop, read by callers.
  final class UsableFlag: Sendable {
    private let value = Atomic<Bool>(true)
    var isUsable: Bool { value.load(ordering: .acquiring) }
    func clear() { value.store(false, ordering: .releasing) }
  }

  private enum State {
    case idle
    case connecting([CheckedContinuation<Ready, any Error>])
    case ready(Ready)
    case closed
  }

  private let endpoint: ClientEndpoint
  private let configuration: ClientConfiguration
  private let state = NIOLockedValueBox(State.idle)
  /// The event loop the connection lives on, each time it (re)connects: fixed, so a caller on
  /// this loop can pick this connection and keep its call on one thread.
  let eventLoop: any EventLoop

  init(endpoint: ClientEndpoint, configuration: ClientConfiguration, eventLoop: any EventLoop) {
    self.endpoint = endpoint
    self.configuration = configuration
    self.eventLoop = eventLoop
  }

  /// The connection when it is ready for calls now, without waiting; nil when it must connect
  /// first (then ``ready()`` does).
  var readyNow: Ready? {
    state.withLockedValue { state in
      guard case .ready(let ready) = state, ready.usable.isUsable else { return nil }
      return ready
    }
  }

  /// A ready connection, connecting first if needed.
  func ready() async throws -> Ready {
    if let ready = readyNow { return ready }
    enum Step {
      case use(Ready)
      case connect
      case wait
      case closed
    }
    return try await withCheckedThrowingContinuation { continuation in
      let step: Step = state.withLockedValue { state in
        switch state {
        case .ready(let ready) where ready.usable.isUsable:
          return .use(ready)
        case .ready:
          state = .connecting([continuation])
          return .connect
        case .connecting(var waiters):
          waiters.append(continuation)
          state = .connecting(waiters)
          return .wait
        case .idle:
          state = .connecting([continuation])
          return .connect
        case .closed:
          return .closed
        }
      }
      switch step {
      case .use(let ready): continuation.resume(returning: ready)
      case .wait: break
      case .closed: continuation.resume(throwing: RPCError(.unavailable, "the client is closed"))
      case .connect: Task { await self.connect() }
      }
    }
  }

  private func connect() async {
    let result: Result<Ready, any Error>
    do {
      result = .success(try await establish())
    } catch let error as RPCError {
      result = .failure(error)
    } catch {
      result = .failure(RPCError(.unavailable, "connecting to \(endpoint.target) failed: \(error)"))
    }
    let waiters: [CheckedContinuation<Ready, any Error>] = state.withLockedValue { state in
      guard case .connecting(let waiters) = state else {
        // Closed while connecting.
        if case .success(let ready) = result { ready.channel.close(promise: nil) }
        return []
      }
      switch result {
      case .success(let ready) where ready.usable.isUsable: state = .ready(ready)
      case .success, .failure: state = .idle
      }
      return waiters
    }
    for waiter in waiters { waiter.resume(with: result) }
  }

  /// Connects and waits for the server's SETTINGS (the handler gives up after the connect
  /// timeout).
  private func establish() async throws -> Ready {
    let eventLoop = self.eventLoop
    let readyPromise = eventLoop.makePromise(of: ServerSettings.self)
    let usable = UsableFlag()
    let connected: (any Channel, NIOLoopBound<ClientConnectionHandler>)
    do {
      switch endpoint {
      case .tcp(let host, let port, let sslContext):
        let configuration = self.configuration
        connected = try await ClientBootstrap(group: eventLoop)
          .connectTimeout(.init(configuration.connectTimeout))
          .channelOption(.socketOption(.tcp_nodelay), value: 1)
          .connect(host: host, port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
              if let sslContext {
                let serverName = configuration.tls?.serverHostname ?? host
                let isIP = (try? SocketAddress(ipAddress: serverName, port: 0)) != nil
                try channel.pipeline.syncOperations.addHandler(
                  NIOSSLClientHandler(context: sslContext, serverHostname: isIP ? nil : serverName))
              }
              return (channel, try self.addProtocolHandlers(to: channel, readyPromise, usable))
            }
          }
      case .inProcess(let server):
        connected = try await server.connectInProcess(clientEventLoop: eventLoop) { channel in
          (channel, try self.addProtocolHandlers(to: channel, readyPromise, usable))
        }
      }
    } catch {
      // The handshake can no longer complete; a promise left pending would leak (and trap in
      // debug builds).
      readyPromise.fail(error)
      throw error
    }
    let settings = try await readyPromise.futureResult.get()
    return Ready(channel: connected.0, handler: connected.1, settings: settings, usable: usable)
  }

  /// Adds the frame decoder and the connection handler to `channel`; on its event loop.
  private func addProtocolHandlers(
    to channel: any Channel, _ readyPromise: EventLoopPromise<ServerSettings>, _ usable: UsableFlag
  ) throws -> NIOLoopBound<ClientConnectionHandler> {
    let sync = channel.pipeline.syncOperations
    try sync.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameSize: configuration.maxFrameSize)))
    let handler = ClientConnectionHandler(
      configuration: configuration, target: endpoint.target,
      timers: EventLoopTimerWheel.on(channel.eventLoop), readyPromise: readyPromise,
      onUnusable: { [weak self] in
        usable.clear()
        self?.forget(channel: channel)
      })
    try sync.addHandler(handler)
    return NIOLoopBound(handler, eventLoop: channel.eventLoop)
  }

  /// Stops using `channel` for new calls.
  private func forget(channel: any Channel) {
    state.withLockedValue { state in
      if case .ready(let ready) = state, ready.channel === channel {
        state = .idle
      }
    }
  }

  /// Closes the connection; calls in flight fail and later calls are refused.
  func close() async {
    let channel: (any Channel)? = state.withLockedValue { state in
      defer { state = .closed }
      switch state {
      case .ready(let ready): return ready.channel
      case .connecting(let waiters):
        for waiter in waiters { waiter.resume(throwing: RPCError(.unavailable, "the client closed")) }
        return nil
      case .idle, .closed: return nil
      }
    }
    try? await channel?.close()
  }
}
