import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which store a data folder holds, kept beside the data file so that a folder that held a store
/// is never mistaken for a new one.
///
/// LMDB treats a missing or empty `data.mdb` as a new environment: without this file, a data file
/// lost to an operator's mistake or a bad copy would silently become an empty store with a new
/// bootstrap administrator. The store's id (16 random bytes, also kept in the data file's `_meta`)
/// and the last change sequence known to be committed are written to ``fileName`` at open,
/// periodically while writes go on, and at close. On open:
/// - the identity file present but `data.mdb` missing or empty: refused
///   (``StoreError/Kind/storeMissing``) unless the configuration asks for a new store;
/// - `data.mdb` carrying another store's id, or a sequence below the one last recorded (an older
///   copy put in its place): refused (``StoreError/Kind/storeReplaced``).
/// The recorded sequence only ever trails the data file's, because it is written after the
/// commits it describes.
public struct StoreIdentity: Codable, Sendable, Hashable {
  /// The name of the identity file in the data folder.
  public static let fileName = "store-identity.json"

  /// The store's id, 32 lower-case hex digits.
  public var storeID: String
  /// The last change sequence known to be committed when the file was written.
  public var lastSequence: UInt64
  /// When the file was written.
  public var updatedAt: Date

  /// Creates an identity.
  public init(storeID: String, lastSequence: UInt64, updatedAt: Date = Date()) {
    self.storeID = storeID
    self.lastSequence = lastSequence
    self.updatedAt = Date(timeIntervalSince1970: updatedAt.timeIntervalSince1970.rounded(.down))
  }

  /// A new random store id.
  static func newID() -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }

  /// The hex form of an id.
  static func hex(_ id: [UInt8]) -> String { BackupFile.hex(id) }

  /// Reads the identity file of `folder`; nil when there is none.
  static func load(folder: String) throws(StoreError) -> StoreIdentity? {
    let path = folder + "/" + fileName
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw StoreError(.io, "cannot read the store identity \(path); check its permissions")
    }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    do {
      return try decoder.decode(StoreIdentity.self, from: data)
    } catch {
      throw StoreError(
        .storeReplaced,
        "the store identity \(path) is not readable (\(error)); if the data file beside it is the right one, "
          + "move the identity file away and start again to write a new one")
    }
  }

  /// Writes the identity file of `folder` durably: a temporary file, flushed, renamed, and the
  /// folder flushed.
  func write(folder: String) throws(StoreError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    encoder.dateEncodingStrategy = .iso8601
    let bytes: [UInt8]
    do {
      bytes = Array(try encoder.encode(self)) + [0x0A]
    } catch {
      throw StoreError(.io, "cannot encode the store identity: \(error)")
    }
    let path = folder + "/" + Self.fileName
    let temporary = path + ".partial"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
    guard fd >= 0 else { throw StoreError.system("cannot write the store identity", path: temporary) }
    do throws(StoreError) {
      try writeAll(fd, bytes, count: bytes.count, path: temporary)
      guard fsync(fd) == 0 else { throw StoreError.system("cannot flush", path: temporary) }
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    close(fd)
    guard rename(temporary, path) == 0 else {
      throw StoreError.system("cannot rename the store identity to", path: path)
    }
    let directory = open(folder, O_RDONLY | O_CLOEXEC)
    if directory >= 0 {
      _ = fsync(directory)
      close(directory)
    }
  }
}

/// Keeps the identity file of an open store up to date with its last committed sequence.
final class IdentityKeeper: Sendable {
  let folder: String
  let storeID: String
  private let recorded: NIOLockedValueBox<UInt64>

  init(folder: String, storeID: String, recorded: UInt64) {
    self.folder = folder
    self.storeID = storeID
    self.recorded = NIOLockedValueBox(recorded)
  }

  /// Writes `lastSequence` to the identity file if it moved since the last write. Failures are
  /// returned, not thrown: the identity trailing the data is safe, only less informative.
  func record(_ lastSequence: UInt64) -> StoreError? {
    guard recorded.withLockedValue({ $0 }) != lastSequence else { return nil }
    do {
      try StoreIdentity(storeID: storeID, lastSequence: lastSequence).write(folder: folder)
      recorded.withLockedValue { $0 = lastSequence }
      return nil
    } catch {
      return error
    }
  }
}
