import Foundation
import SimpegAPI
import Testing

@testable import SimpegServer

@Suite struct DaemonStartTests {
  @Test func firstStartWritesBootstrapCredentialsReadableByOwnerOnly() async throws {
    try await withTestDaemon { test in
      let path = try #require(test.daemon.bootstrapCredentialsFile)
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
      #expect(try test.adminPassword.count == 16)
    }
  }

  @Test func healthIsServingOnceStarted() async throws {
    try await withTestDaemon { test in
      let health = Simpeg_V1_HealthService.Client(wrapping: try test.client())
      #expect(try await health.check(Simpeg_V1_HealthCheckRequest()).status == .serving)
    }
  }

  @Test func everyServedMethodHasAnAccessRule() async throws {
    for service in SimpegCatalogue.services {
      for method in service.methods {
        #expect(AccessPolicy.rule(for: method.descriptor) != nil, "\(method.descriptor) has no rule")
      }
    }
  }

  @Test func sampleOrganisationLoadsIntoAnEmptyStore() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let counts = try test.daemon.store.read { transaction in
        (
          try Tables.units.count(in: transaction), try Tables.positions.count(in: transaction),
          try Tables.employees.count(in: transaction)
        )
      }
      #expect(counts.0 > 100)
      #expect(counts.2 >= 3000 && counts.2 <= 4000)
      let audit = try test.daemon.store.read { try AuditTrail.verify(in: $0) }
      #expect(audit.intact)
      // The bootstrap administrator, the organisation, its performance cycle, and the public
      // services with their requests.
      #expect(
        audit.checked == 3
          + SamplePublicService.auditRecords(requests: DaemonConfiguration().sampleServiceRequests))
    }
  }
}
