/// How a store opens its LMDB environment and runs its writer.
///
/// The defaults suit the daemon: durable commits, group commit of up to 256 requests, a 256 MiB
/// map that grows by doubling with no cap but the address space.
public struct StoreConfiguration: Sendable, Hashable {
  /// How commits reach the disk.
  public enum Durability: Sendable, Hashable {
    /// Every commit is flushed to disk (fsync) before it is acknowledged. The default.
    case durable
    /// Commits are not flushed (MDB_NOSYNC): a crash of the machine (not of the process) may lose
    /// the latest commits or, on some file systems, damage the file. Tests and benchmarks only.
    case noSync
  }

  /// The initial size of the memory map in bytes; the map grows by itself when it fills.
  public var mapSize: Int
  /// The largest the map may grow to, or nil for no cap; past it writes fail with
  /// ``StoreError/Kind/mapFull``.
  public var maxMapSize: Int?
  /// How many named LMDB databases (tables, indexes and two internal ones) the environment may
  /// hold; raised automatically to what the schema needs.
  public var maxTables: Int
  /// How many read transactions may be open at once across the process.
  public var maxReaders: Int
  /// Whether commits are flushed to disk.
  public var durability: Durability
  /// The most write requests the writer puts into one transaction (group commit). 1 disables
  /// group commit: one request per transaction, one fsync each.
  public var maxBatchSize: Int
  /// How often the writer thread clears reader slots left by dead processes (`mdb_reader_check`).
  public var readerCheckInterval: Duration

  /// Creates a configuration; every parameter has the daemon's default.
  public init(
    mapSize: Int = 256 << 20,
    maxMapSize: Int? = nil,
    maxTables: Int = 64,
    maxReaders: Int = 126,
    durability: Durability = .durable,
    maxBatchSize: Int = 256,
    readerCheckInterval: Duration = .seconds(30)
  ) {
    self.mapSize = mapSize
    self.maxMapSize = maxMapSize
    self.maxTables = maxTables
    self.maxReaders = maxReaders
    self.durability = durability
    self.maxBatchSize = maxBatchSize
    self.readerCheckInterval = readerCheckInterval
  }

  /// Throws ``StoreError/Kind/invalidConfiguration`` naming the first value that cannot work.
  func validate() throws(StoreError) {
    guard mapSize > 0 else {
      throw StoreError(.invalidConfiguration, "mapSize must be positive, got \(mapSize)")
    }
    if let maxMapSize, maxMapSize < mapSize {
      throw StoreError(
        .invalidConfiguration, "maxMapSize (\(maxMapSize)) must not be below mapSize (\(mapSize))")
    }
    guard maxReaders >= 2 else {
      throw StoreError(.invalidConfiguration, "maxReaders must be at least 2, got \(maxReaders)")
    }
    guard maxBatchSize >= 1 else {
      throw StoreError(.invalidConfiguration, "maxBatchSize must be at least 1, got \(maxBatchSize)")
    }
    guard readerCheckInterval > .zero else {
      throw StoreError(.invalidConfiguration, "readerCheckInterval must be positive")
    }
  }
}
