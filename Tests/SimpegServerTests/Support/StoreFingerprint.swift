import SimpegAPI
import SimpegStore

@testable import SimpegServer

/// What a refused request must leave unchanged: the change log (units, positions, employees,
/// accounts), the audit trail, the history and the id counters.
struct StoreFingerprint: Equatable {
  var lastChange: UInt64
  var auditRecords: Int
  var historyEntries: Int
  var counters: [String: UInt64]
}

extension TestDaemon {
  /// The store's fingerprint now.
  func fingerprint() throws -> StoreFingerprint {
    try daemon.store.read { transaction in
      var counters: [String: UInt64] = [:]
      for row in try Tables.counters.scan(in: transaction) { counters[row.key] = row.value.value }
      return StoreFingerprint(
        lastChange: daemon.store.lastSequence, auditRecords: try Tables.audit.count(in: transaction),
        historyEntries: try Tables.history.count(in: transaction), counters: counters)
    }
  }

  /// The audit records written after sequence `after`, oldest first.
  func auditRecords(after sequence: UInt64 = 0) throws -> [Simpeg_Internal_V1_AuditTrailRecord] {
    try daemon.store.read { transaction in
      try Tables.audit.scan(in: transaction, range: .from(sequence + 1)).map(\.value)
    }
  }
}
