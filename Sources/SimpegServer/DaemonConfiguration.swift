import SimpegRPC
import SimpegStore

/// Everything the daemon's core needs to know; `simpegd` fills it from its configuration file,
/// environment and flags.
public struct DaemonConfiguration: Sendable {
  /// The data folder (LMDB files, the bootstrap credentials file).
  public var dataFolder: String = "simpeg-data"
  /// Where and how the RPC server listens, with its limits.
  public var rpc = SimpegRPC.ServerConfiguration(host: "127.0.0.1", port: 7400)
  /// The store's map size, durability and batching.
  public var store = StoreConfiguration()
  /// How long a session token from Login stays valid.
  public var sessionLifetime: Duration = .seconds(12 * 3600)
  /// scrypt parameters for new password hashes.
  public var passwordParameters = PasswordHasher.Parameters.standard
  /// Failed logins of one username from one client host within ``failedLoginWindow`` after
  /// which Login refuses that username from that host (`RESOURCE_EXHAUSTED`) until the oldest
  /// failure leaves the window. Other hosts, where the account's owner may be, are not refused.
  public var failedLoginsPerAccount = 5
  /// Failed logins of one username from all hosts together within ``failedLoginWindow`` after
  /// which Login refuses that username from everywhere: the bound on guessing spread over many
  /// hosts.
  public var failedLoginsPerAccountAllHosts = 100
  /// Failed logins from one client host within ``failedLoginWindow`` after which Login
  /// refuses that host, whatever the username.
  public var failedLoginsPerHost = 30
  /// The sliding window over which failed logins are counted.
  public var failedLoginWindow: Duration = .seconds(15 * 60)
  /// The year the sample describes: the organisation as of 1 January, and the SKPs, activities and
  /// evaluations of its performance cycle.
  public var sampleYear = 2025
  /// When set, an empty store is filled with the sample Kota Salatiga of this seed at start.
  public var sampleSeed: UInt64?
  /// How many service requests (a year of them) the sample holds.
  public var sampleServiceRequests = 6_000
  /// The bounds of one IngestServiceRequests call.
  var serviceIngestion = IngestionLimits()
  /// The largest evidence file whose bytes are kept with an activity; larger ones travel as a
  /// reference with their SHA-256.
  public var maxEvidenceBytes = 1 << 20
  /// How long after an evaluation is finalised its employee may file a keberatan (14 days, PP
  /// 30/2019 art. 59).
  public var keberatanWindow: Duration = .seconds(14 * 86_400)
  /// The clock every handler, the sample, sessions and the audit trail read: the system's. Tests
  /// pin it; it is not a setting of simpegd.
  public var clock = WIBClock.system
  /// The version reported by GetStats.
  public var version = "simpeg 0.1.0"

  /// The defaults above.
  public init() {}
}
