import Foundation
import SimpegAPI
import SimpegStore
import SwiftProtobuf

/// The answer of AdminService/GetStats: the daemon's version and age, its connections, and
/// the store's size, readers and tables.
enum StatsReport {
  /// The report of `core` now.
  static func make(core: ServerCore) throws -> Simpeg_V1_GetStatsResponse {
    let stats = try core.store.stats()
    var response = Simpeg_V1_GetStatsResponse()
    response.version = core.configuration.version
    response.startedAt = Google_Protobuf_Timestamp(date: core.startedAt)
    response.openConnections = UInt32(clamping: core.openConnections)
    response.mapSizeBytes = UInt64(clamping: stats.mapSize)
    response.mapUsedBytes = UInt64(clamping: stats.usedBytes)
    response.readersUsed = UInt32(clamping: stats.readersInUse)
    response.readersMax = UInt32(clamping: stats.maxReaders)
    response.lastSequence = stats.lastSequence
    response.schemaVersion = UInt32(clamping: core.store.schema.version)
    response.tables = stats.tables.map { table in
      var entry = Simpeg_V1_TableStats()
      entry.name = table.name
      entry.entries = UInt64(clamping: table.entries)
      entry.depth = UInt32(clamping: table.depth)
      entry.pages = UInt64(clamping: table.branchPages + table.leafPages + table.overflowPages)
      return entry
    }
    return response
  }
}
