import Foundation
import SimpegStore
import SimpegStoreTestSupport
import Testing

@testable import SimpegServer

/// The audit trail's head travels in memory from request to request of a write batch
/// (``AuditTrail/head``): records appended in one batch chain to each other, and a request that
/// fails takes its record and its move of the head back, so the chain still verifies.
@Suite struct AuditChainBatchTests {
  private struct Refusal: Error {}

  @Test func recordsAppendedInOneBatchChainToEachOther() async throws {
    try await withTestDaemon { test in
      let store = test.daemon.store
      let now = test.daemon.clock.now().instant
      let before = try store.read { try AuditTrail.verify(in: $0) }
      let gate = try await holdWriter(store, untilQueued: 8)
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<8 {
          group.addTask {
            _ = try await store.write { transaction in
              try AuditTrail.append(
                AuditEntry(systemAction: "test/Batched\(index)"), at: now, in: transaction)
            }
          }
        }
        try await group.waitForAll()
      }
      try await gate.value
      let after = try store.read { try AuditTrail.verify(in: $0) }
      #expect(after.intact, "\(after.problem)")
      #expect(after.lastSequence == before.lastSequence + 8)
    }
  }

  @Test func aFailedRequestInABatchLeavesTheChainValid() async throws {
    try await withTestDaemon { test in
      let store = test.daemon.store
      let now = test.daemon.clock.now().instant
      let before = try store.read { try AuditTrail.verify(in: $0) }
      let retriesBefore = try store.stats().isolatedRetries
      let gate = try await holdWriter(store, untilQueued: 3)
      async let first: Void = store.write { transaction in
        try AuditTrail.append(AuditEntry(systemAction: "test/First"), at: now, in: transaction)
      }
      let failing = Task {
        try await store.write { transaction in
          try AuditTrail.append(AuditEntry(systemAction: "test/Failing"), at: now, in: transaction)
          throw Refusal()
        }
      }
      async let third: Void = store.write { transaction in
        try AuditTrail.append(AuditEntry(systemAction: "test/Third"), at: now, in: transaction)
      }
      try await first
      try await third
      await #expect(throws: Refusal.self) { try await failing.value }
      try await gate.value
      #expect(try store.stats().isolatedRetries == retriesBefore + 1)
      // The batch after the failure continues the chain from what was stored.
      try await store.write { transaction in
        try AuditTrail.append(AuditEntry(systemAction: "test/Next"), at: now, in: transaction)
      }
      let after = try store.read { try AuditTrail.verify(in: $0) }
      #expect(after.intact, "\(after.problem)")
      #expect(after.lastSequence == before.lastSequence + 3)
      let methods = try store.read { transaction in
        try Tables.audit.scan(in: transaction, range: .from(before.lastSequence + 1)).map(\.value.method)
      }
      #expect(Set(methods.prefix(2)) == ["test/First", "test/Third"])
      #expect(methods.last == "test/Next")
    }
  }
}
