import Crypto
import Foundation
import NIOPosix
import _CryptoExtras

/// Hashes and checks passwords with scrypt (swift-crypto's CryptoExtras), a 16-byte random salt
/// per account, on a small pool of its own threads so that hashing never blocks an event loop
/// and a storm of logins cannot take every core.
///
/// Parameters (see README, "Security"): N = 2^15, r = 8, p = 1, 32-byte output; about 32 MiB and
/// tens of milliseconds per hash. The parameters are stored with each hash, so they can be
/// raised later without breaking existing accounts.
public final class PasswordHasher: Sendable {
  /// scrypt parameters.
  public struct Parameters: Sendable, Hashable {
    /// log2 of N, the CPU and memory cost.
    public var log2Rounds: UInt32
    /// r, the block size.
    public var blockSize: UInt32
    /// p, the parallelism.
    public var parallelism: UInt32

    /// The production parameters: N = 2^15, r = 8, p = 1.
    public static let standard = Parameters(log2Rounds: 15, blockSize: 8, parallelism: 1)
    /// Cheap parameters for tests only: N = 2^10.
    public static let fastForTests = Parameters(log2Rounds: 10, blockSize: 8, parallelism: 1)

    /// Creates parameters.
    public init(log2Rounds: UInt32, blockSize: UInt32, parallelism: UInt32) {
      self.log2Rounds = log2Rounds
      self.blockSize = blockSize
      self.parallelism = parallelism
    }
  }

  /// The shortest password accepted.
  public static let minimumLength = 10

  let parameters: Parameters
  private let pool: NIOThreadPool

  /// Creates a hasher with its own threads (`threads`, default 2).
  public init(parameters: Parameters = .standard, threads: Int = 2) {
    self.parameters = parameters
    self.pool = NIOThreadPool(numberOfThreads: threads)
    pool.start()
  }

  deinit {
    pool.shutdownGracefully { _ in }
  }

  /// A new hash record for `password`.
  func hash(_ password: String) async throws -> Simpeg_Internal_V1_PasswordHash {
    let salt = Credentials.randomBytes(16)
    let parameters = self.parameters
    let derived = try await pool.runIfActive {
      try Self.derive(password, salt: salt, parameters: parameters)
    }
    var record = Simpeg_Internal_V1_PasswordHash()
    record.salt = Data(salt)
    record.hash = Data(derived)
    record.log2Rounds = parameters.log2Rounds
    record.blockSize = parameters.blockSize
    record.parallelism = parameters.parallelism
    return record
  }

  /// Whether `password` matches `record`, compared in constant time.
  func verify(_ password: String, against record: Simpeg_Internal_V1_PasswordHash) async throws
    -> Bool
  {
    let parameters = Parameters(
      log2Rounds: record.log2Rounds, blockSize: record.blockSize, parallelism: record.parallelism)
    let salt = Array(record.salt)
    let derived = try await pool.runIfActive {
      try Self.derive(password, salt: salt, parameters: parameters)
    }
    let expected = Array(record.hash)
    guard derived.count == expected.count else { return false }
    var difference: UInt8 = 0
    for (left, right) in zip(derived, expected) { difference |= left ^ right }
    return difference == 0
  }

  /// Spends the time of one verification, for unknown usernames, so timing tells nothing.
  func spendVerificationTime() async {
    _ = try? await pool.runIfActive { [parameters] in
      try Self.derive("-", salt: [UInt8](repeating: 0, count: 16), parameters: parameters)
    }
  }

  private static func derive(_ password: String, salt: [UInt8], parameters: Parameters) throws
    -> [UInt8]
  {
    let key = try KDF.Scrypt.deriveKey(
      from: Array(password.utf8), salt: salt, outputByteCount: 32,
      rounds: 1 << Int(parameters.log2Rounds), blockSize: Int(parameters.blockSize),
      parallelism: Int(parameters.parallelism))
    return key.withUnsafeBytes { Array($0) }
  }
}
