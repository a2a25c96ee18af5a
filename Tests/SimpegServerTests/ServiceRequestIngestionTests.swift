import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import Testing

@testable import SimpegServer

/// Bulk ingestion of a unit's history through the client-streaming call.
@Suite struct ServiceRequestIngestionTests {
  typealias World = PublicServiceWorld

  /// A completed request received on day `day` of January 2025 (cycling through the month).
  static func completed(_ index: Int, service: UInt64) -> Simpeg_V1_HistoricalServiceRequest {
    var item = Simpeg_V1_HistoricalServiceRequest()
    item.serviceID = service
    item.reference = "LAMA/\(index)"
    item.channel = index % 3 == 0 ? .online : .counter
    let day = 2 + index % 27
    item.receivedAt = wib(2025, 1, day, 8, index % 60)
    item.assigneeEmployeeID = index % 2 == 0 ? World.clerkPelayanan : World.kepalaDukcapil
    item.assignedAt = wib(2025, 1, day, 9, 0)
    item.startedAt = wib(2025, 1, day, 9, 30)
    item.completedAt = wib(2025, 1, min(31, day + index % 4), 14, 0)
    return item
  }

  private func ingest(
    _ client: Simpeg_V1_PublicServiceService.Client, _ items: [Simpeg_V1_HistoricalServiceRequest]
  ) async throws -> Simpeg_V1_IngestServiceRequestsResponse {
    try await client.ingestServiceRequests { writer in
      for item in items { try await writer.write(item) }
    }
  }

  /// Small bounds, so that the tests exercise several batches and the item limit cheaply.
  static func smallBounds(_ configuration: inout DaemonConfiguration) {
    configuration.serviceIngestion = IngestionLimits(maximumItems: 300, batchSize: 100)
  }

  @Test func aHistoryIsStoredInBatchesAndCountedInTheReports() async throws {
    try await World.run(configure: Self.smallBounds) { world in
      let service = try await world.createService(try await world.admin())
      let items = (0..<250).map { Self.completed($0, service: service.id) }
      let app = try await world.counterApp()
      let before = try world.snapshot().auditRecords
      let response = try await ingest(app, items)
      #expect(response.items == 250)
      #expect(response.stored == 250)
      #expect(response.batches == 3)
      let snapshot = try world.snapshot()
      #expect(snapshot.auditRecords == before + 3)
      #expect(snapshot.requests.count == 250)
      #expect(snapshot.requests.allSatisfy { $0.historical && $0.state == .completed })
      var request = Simpeg_V1_GetTurnaroundReportRequest()
      request.unitID = World.disdukcapil
      request.serviceID = service.id
      request.from = Simpeg_V1_ReportMonth.with {
        $0.year = 2025
        $0.month = 1
      }
      request.to = request.from
      let figures = try await app.getTurnaroundReport(request).services[0].months[0].figures
      #expect(figures.received == 250)
      #expect(figures.completed == 250)
      #expect(figures.backlog == 0)
      let turnarounds = snapshot.requests.map { Int($0.turnaround) }.sorted()
      #expect(figures.median == UInt32(turnarounds[(turnarounds.count + 1) / 2 - 1]))
    }
  }

  @Test func aBadItemRefusesTheWholeCallNamingItsIndexAndNothingIsStored() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      var items = (0..<10).map { Self.completed($0, service: service.id) }
      items[6].completedAt = wib(2025, 1, 1, 7, 0)  // before it was received
      let before = try world.snapshot()
      let error = await rpcError { _ = try await ingest(try await world.counterApp(), items) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.hasPrefix("item #6 (reference 'LAMA/6')") == true)
      #expect(error?.message.contains("before the request's previous step") == true)
      let problem = try Simpeg_V1_IngestProblem(unpackingAny: try #require(error?.details.first))
      #expect(problem.itemIndex == 6)
      #expect(problem.reference == "LAMA/6")
      #expect(try world.snapshot() == before)
    }
  }

  @Test func anItemOutOfTheLifeOrderIsRefused() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      var items = (0..<3).map { Self.completed($0, service: service.id) }
      items[2].clearStartedAt()  // completed without ever being in process
      let error = await rpcError { _ = try await ingest(try await world.counterApp(), items) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.contains("completed_at needs started_at") == true)
      #expect(try world.snapshot().requests.isEmpty)
    }
  }

  @Test func aReferenceRepeatedWithinTheCallIsRefused() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      var items = (0..<4).map { Self.completed($0, service: service.id) }
      items[3].reference = items[1].reference
      let error = await rpcError { _ = try await ingest(try await world.counterApp(), items) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.contains("repeats item #1") == true)
      #expect(try world.snapshot().requests.isEmpty)
    }
  }

  @Test func sendingTheSameHistoryAgainSkipsWhatIsStored() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let items = (0..<50).map { Self.completed($0, service: service.id) }
      let app = try await world.counterApp()
      _ = try await ingest(app, items)
      let stored = try world.snapshot()
      let again = try await ingest(app, items)
      #expect(again.stored == 0)
      #expect(again.alreadyPresent == 50)
      #expect(try world.snapshot().requests == stored.requests)
      #expect(try world.snapshot().unitTallies == stored.unitTallies)
    }
  }

  @Test func anItemClashingWithADifferentStoredRequestIsRefused() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let app = try await world.counterApp()
      _ = try await ingest(app, [Self.completed(0, service: service.id)])
      var changed = Self.completed(0, service: service.id)
      changed.note = "lain"
      let error = await rpcError {
        _ = try await ingest(app, [Self.completed(1, service: service.id), changed])
      }
      #expect(error?.code == .alreadyExists)
      #expect(error?.message.hasPrefix("item #1") == true)
      #expect(try world.snapshot().requests.count == 1)
    }
  }

  @Test func aCallOfMoreItemsThanTheBoundIsRefusedAtTheFirstItemBeyond() async throws {
    try await World.run(configure: Self.smallBounds) { world in
      let service = try await world.createService(try await world.admin())
      let limit = 300
      let error = await rpcError {
        _ = try await world.counterApp().ingestServiceRequests { writer in
          for index in 0...limit { try await writer.write(Self.completed(index, service: service.id)) }
        }
      }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.hasPrefix("item #\(limit) ") == true)
      #expect(error?.message.contains("one call ingests at most \(limit) requests") == true)
      #expect(try world.snapshot().requests.isEmpty)
    }
  }

  @Test func removingAWrittenBatchTakesItOutOfTheAggregatesAgain() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let empty = try world.snapshot()
      var check = HistoricalRequestCheck(actor: "test", now: TestToday.instant)
      let pending = try world.store.read { transaction in
        try (0..<20).map { index -> RequestBatchWriter.Pending in
          guard
            case .new(let request) = try check.check(
              Self.completed(index, service: service.id), index: index, in: transaction)
          else { throw RPCError(.internal, "expected a new request") }
          return RequestBatchWriter.Pending(index: index, request: request)
        }
      }
      let ids = try await world.store.write { try RequestBatchWriter.store(pending, in: $0) }
      #expect(try world.snapshot().unitTallies.first?.completed == 20)
      try await world.store.write { try RequestBatchWriter.remove(ids, in: $0) }
      let after = try world.snapshot()
      #expect(after.requests.isEmpty)
      #expect(after.unitTallies.isEmpty)
      #expect(after.employeeTallies.isEmpty)
      #expect(after == empty)
    }
  }
}
