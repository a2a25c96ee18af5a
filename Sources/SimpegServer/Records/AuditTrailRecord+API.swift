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
