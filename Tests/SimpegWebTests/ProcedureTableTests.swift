import Foundation
import NIOCore
import SimpegAPI
import SimpegRPC
import Testing

@testable import SimpegWeb

/// The method table comes from the generated catalogue, and the JSON mapping is protobuf's.
@Suite struct ProcedureTableTests {
  @Test func everyMethodOfTheSchemaIsServedOrWithheldWithAReason() {
    let table = ProcedureTable.catalogue
    var served = 0
    for service in SimpegCatalogue.services {
      for method in service.methods {
        switch table.lookup(method.descriptor.fullName[...]) {
        case .served: served += 1
        case .withheld(let reason): #expect(!reason.isEmpty)
        case .unknown: Issue.record("\(method.descriptor.fullName) is missing")
        }
      }
    }
    #expect(served >= 100)
  }

  @Test func theBackupStreamIsWithheldNamingTheTool() {
    guard case .withheld(let reason) = ProcedureTable.catalogue.lookup("simpeg.v1.AdminService/Backup") else {
      Issue.record("Backup is served")
      return
    }
    #expect(reason.contains("simpeg-admin backup"))
  }

  @Test func aMethodAddedToTheSchemaIsServedWithoutAChangeHere() {
    let invented = MethodSchema(
      MethodDescriptor(service: "simpeg.v9.NewService", method: "Ping", kind: .unary),
      input: Simpeg_V1_HealthCheckRequest.self, output: Simpeg_V1_HealthCheckResponse.self,
      idempotency: .noSideEffects)
    let table = ProcedureTable(services: [ServiceSchema(name: "simpeg.v9.NewService", methods: [invented])])
    guard case .served(let procedure) = table.lookup("simpeg.v9.NewService/Ping") else {
      Issue.record("not served")
      return
    }
    #expect(procedure.allowsGet)
  }

  @Test func onlyUnaryReadsAllowGet() {
    func allowsGet(_ name: String) -> Bool {
      if case .served(let procedure) = ProcedureTable.catalogue.lookup(name[...]) {
        return procedure.allowsGet
      }
      return false
    }
    #expect(allowsGet("simpeg.v1.OrgService/GetUnit"))
    #expect(allowsGet("simpeg.v1.AuthService/WhoAmI"))
    #expect(!allowsGet("simpeg.v1.OrgService/CreateUnit"))
    #expect(!allowsGet("simpeg.v1.AuthService/Login"))
    #expect(!allowsGet("simpeg.v1.ActivityService/WatchActivities"))
  }

  @Test(arguments: [
    ("/simpeg.v1.OrgService/GetUnit", true), ("/simpeg.v1.OrgService/", false), ("/index.html", false),
    ("/events/activities", false), ("/a.b/c/d", false),
  ])
  func procedurePathsAreRecognised(path: String, expected: Bool) {
    #expect(ProcedureTable.looksLikeProcedure(path[...]) == expected)
  }

  @Test func jsonUsesTheProtobufMapping() throws {
    var employee = Simpeg_V1_Employee()
    employee.id = 9_007_199_254_740_993  // past 2^53: a JSON number would lose it
    employee.nip = "198506152010041001"
    employee.gender = .perempuan
    employee.birthPlace = "Salatiga"
    employee.positionID = 0
    let binary = try employee.serializedBuffer()
    let json = String(buffer: try MessageCodec(Simpeg_V1_Employee.self).encoded(binary, as: .json))
    #expect(json.contains(#""id":"9007199254740993""#))
    #expect(json.contains(#""nip":"198506152010041001""#))
    #expect(json.contains(#""gender":"PEREMPUAN""#))
    #expect(json.contains(#""birthPlace":"Salatiga""#))
    #expect(!json.contains("positionId"), "fields at their default are left out")
  }

  @Test func unknownJSONFieldsAreRefusedByNameUnlessIgnored() throws {
    let codec = MessageCodec(Simpeg_V1_GetUnitRequest.self)
    let body = ByteBuffer(string: #"{"unitId":"5","colour":"blue"}"#)
    do {
      _ = try codec.binary(from: body, encoding: .json, ignoreUnknownFields: false)
      Issue.record("accepted an unknown field")
    } catch {
      let refusal = RequestDecodingProblem.error(error, messageName: codec.messageName, encoding: .json)
      #expect(refusal.code == .invalidArgument)
      #expect(refusal.message.contains("'colour'"))
      #expect(refusal.message.contains(GatewayHeaders.ignoreUnknownFieldsName))
    }
    let binary = try codec.binary(from: body, encoding: .json, ignoreUnknownFields: true)
    #expect(try Simpeg_V1_GetUnitRequest(buffer: binary).unitID == 5)
  }

  @Test func malformedJSONIsAnInvalidArgumentSayingWhy() {
    let codec = MessageCodec(Simpeg_V1_GetUnitRequest.self)
    for text in [#"{"unitId":}"#, #"{"unitId":"abc"}"#, "[1,2]", #"{"unitId":"1"} trailing"#] {
      do {
        _ = try codec.binary(from: ByteBuffer(string: text), encoding: .json, ignoreUnknownFields: false)
        Issue.record("accepted \(text)")
      } catch {
        let refusal = RequestDecodingProblem.error(error, messageName: codec.messageName, encoding: .json)
        #expect(refusal.code == .invalidArgument)
        #expect(refusal.message.contains("simpeg.v1.GetUnitRequest"))
      }
    }
  }

  @Test func anEmptyJSONBodyIsTheEmptyMessage() throws {
    let codec = MessageCodec(Simpeg_V1_WhoAmIRequest.self)
    #expect(
      try codec.binary(from: ByteBuffer(), encoding: .json, ignoreUnknownFields: false).readableBytes == 0)
  }
}
