import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import SwiftProtobuf
import Testing

@testable import SimpegServer

/// The life of a service request through the counter app's service account: every step, its
/// time and its order, and what is refused.
@Suite struct ServiceRequestLifeTests {
  typealias World = PublicServiceWorld

  private func receive(
    _ app: Simpeg_V1_PublicServiceService.Client, service: UInt64, reference: String = "KTP/2025/00001",
    at time: Google_Protobuf_Timestamp = wib(2025, 3, 3, 8, 30)
  ) async throws -> Simpeg_V1_ServiceRequest {
    var request = Simpeg_V1_ReceiveServiceRequestRequest()
    request.serviceID = service
    request.reference = reference
    request.channel = .counter
    request.at = time
    return try await app.receiveServiceRequest(request)
  }

  private func assign(
    _ app: Simpeg_V1_PublicServiceService.Client, _ id: UInt64, to employee: UInt64 = World.clerkPelayanan,
    at time: Google_Protobuf_Timestamp = wib(2025, 3, 3, 9, 0)
  ) async throws -> Simpeg_V1_ServiceRequest {
    var request = Simpeg_V1_AssignServiceRequestRequest()
    request.requestID = id
    request.employeeID = employee
    request.at = time
    return try await app.assignServiceRequest(request)
  }

  private func start(
    _ app: Simpeg_V1_PublicServiceService.Client, _ id: UInt64, at time: Google_Protobuf_Timestamp
  ) async throws -> Simpeg_V1_ServiceRequest {
    var request = Simpeg_V1_StartServiceRequestRequest()
    request.requestID = id
    request.at = time
    return try await app.startServiceRequest(request)
  }

  private func complete(
    _ app: Simpeg_V1_PublicServiceService.Client, _ id: UInt64, at time: Google_Protobuf_Timestamp
  ) async throws -> Simpeg_V1_ServiceRequest {
    var request = Simpeg_V1_CompleteServiceRequestRequest()
    request.requestID = id
    request.at = time
    return try await app.completeServiceRequest(request)
  }

  private func reject(
    _ app: Simpeg_V1_PublicServiceService.Client, _ id: UInt64, reason: String = "Berkas tidak lengkap",
    at time: Google_Protobuf_Timestamp = wib(2025, 3, 3, 10, 0)
  ) async throws -> Simpeg_V1_ServiceRequest {
    var request = Simpeg_V1_RejectServiceRequestRequest()
    request.requestID = id
    request.reason = reason
    request.at = time
    return try await app.rejectServiceRequest(request)
  }

  @Test func requestGoesFromReceiptToCompletionWithEveryStepTimedAndMeasured() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin(), maximum: 3)
      let app = try await world.counterApp()
      let received = try await receive(app, service: service.id)
      #expect(received.state == .received)
      #expect(received.unitID == World.disdukcapil)
      #expect(received.standard.maximum == 3)
      _ = try await assign(app, received.id)
      _ = try await start(app, received.id, at: wib(2025, 3, 3, 9, 30))
      // Monday 3 March to Thursday 6 March 2025: three working days, the standard exactly.
      let done = try await complete(app, received.id, at: wib(2025, 3, 6, 14, 0))
      #expect(done.state == .completed)
      #expect(done.assigneeEmployeeID == World.clerkPelayanan)
      #expect(done.receivedAt == wib(2025, 3, 3, 8, 30))
      #expect(done.assignedAt == wib(2025, 3, 3, 9, 0))
      #expect(done.startedAt == wib(2025, 3, 3, 9, 30))
      #expect(done.completedAt == wib(2025, 3, 6, 14, 0))
      #expect(done.transitions.map(\.state) == [.received, .assigned, .inProcess, .completed])
      #expect(done.transitions.allSatisfy { $0.actor.hasPrefix("loket-") })
      #expect(done.turnaround == 3)
      #expect(done.withinStandard)

      var get = Simpeg_V1_GetServiceRequestRequest()
      get.reference = Simpeg_V1_ServiceRequestReference.with {
        $0.unitID = World.disdukcapil
        $0.reference = "KTP/2025/00001"
      }
      #expect(try await app.getServiceRequest(get) == done)
    }
  }

  @Test func everyStepIsAuditedInTheSameTransaction() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let app = try await world.counterApp()
      let before = try world.snapshot().auditRecords
      let received = try await receive(app, service: service.id)
      _ = try await assign(app, received.id)
      _ = try await reject(app, received.id)
      let records = try world.store.read { transaction in
        try Tables.audit.scan(in: transaction, direction: .reverse, limit: 3).map(\.value).reversed()
      }
      #expect(try world.snapshot().auditRecords == before + 3)
      #expect(
        records.map(\.method) == [
          "simpeg.v1.PublicServiceService/ReceiveServiceRequest",
          "simpeg.v1.PublicServiceService/AssignServiceRequest",
          "simpeg.v1.PublicServiceService/RejectServiceRequest",
        ])
      #expect(records.allSatisfy { $0.targets.contains("service_request:\(received.id)") })
      #expect(try world.store.read { try AuditTrail.verify(in: $0) }.intact)
    }
  }

  @Test func completingARejectedRequestIsRefusedNamingTheOrderAndChangesNothing() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let app = try await world.counterApp()
      let received = try await receive(app, service: service.id)
      _ = try await reject(app, received.id)
      let before = try world.snapshot()
      let error = await rpcError { _ = try await complete(app, received.id, at: wib(2025, 3, 4, 9, 0)) }
      #expect(error?.code == .failedPrecondition)
      #expect(error?.message.contains("a request that is rejected cannot be completed") == true)
      #expect(try world.snapshot() == before)
    }
  }

  @Test func startingARequestThatWasNeverAssignedIsRefused() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let app = try await world.counterApp()
      let received = try await receive(app, service: service.id)
      let before = try world.snapshot()
      let error = await rpcError { _ = try await start(app, received.id, at: wib(2025, 3, 3, 9, 0)) }
      #expect(error?.code == .failedPrecondition)
      #expect(error?.message.contains("only a request that is assigned can") == true)
      #expect(try world.snapshot() == before)
    }
  }

  @Test func aStepTimedBeforeThePreviousStepIsRefused() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let app = try await world.counterApp()
      let received = try await receive(app, service: service.id, at: wib(2025, 3, 3, 10, 0))
      let before = try world.snapshot()
      let error = await rpcError { _ = try await assign(app, received.id, at: wib(2025, 3, 3, 9, 59)) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.contains("before the request's previous step") == true)
      #expect(try world.snapshot() == before)
    }
  }

  @Test func aStepTimedInTheFutureIsRefused() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let app = try await world.counterApp()
      let error = await rpcError {
        _ = try await receive(
          app, service: service.id,
          at: Google_Protobuf_Timestamp(date: TestToday.instant.addingTimeInterval(3600)))
      }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.contains("lies in the future") == true)
      #expect(try world.snapshot().requests.isEmpty)
    }
  }

  @Test func assigningAnEmployeeOfAnotherUnitIsRefused() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let app = try await world.counterApp()
      let received = try await receive(app, service: service.id)
      let before = try world.snapshot()
      let error = await rpcError { _ = try await assign(app, received.id, to: World.officerDPMPTSP) }
      #expect(error?.code == .failedPrecondition)
      #expect(error?.message.contains("only its own staff handle its requests") == true)
      #expect(try world.snapshot() == before)
    }
  }

  @Test func aRejectionWithoutAReasonIsRefused() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let app = try await world.counterApp()
      let received = try await receive(app, service: service.id)
      let before = try world.snapshot()
      let error = await rpcError { _ = try await reject(app, received.id, reason: "  ") }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message == "reason: is required and may not be empty")
      #expect(try world.snapshot() == before)
    }
  }

  @Test func aReferenceIsUsedOnceWithinAUnit() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let app = try await world.counterApp()
      _ = try await receive(app, service: service.id, reference: "KK/1")
      let before = try world.snapshot()
      let error = await rpcError { _ = try await receive(app, service: service.id, reference: "KK/1") }
      #expect(error?.code == .alreadyExists)
      #expect(try world.snapshot() == before)
    }
  }

  @Test func anInactiveServiceReceivesNoRequests() async throws {
    try await World.run { world in
      let admin = try await world.admin()
      let service = try await world.createService(admin)
      var update = Simpeg_V1_UpdatePublicServiceRequest()
      update.serviceID = service.id
      update.active = Google_Protobuf_BoolValue(false)
      _ = try await admin.updatePublicService(update)
      let error = await rpcError { _ = try await receive(try await world.counterApp(), service: service.id) }
      #expect(error?.code == .failedPrecondition)
    }
  }

  @Test func theStandardsUnitCannotChangeOnceRequestsWereReceived() async throws {
    try await World.run { world in
      let admin = try await world.admin()
      let service = try await world.createService(admin)
      _ = try await receive(try await world.counterApp(), service: service.id)
      var update = Simpeg_V1_UpdatePublicServiceRequest()
      update.serviceID = service.id
      update.standard.maximum = 8
      update.standard.unit = .calendarHours
      let error = await rpcError { _ = try await admin.updatePublicService(update) }
      #expect(error?.code == .failedPrecondition)
      var get = Simpeg_V1_GetPublicServiceRequest()
      get.serviceID = service.id
      #expect(try await admin.getPublicService(get).standard.unit == .workingDays)
    }
  }

  @Test func aServiceAccountWithoutTheWriteScopeCannotReceiveRequests() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let reader = try world.services(
        try await world.token(username: "portal-baca", kind: .service, scopes: ["services.read"]))
      let error = await rpcError { _ = try await receive(reader, service: service.id) }
      #expect(error?.code == .permissionDenied)
      #expect(try world.snapshot().requests.isEmpty)
    }
  }

  @Test func staffOfAnotherPerangkatDaerahGetTheSameRefusalWhetherOrNotTheRequestExists() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let received = try await receive(try await world.counterApp(), service: service.id)
      let outsider = try world.services(
        try await world.token(username: "198609262015051003", employeeID: World.officerDPMPTSP))
      var existing = Simpeg_V1_GetServiceRequestRequest()
      existing.requestID = received.id
      var missing = Simpeg_V1_GetServiceRequestRequest()
      missing.requestID = received.id + 1_000
      let first = await rpcError { _ = try await outsider.getServiceRequest(existing) }
      let second = await rpcError { _ = try await outsider.getServiceRequest(missing) }
      #expect(first?.code == .permissionDenied)
      #expect(first == second)
    }
  }

  @Test func lookingUpAReferenceOfAnotherAgencyIsRefusedAlikeWhetherOrNotItExists() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      _ = try await receive(try await world.counterApp(), service: service.id, reference: "KTP/ADA")
      let outsider = try world.services(
        try await world.token(username: "198609262015051003", employeeID: World.officerDPMPTSP))
      func lookup(_ reference: String) async -> RPCError? {
        await rpcError {
          var request = Simpeg_V1_GetServiceRequestRequest()
          request.reference = Simpeg_V1_ServiceRequestReference.with {
            $0.unitID = World.disdukcapil
            $0.reference = reference
          }
          _ = try await outsider.getServiceRequest(request)
        }
      }
      let existing = await lookup("KTP/ADA")
      let missing = await lookup("KTP/TIDAK-ADA")
      #expect(existing?.code == .permissionDenied)
      #expect(existing == missing)
    }
  }

  @Test func anAssigneeReadsTheRequestAssignedToThemWhateverTheirUnit() async throws {
    try await World.run { world in
      let service = try await world.createService(
        try await world.admin(), unit: World.kecamatan, name: "Legalisasi", maximum: 2, in: .calendarHours)
      let app = try await world.counterApp()
      let received = try await receive(app, service: service.id)
      _ = try await assign(app, received.id, to: World.clerkKelurahan)
      let clerk = try world.services(
        try await world.token(username: "198609262015051005", employeeID: World.clerkKelurahan))
      var request = Simpeg_V1_GetServiceRequestRequest()
      request.requestID = received.id
      #expect(try await clerk.getServiceRequest(request).assigneeEmployeeID == World.clerkKelurahan)
    }
  }

  @Test func staffOfASubUnitReadTheirAgencysRequests() async throws {
    try await World.run { world in
      let service = try await world.createService(try await world.admin())
      let received = try await receive(try await world.counterApp(), service: service.id)
      let clerk = try world.services(
        try await world.token(username: "198609262015051002", employeeID: World.clerkPelayanan))
      var list = Simpeg_V1_ListServiceRequestsRequest()
      list.unitID = World.disdukcapil
      list.state = .received
      #expect(try await clerk.listServiceRequests(list).requests.map(\.id) == [received.id])
    }
  }
}
