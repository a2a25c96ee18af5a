/// How a store opens its LMDB environment and runs its writer.
///
/// The defaults suit the daemon: durable commits, group commit of up to 256 requests, a 256 MiB
/// map that grows by doubling with no cap but the address space (the daemon itself reserves a far
/// larger map up front, see its `map-size` setting).
public struct StoreConfiguration: Sendable, Hashable {
  /// How much of the data file is checked before LMDB maps it.
  public enum OpenCheck: Sendable, Hashable {
    /// The meta pages, and that the trees' roots lie inside the file.
    case header
    /// Every page the trees reach, read once and checked for structure (see the README). The
    /// default: a damaged or truncated file is refused at open instead of crashing the process
    /// later. It reads the whole used file, so opening takes about as long as reading it once.
    case full
  }

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
  /// How long map growth waits for running backups before abandoning them, so writes never
  /// stall longer than this behind a backup.
  public var growthPatience: Duration
  /// How long a streamed backup waits for its consumer to take the next chunk before it is
  /// abandoned, releasing its read transaction.
  public var backupStallTimeout: Duration
  /// How much of the data file is checked at open.
  public var openCheck: OpenCheck
  /// Whether a folder whose identity says it held a store, but whose data file is missing or
  /// empty, may become a new, empty store. Off by default: such a folder is refused
  /// (``StoreError/Kind/storeMissing``). Turn it on only for one start that asks for it.
  public var createOverMissingData: Bool

  /// Creates a configuration; every parameter has the daemon's default.
  public init(
    mapSize: Int = 256 << 20,
    maxMapSize: Int? = nil,
    maxTables: Int = 64,
    maxReaders: Int = 126,
    durability: Durability = .durable,
    maxBatchSize: Int = 256,
    readerCheckInterval: Duration = .seconds(30),
    growthPatience: Duration = .seconds(2),
    backupStallTimeout: Duration = .seconds(60),
    openCheck: OpenCheck = .full,
    createOverMissingData: Bool = false
  ) {
    self.mapSize = mapSize
    self.maxMapSize = maxMapSize
    self.maxTables = maxTables
    self.maxReaders = maxReaders
    self.durability = durability
    self.maxBatchSize = maxBatchSize
    self.readerCheckInterval = readerCheckInterval
    self.growthPatience = growthPatience
    self.backupStallTimeout = backupStallTimeout
    self.openCheck = openCheck
    self.createOverMissingData = createOverMissingData
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
    guard growthPatience >= .zero else {
      throw StoreError(.invalidConfiguration, "growthPatience must not be negative")
    }
    guard backupStallTimeout > .zero else {
      throw StoreError(.invalidConfiguration, "backupStallTimeout must be positive")
    }
  }
}
