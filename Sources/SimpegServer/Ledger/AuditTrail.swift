import Crypto
import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// What one mutating call records in the audit trail, gathered before its write runs. Its time
/// is the moment the ``Ledger`` writes it at.
struct AuditEntry: Sendable {
  var actorAccountID: UInt64
  var actor: String
  var method: String
  var targets: [String]
  var requestSHA256: [UInt8]
  var peer: String
  var requestID: String

  /// The entry of a call made by the authenticated caller of `context` with `request`.
  init(context: ServerContext, request: some SwiftProtobuf.Message, targets: [String] = [])
    throws
  {
    let principal = try context.principal()
    actorAccountID = principal.accountID
    actor = principal.username
    method = context.method.fullName
    self.targets = targets
    let bytes: [UInt8] = (try? request.serializedBytes()) ?? []
    requestSHA256 = Array(SHA256.hash(data: bytes))
    peer = context.peer
    requestID = context.requestID ?? ""
  }

  /// An entry for work the server does itself (bootstrap, sample loading at start).
  init(systemAction method: String, targets: [String] = []) {
    actorAccountID = 0
    actor = "simpegd"
    self.method = method
    self.targets = targets
    requestSHA256 = Array(SHA256.hash(data: [UInt8]()))
    peer = ""
    requestID = ""
  }
}

/// The audit trail: every mutation appends a record in the same transaction as its change,
/// chained by SHA-256 to the record before, so altering, removing or reordering any past
/// record is detected by ``verify(in:)``.
///
/// A record's hash is SHA-256 over the previous record's hash followed by the record's
/// protobuf encoding with its `hash` field empty (deterministic: the message has no maps).
///
/// Times never go backwards along the trail: an entry gathered before a record that committed
/// ahead of it takes that record's time, so a time window is a range of sequences.
enum AuditTrail {
  /// The hash the first record chains to: 32 zero bytes.
  static let genesis = [UInt8](repeating: 0, count: 32)

  /// The newest record's sequence, time and hash: what the next record continues from.
  struct Head: Sendable {
    var sequence: UInt64
    var time: Date
    var hash: [UInt8]

    /// The head of an empty trail.
    static let empty = Head(sequence: 0, time: .distantPast, hash: genesis)
  }

  /// The head as a batch of writes carries it: read from the newest record once per batch, then
  /// moved along in memory by each record the batch appends (``BatchState``; the records carry
  /// it, so there is nothing to write back). A request that fails gives back the records it
  /// appended and its moves of the head with them.
  static let head = BatchState<Head>(name: "audit.head") { transaction in
    guard let last = try Tables.audit.scan(in: transaction, direction: .reverse, limit: 1).first else {
      return .empty
    }
    return Head(sequence: last.key, time: last.value.time.date, hash: Array(last.value.hash))
  }

  /// Appends `entry` (with `targets` if given) made at `time` and returns the record written.
  /// Changes reach it through the ``Ledger``, which writes it with them.
  @discardableResult
  static func append(
    _ entry: AuditEntry, targets: [String]? = nil, at time: Date, in transaction: WriteTransaction
  ) throws -> Simpeg_Internal_V1_AuditTrailRecord {
    try transaction.update(head) { head in
      var record = Simpeg_Internal_V1_AuditTrailRecord()
      record.sequence = head.sequence + 1
      record.time = Google_Protobuf_Timestamp(date: max(time, head.time))
      record.actorAccountID = entry.actorAccountID
      record.actor = entry.actor
      record.method = entry.method
      record.targets = targets ?? entry.targets
      record.requestSha256 = Data(entry.requestSHA256)
      record.peer = entry.peer
      record.requestID = entry.requestID
      record.previousHash = Data(head.hash)
      let hash = try hash(of: record)
      record.hash = Data(hash)
      try Tables.audit.insert(record, for: record.sequence, in: transaction)
      head = Head(sequence: record.sequence, time: record.time.date, hash: hash)
      return record
    }
  }

  /// The hash `record` must carry.
  static func hash(of record: Simpeg_Internal_V1_AuditTrailRecord) throws -> [UInt8] {
    var unhashed = record
    unhashed.hash = Data()
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    let bytes: [UInt8] = try unhashed.serializedBytes(options: options)
    var hasher = SHA256()
    hasher.update(data: record.previousHash)
    hasher.update(data: bytes)
    return Array(hasher.finalize())
  }

  /// The outcome of a verification.
  struct Verification: Sendable {
    var intact: Bool
    var checked: UInt64
    var lastSequence: UInt64
    var brokenAt: UInt64
    var problem: String
  }

  /// Walks the whole trail and checks every sequence number, link and hash.
  static func verify(in transaction: ReadTransaction) throws -> Verification {
    var result = Verification(intact: true, checked: 0, lastSequence: 0, brokenAt: 0, problem: "")
    var previous = genesis
    var expectedSequence: UInt64 = 1
    do {
      try Tables.audit.forEach(in: transaction) { row in
        let sequence = row.key
        let record = row.value
        func broken(_ problem: String) -> Bool {
          result.intact = false
          result.brokenAt = sequence
          result.problem = problem
          return false
        }
        if sequence != expectedSequence || record.sequence != sequence {
          return broken("record \(sequence) is out of order: expected sequence \(expectedSequence)")
        }
        if Array(record.previousHash) != previous {
          return broken("record \(sequence) does not link to record \(sequence - 1)")
        }
        guard let computed = try? hash(of: record), computed == Array(record.hash) else {
          return broken("record \(sequence) was altered: its hash does not match its content")
        }
        previous = computed
        result.checked += 1
        result.lastSequence = sequence
        expectedSequence += 1
        return true
      }
    } catch {
      result.intact = false
      result.brokenAt = expectedSequence
      result.problem = "record \(expectedSequence) cannot be read: \(error)"
    }
    return result
  }
}
