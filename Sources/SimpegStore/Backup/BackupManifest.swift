import Foundation

/// What a backup file holds, computed from the file itself: versions, counts, size and hash.
///
/// Produced by ``Store/backup(to:)``, by ``StoreBackup/manifest(ofFile:createdAt:)`` from a file
/// alone (for example after downloading a stream), and checked by ``StoreBackup/verify(file:against:)``.
/// Counts come from opening the copy itself read-only, so they describe exactly what the file
/// holds. Encoded as JSON with sorted keys and ISO 8601 time.
public struct BackupManifest: Codable, Sendable, Hashable {
  /// The layout of this manifest (1).
  public var manifestVersion: Int
  /// The store format recorded in the backup's `_meta` table.
  public var storeFormatVersion: UInt64
  /// The schema version recorded in the backup's `_meta` table.
  public var schemaVersion: UInt64
  /// The change-log sequence the backup is consistent with: every change up to it, none after.
  public var lastSequence: UInt64
  /// The entry count of every LMDB database in the file (tables, `table/index`, `_meta`, `_changes`).
  public var entries: [String: Int]
  /// The file's size in bytes.
  public var sizeBytes: Int
  /// The file's SHA-256, lower-case hex.
  public var sha256: String
  /// When the manifest was made.
  public var createdAt: Date
  /// The id of the store the backup was taken from (32 hex digits), nil for a backup of a store
  /// made before stores had ids.
  public var storeID: String?

  /// Creates a manifest.
  public init(
    manifestVersion: Int = 1, storeFormatVersion: UInt64, schemaVersion: UInt64, lastSequence: UInt64,
    entries: [String: Int], sizeBytes: Int, sha256: String, createdAt: Date, storeID: String? = nil
  ) {
    self.manifestVersion = manifestVersion
    self.storeFormatVersion = storeFormatVersion
    self.schemaVersion = schemaVersion
    self.lastSequence = lastSequence
    self.entries = entries
    self.sizeBytes = sizeBytes
    self.sha256 = sha256
    self.createdAt = Self.wholeSeconds(createdAt)
    self.storeID = storeID
  }

  /// `createdAt` is kept to whole seconds so that the JSON form (ISO 8601) round-trips exactly.
  static func wholeSeconds(_ date: Date) -> Date {
    Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
  }

  /// The manifest as JSON (sorted keys, ISO 8601 time).
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    encoder.dateEncodingStrategy = .iso8601
    return try encoder.encode(self)
  }

  /// Reads a manifest from JSON written by ``jsonData()``.
  public static func decode(json: Data) throws -> BackupManifest {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(BackupManifest.self, from: json)
  }
}
