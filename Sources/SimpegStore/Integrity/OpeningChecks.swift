import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What ``Store/open(at:configuration:schema:logger:)`` checks before LMDB maps the data file, and
/// how it ties the file to the folder's identity afterwards.
enum OpeningChecks {
  /// The LMDB data file's name in the folder.
  static let dataFileName = "data.mdb"

  /// Refuses a missing data file where a store lived, and a data file that is truncated or whose
  /// structure is damaged, before LMDB may map it (mapping a truncated file faults with SIGBUS on
  /// first access; a damaged page can crash LMDB). Returns the identity the opened store must
  /// match: nil once a new store is started over a missing data file, as asked.
  static func beforeMapping(
    folder: String, identity: StoreIdentity?, configuration: StoreConfiguration, logger: Logger
  ) throws(StoreError) -> StoreIdentity? {
    let dataPath = folder + "/" + dataFileName
    var info = stat()
    let size: Int? = stat(dataPath, &info) == 0 ? Int(info.st_size) : nil
    guard let size, size > 0 else {
      guard let identity else { return nil }  // a new folder: LMDB creates the file
      let state = size == nil ? "missing" : "empty"
      guard configuration.createOverMissingData else {
        throw StoreError(
          .storeMissing,
          "the data folder \(folder) held store \(identity.storeID) (changes up to sequence "
            + "\(identity.lastSequence) on \(iso(identity.updatedAt))) but its data file \(dataPath) is \(state). "
            + "Nothing was changed. Restore the latest backup into a new folder (simpeg-admin restore FILE "
            + "--data NEW-FOLDER) and start on that; only to begin an empty store here on purpose, start with "
            + "--new-store")
      }
      logger.warning(
        "starting a new, empty store where a store's data file is \(state), as asked",
        metadata: ["folder": "\(folder)", "previous-store": "\(identity.storeID)"])
      unlink(folder + "/" + StoreIdentity.fileName)
      return nil
    }
    let what = "the data file \(dataPath)"
    let header: DataFileHeader
    do {
      header = try DataFileHeader.read(path: dataPath, describing: what)
    } catch {
      throw refusal(error, folder: folder)
    }
    switch configuration.openCheck {
    case .header:
      let pages = UInt64(header.fileSize / header.newest.pageSize)
      for root in [header.newest.main.root, header.newest.free.root] where root != DataFileHeader.invalidPage
      {
        guard root < pages else {
          throw refusal(
            StoreError(
              .dataFileTruncated,
              "\(what) is \(header.fileSize) bytes but its header's trees begin at page \(root): the file is "
                + "truncated"),
            folder: folder)
        }
      }
    case .full:
      let clock = ContinuousClock()
      let started = clock.now
      let report = try DataFileWalk.run(path: dataPath, header: header)
      if !report.isIntact {
        let found = report.problems.prefix(3).map(\.description).joined(separator: "; ")
        let kind: StoreError.Kind = report.truncated ? .dataFileTruncated : .corrupted
        let state = report.truncated ? "is truncated" : "is damaged"
        throw refusal(StoreError(kind, "\(what) \(state): \(found)"), folder: folder)
      }
      logger.info(
        "data file checked",
        metadata: [
          "pages": "\(report.pagesRead)", "bytes": "\(header.fileSize)", "duration": "\(clock.now - started)",
        ])
    }
    return identity
  }

  /// The error for a data file that cannot be opened, saying what to do.
  private static func refusal(_ error: StoreError, folder: String) -> StoreError {
    StoreError(
      error.kind,
      "\(error.message). Nothing was changed and the store was not opened. Restore the latest backup into "
        + "a new folder (simpeg-admin restore FILE --data NEW-FOLDER) and start on that; simpeg-admin check "
        + "--data \(folder) reports what this file still holds",
      code: error.code)
  }

  /// Ties the opened data file to the folder's identity: gives a store without an id one, refuses
  /// another store's file or an older copy, and records the identity. Returns its keeper.
  ///
  /// A failure to write the file (a full disk, say) is logged, not thrown: the store still opens
  /// for reading, and the writer tries again later.
  static func reconcileIdentity(
    _ identity: StoreIdentity?, storeID: [UInt8], lastSequence: UInt64, folder: String, logger: Logger
  ) throws(StoreError) -> IdentityKeeper {
    let id = StoreIdentity.hex(storeID)
    if let identity {
      guard identity.storeID == id else {
        throw StoreError(
          .storeReplaced,
          "the data file in \(folder) belongs to store \(id), but this folder held store \(identity.storeID): "
            + "another store's file was put here. Nothing was changed. Start the other store in a folder of its "
            + "own (simpeg-admin restore FILE --data NEW-FOLDER), or restore this folder's latest backup")
      }
      guard lastSequence >= identity.lastSequence else {
        throw StoreError(
          .storeReplaced,
          "the data file in \(folder) holds changes up to sequence \(lastSequence), but this store had "
            + "committed up to \(identity.lastSequence) on \(iso(identity.updatedAt)): an older copy replaced "
            + "its data file and the later changes would be lost silently. Nothing was changed. Restore the "
            + "latest backup into a new folder (simpeg-admin restore FILE --data NEW-FOLDER); to accept the "
            + "older data on purpose, move \(StoreIdentity.fileName) out of the folder first")
      }
    }
    let keeper = IdentityKeeper(folder: folder, storeID: id, recorded: identity?.lastSequence ?? .max)
    if let error = keeper.record(lastSequence) {
      logger.warning(
        "could not write the store identity file; it is written again later",
        metadata: ["folder": "\(folder)", "error": "\(error)"])
    }
    return keeper
  }

  private static func iso(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
  }
}
