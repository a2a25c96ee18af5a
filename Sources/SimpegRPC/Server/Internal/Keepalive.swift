/// The server's keepalive of one connection (PROTOCOL.md, "PING"), as a pure state machine: a
/// connection from which nothing was read since the last tick gets a PING; one whose PING is
/// still unanswered when its timeout fires has gone away.
struct Keepalive: Equatable {
  /// Whether anything was read since the last tick.
  private(set) var readSinceTick = false
  /// The payload of the PING awaiting its ACK; `nil` when none is outstanding.
  private(set) var outstandingPing: UInt64?

  /// Something was read from the peer.
  mutating func noteRead() {
    readSinceTick = true
  }

  /// A keepalive tick: returns whether to send a PING with `payload` (and arm its timeout).
  mutating func tick(payload: UInt64) -> Bool {
    defer { readSinceTick = false }
    guard !readSinceTick, outstandingPing == nil else { return false }
    outstandingPing = payload
    return true
  }

  /// A PING ACK arrived: the peer is alive.
  mutating func ackReceived() {
    outstandingPing = nil
  }

  /// Whether the PING sent with `payload` is still unanswered.
  func isUnanswered(_ payload: UInt64) -> Bool {
    outstandingPing == payload
  }
}
