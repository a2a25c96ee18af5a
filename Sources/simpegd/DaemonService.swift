import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import SimpegServer

/// Runs the daemon under swift-service-lifecycle: starts the RPC server and the metrics
/// endpoint, refreshes the store gauges, and on graceful shutdown drains within the grace
/// period and closes the store.
struct DaemonService: Service {
  let daemon: Daemon
  let grace: Duration
  let metricsAddress: (host: String, port: Int)?
  let registry: PrometheusCollectorRegistry
  let dataFolder: String
  let logger: Logger

  func run() async throws {
    try await daemon.start()
    var metrics: MetricsEndpoint?
    if let metricsAddress {
      metrics = try await MetricsEndpoint.start(
        host: metricsAddress.host, port: metricsAddress.port, registry: registry)
    }
    let rpc = daemon.localAddress.map { "\($0.host):\($0.port)" } ?? "?"
    let metricsText =
      metrics.flatMap { endpoint in
        endpoint.port.map { "\(metricsAddress!.host):\($0)" }
      } ?? "off"
    logger.notice(
      "serving", metadata: ["rpc": "\(rpc)", "metrics": "\(metricsText)", "data": "\(dataFolder)"])
    let ready: [String: String] = [
      "event": "ready", "rpc": rpc, "metrics": metricsText, "data": dataFolder,
    ]
    if let line = try? JSONSerialization.data(withJSONObject: ready, options: [.sortedKeys]) {
      FileHandle.standardOutput.write(line + Data("\n".utf8))
    }
    // Refresh the store gauges until shutdown begins.
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      StoreGauges.update(daemon: daemon)
      try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(5)) }
    }
    await daemon.shutdown(grace: grace)
    await metrics?.stop()
  }
}
