import Foundation
import NIOConcurrencyHelpers

/// A file of acknowledged writes, one JSON object a line, each written with one `write(2)` as
/// soon as the server acknowledges it: a crash-safety check reads it back after killing the
/// daemon and expects every line's activity to be there.
///
/// A line: `{"activity_id":123,"employee_id":45,"nip":"198...","skp_id":67}`.
public final class AckLog: Sendable {
  /// One acknowledged write.
  public struct Entry: Codable, Sendable, Equatable {
    /// The activity's id as acknowledged.
    public var activityID: UInt64
    /// The employee who logged it.
    public var employeeID: UInt64
    /// Their NIP (username), to log in as them and read it back.
    public var nip: String
    /// The SKP it was logged against.
    public var skpID: UInt64

    /// An entry.
    public init(activityID: UInt64, employeeID: UInt64, nip: String, skpID: UInt64) {
      self.activityID = activityID
      self.employeeID = employeeID
      self.nip = nip
      self.skpID = skpID
    }

    enum CodingKeys: String, CodingKey {
      case activityID = "activity_id"
      case employeeID = "employee_id"
      case nip
      case skpID = "skp_id"
    }
  }

  private let handle: NIOLockedValueBox<FileHandle>
  private let encoder: JSONEncoder

  /// Opens `path` for appending, creating it if needed.
  public init(path: String) throws(LoadUsageError) {
    if !FileManager.default.fileExists(atPath: path) {
      guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw LoadUsageError("cannot create the ack log \(path)")
      }
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw LoadUsageError("cannot open the ack log \(path) for writing")
    }
    handle.seekToEndOfFile()
    self.handle = NIOLockedValueBox(handle)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    self.encoder = encoder
  }

  /// Appends one line (a failure to write is reported once on stderr and the run goes on).
  public func append(_ entry: Entry) {
    guard var line = try? encoder.encode(entry) else { return }
    line.append(0x0A)
    handle.withLockedValue { handle in
      do {
        try handle.write(contentsOf: line)
      } catch {
        FileHandle.standardError.write(Data("simpeg-load: cannot append to the ack log: \(error)\n".utf8))
      }
    }
  }

  /// Flushes the file to disk and closes it.
  public func close() {
    handle.withLockedValue { handle in
      try? handle.synchronize()
      try? handle.close()
    }
  }

  /// Reads the entries of an ack log.
  public static func read(path: String) throws -> [Entry] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let decoder = JSONDecoder()
    return try text.split(separator: "\n").map { try decoder.decode(Entry.self, from: Data($0.utf8)) }
  }
}
