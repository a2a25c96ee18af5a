import Foundation
import SimpegAPI
import SimpegStore
import SwiftProtobuf

/// Sessions in the store: opening one at login, ending them, and deleting expired ones.
///
/// A session row is keyed by the SHA-256 of its token; the token itself is never stored.
/// Ending a session deletes its row, so logouts and revocations leave nothing behind.
///
/// Cleanup is opportunistic, in the transaction of every successful login: up to
/// ``sweepLimit`` expired sessions of any account are deleted, oldest expiry first (through
/// `Tables.sessionsByExpiry`, so the work is bounded whatever the table holds). Each login adds
/// one session and can remove many expired ones, so expired sessions cannot pile up while
/// people log in, and without logins no sessions are created. One account keeps at most
/// ``maximumPerAccount`` sessions: a login beyond that ends the account's sessions that expire
/// first.
enum Sessions {
  /// Expired sessions deleted per login at most.
  static let sweepLimit = 64
  /// Live sessions one account may hold.
  static let maximumPerAccount = 50

  /// Stores a new session for `tokenSHA256` and makes room under ``maximumPerAccount``.
  @discardableResult
  static func open(
    tokenSHA256: [UInt8], accountID: UInt64, peer: String, now: Date, expiresAt: Date,
    in transaction: WriteTransaction
  ) throws -> Simpeg_Internal_V1_SessionRecord {
    let existing = try Tables.sessions.find(
      Tables.sessionsByAccount, equalTo: accountID, in: transaction)
    if existing.count >= maximumPerAccount {
      let oldest = existing.sorted { $0.value.expiresAt.seconds < $1.value.expiresAt.seconds }
      for row in oldest.prefix(existing.count - maximumPerAccount + 1) {
        try Tables.sessions.delete(row.key, in: transaction)
      }
    }
    var session = Simpeg_Internal_V1_SessionRecord()
    session.tokenSha256 = Data(tokenSHA256)
    session.accountID = accountID
    session.createdAt = Google_Protobuf_Timestamp(date: now)
    session.expiresAt = Google_Protobuf_Timestamp(date: expiresAt)
    session.peer = peer
    try Tables.sessions.insert(session, for: RawKeyBytes(tokenSHA256), in: transaction)
    return session
  }

  /// Deletes the session of `tokenSHA256`; returns whether there was one.
  @discardableResult
  static func end(tokenSHA256: [UInt8], in transaction: WriteTransaction) throws -> Bool {
    try Tables.sessions.delete(RawKeyBytes(tokenSHA256), in: transaction)
  }

  /// Deletes every session of `accountID` except the one of `keeping`; returns how many.
  @discardableResult
  static func endAll(
    of accountID: UInt64, keeping: [UInt8]? = nil, in transaction: WriteTransaction
  ) throws -> Int {
    let rows = try Tables.sessions.find(Tables.sessionsByAccount, equalTo: accountID, in: transaction)
    var ended = 0
    for row in rows where row.key.bytes != keeping {
      if try Tables.sessions.delete(row.key, in: transaction) { ended += 1 }
    }
    return ended
  }

  /// Deletes up to `limit` sessions that expired at or before `now`, oldest first; returns how
  /// many.
  @discardableResult
  static func sweepExpired(now: Date, limit: Int = sweepLimit, in transaction: WriteTransaction)
    throws -> Int
  {
    let candidates = try Tables.sessions.page(
      Tables.sessionsByExpiry, prefix: KeyPrefix(bytes: []), in: transaction, limit: limit)
    var deleted = 0
    for row in candidates.rows {
      guard row.value.expiresAt.date <= now else { break }
      if try Tables.sessions.delete(row.key, in: transaction) { deleted += 1 }
    }
    return deleted
  }
}
