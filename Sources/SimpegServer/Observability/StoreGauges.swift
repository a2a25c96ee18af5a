import Metrics
import SimpegStore

/// Publishes the store's and the server's figures as gauges: map size and use, readers,
/// commits and batch sizes, running backups (how many, bytes copied, the age of the oldest's read
/// transaction), open connections. Called periodically by simpegd.
public enum StoreGauges {
  /// Reads the stats once and sets every gauge.
  public static func update(daemon: Daemon) {
    guard let stats = try? daemon.store.stats() else { return }
    Gauge(label: "simpeg_store_map_size_bytes").record(stats.mapSize)
    Gauge(label: "simpeg_store_map_used_bytes").record(stats.usedBytes)
    Gauge(label: "simpeg_store_readers_in_use").record(stats.readersInUse)
    Gauge(label: "simpeg_store_last_sequence").record(stats.lastSequence)
    Gauge(label: "simpeg_store_commits").record(stats.commits)
    Gauge(label: "simpeg_store_committed_requests").record(stats.committedRequests)
    Gauge(label: "simpeg_store_largest_batch").record(stats.largestBatch)
    if stats.commits > 0 {
      Gauge(label: "simpeg_store_average_batch")
        .record(Double(stats.committedRequests) / Double(stats.commits))
    }
    Gauge(label: "simpeg_store_pending_writes").record(stats.pendingWrites)
    Gauge(label: "simpeg_store_map_resizes").record(stats.mapResizes)
    let backups = daemon.store.runningBackups
    Gauge(label: "simpeg_store_backups_running").record(backups.count)
    Gauge(label: "simpeg_store_backup_bytes_copied").record(backups.reduce(0) { $0 + $1.bytesCopied })
    Gauge(label: "simpeg_store_backup_read_age_seconds").record(backups.first?.ageSeconds ?? 0)
    Gauge(label: "simpeg_rpc_open_connections").record(daemon.rpcServer.openConnections)
  }
}
