import Foundation
import Logging
import ServiceLifecycle
import SimpegServer

// The services simpegd runs under swift-service-lifecycle. They start together; on a graceful
// shutdown the group ends them in reverse order of its list (store, metrics, RPC): the RPC server
// drains first, then the metrics endpoint stops, and the store closes last.

/// Closes the store once everything before it in the shutdown order has ended.
struct StoreService: Service {
  let daemon: Daemon

  func run() async throws {
    try? await gracefulShutdown()
    daemon.closeStore()
  }
}

/// Serves the RPC protocol; on shutdown drains calls in flight within the grace period.
struct RPCService: Service {
  let daemon: Daemon
  let grace: Duration
  let metricsText: String
  let dataFolder: String
  let logger: Logger

  func run() async throws {
    try await daemon.start()
    let rpc = daemon.localAddress.map { "\($0.host):\($0.port)" } ?? "?"
    logger.notice(
      "serving", metadata: ["rpc": "\(rpc)", "metrics": "\(metricsText)", "data": "\(dataFolder)"])
    let ready: [String: String] = ["event": "ready", "rpc": rpc, "metrics": metricsText, "data": dataFolder]
    if let line = try? JSONSerialization.data(withJSONObject: ready, options: [.sortedKeys]) {
      FileHandle.standardOutput.write(line + Data("\n".utf8))
    }
    try? await gracefulShutdown()
    await daemon.drain(grace: grace)
  }
}

/// Keeps the store gauges fresh for the Prometheus endpoint (started before the group) and stops
/// the endpoint on shutdown.
struct MetricsService: Service {
  let daemon: Daemon
  let endpoint: MetricsEndpoint?

  func run() async throws {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      StoreGauges.update(daemon: daemon)
      try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(5)) }
    }
    await endpoint?.stop()
  }
}
