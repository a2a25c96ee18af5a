import CLMDB

/// A snapshot of the store's size, shape and activity, for operators and metrics.
public struct StoreStats: Sendable {
  /// LMDB's page statistics of one table, index or internal database.
  public struct TableStats: Sendable, Hashable {
    /// The LMDB database name (`table`, `table/index`, `_meta`, `_changes`).
    public let name: String
    /// The number of entries.
    public let entries: Int
    /// The B-tree depth.
    public let depth: Int
    /// Branch (internal) pages.
    public let branchPages: Int
    /// Leaf pages.
    public let leafPages: Int
    /// Overflow pages (values larger than about half a page).
    public let overflowPages: Int
  }

  /// Every database of the store, tables first, then their indexes, then the internal ones.
  public let tables: [TableStats]
  /// The current size of the memory map in bytes.
  public let mapSize: Int
  /// The bytes of the map in use (last page number + 1, times the page size).
  public let usedBytes: Int
  /// LMDB's page size.
  public let pageSize: Int
  /// Reader slots held by a live owner: read transactions of any process on this folder, including
  /// this store's idle pooled readers (from `mdb_reader_list`).
  public let readersInUse: Int
  /// Reader slots available in all.
  public let maxReaders: Int
  /// The sequence number of the last committed change.
  public let lastSequence: UInt64
  /// Write transactions committed by the writer since open (one per batch).
  public let commits: UInt64
  /// Write requests that committed since open.
  public let committedRequests: UInt64
  /// Write requests that failed (their own error or their batch's) since open.
  public let failedRequests: UInt64
  /// How often the map grew since open.
  public let mapResizes: UInt64
  /// The most requests one batch held since open.
  public let largestBatch: Int
  /// Batches rolled back and run again with each request isolated because one of them threw.
  public let isolatedRetries: UInt64
  /// Write requests waiting for the next batch.
  public let pendingWrites: Int
  /// Flushes of the data file made to answer committed batches (their meta pages), besides the
  /// one every commit makes of its data pages.
  public let flushes: UInt64
  /// Committed batches made durable by the next commit's flush of its data pages instead.
  public let batchesCoveredByNextCommit: UInt64

  /// The statistics of one database by name, if it exists.
  public func table(_ name: String) -> TableStats? {
    tables.first { $0.name == name }
  }
}

extension Store {
  /// Reads a snapshot of the store's statistics.
  public func stats() throws -> StoreStats {
    let names =
      schema.tables.map(\.name) + schema.tables.flatMap { $0.databaseNames.dropFirst() }
      + [InternalTable.meta, InternalTable.changes]
    let tables = try read { transaction in
      try names.map { name in
        let stat = try transaction.stat(try transaction.database(name), table: name)
        return StoreStats.TableStats(
          name: name, entries: stat.ms_entries, depth: Int(stat.ms_depth), branchPages: stat.ms_branch_pages,
          leafPages: stat.ms_leaf_pages, overflowPages: stat.ms_overflow_pages)
      }
    }
    let info = environment.info()
    let pageSize = environment.pageSize()
    let counters = writer.counters.withLockedValue { $0 }
    return StoreStats(
      tables: tables, mapSize: info.me_mapsize, usedBytes: (info.me_last_pgno + 1) * pageSize,
      pageSize: pageSize, readersInUse: environment.readerSlotsInUse(), maxReaders: Int(info.me_maxreaders),
      lastSequence: lastSequence, commits: counters.commits, committedRequests: counters.committedRequests,
      failedRequests: counters.failedRequests, mapResizes: counters.mapResizes,
      largestBatch: counters.largestBatch, isolatedRetries: counters.isolatedRetries,
      pendingWrites: writer.pendingCount, flushes: counters.flushes,
      batchesCoveredByNextCommit: counters.batchesCoveredByNextCommit)
  }
}
