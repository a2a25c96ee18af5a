import SimpegAPI

extension Simpeg_V1_AuditRecord {
  /// The answer for a stored audit record: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_AuditTrailRecord) {
    self.init()
    sequence = record.sequence
    if record.hasTime { time = record.time }
    actorAccountID = record.actorAccountID
    actor = record.actor
    method = record.method
    targets = record.targets
    requestSha256 = record.requestSha256
    previousHash = record.previousHash
    hash = record.hash
    peer = record.peer
    requestID = record.requestID
  }
}

extension Simpeg_Internal_V1_AuditTrailRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_AuditRecord) {
    self.init()
    sequence = message.sequence
    if message.hasTime { time = message.time }
    actorAccountID = message.actorAccountID
    actor = message.actor
    method = message.method
    targets = message.targets
    requestSha256 = message.requestSha256
    previousHash = message.previousHash
    hash = message.hash
    peer = message.peer
    requestID = message.requestID
  }
}
