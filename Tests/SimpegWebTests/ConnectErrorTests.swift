import Foundation
import SimpegAPI
import SimpegRPC
import SwiftProtobuf
import Testing

@testable import SimpegWeb

/// The Connect error model: code names, HTTP statuses and the error JSON with its details.
@Suite struct ConnectErrorTests {
  @Test(arguments: [
    (StatusCode.cancelled, "canceled", 499), (.unknown, "unknown", 500),
    (.invalidArgument, "invalid_argument", 400), (.deadlineExceeded, "deadline_exceeded", 504),
    (.notFound, "not_found", 404), (.alreadyExists, "already_exists", 409),
    (.permissionDenied, "permission_denied", 403), (.resourceExhausted, "resource_exhausted", 429),
    (.failedPrecondition, "failed_precondition", 400), (.aborted, "aborted", 409),
    (.outOfRange, "out_of_range", 400), (.unimplemented, "unimplemented", 501),
    (.internal, "internal", 500), (.unavailable, "unavailable", 503), (.dataLoss, "data_loss", 500),
    (.unauthenticated, "unauthenticated", 401),
  ])
  func everyCodeHasTheSpecsNameAndStatus(code: StatusCode, name: String, status: Int) {
    #expect(ConnectCode.name(code) == name)
    #expect(ConnectCode.httpStatus(code).code == status)
  }

  static func object(_ json: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
  }

  @Test func aKnownDetailCarriesItsBytesAndItsJSON() throws {
    var problem = Simpeg_V1_IngestProblem()
    problem.itemIndex = 7
    problem.reference = "REQ-1"
    problem.reason = "unknown service"
    let detail = try Google_Protobuf_Any(message: problem)
    let error = RPCError(.invalidArgument, "item 7 is bad", details: [detail])
    let json = try Self.object(ConnectErrorJSON(registry: .catalogue).error(error))
    #expect(json["code"] as? String == "invalid_argument")
    #expect(json["message"] as? String == "item 7 is bad")
    let details = try #require(json["details"] as? [[String: Any]])
    #expect(details.count == 1)
    #expect(details[0]["type"] as? String == "simpeg.v1.IngestProblem")
    let value = try #require(details[0]["value"] as? String)
    #expect(!value.hasSuffix("="))
    let bytes = try #require(CallMetadata.decodeBase64(value))
    #expect(try Simpeg_V1_IngestProblem(serializedBytes: bytes) == problem)
    let debug = try #require(details[0]["debug"] as? [String: Any])
    #expect(debug["itemIndex"] as? Int == 7)
    #expect(debug["reason"] as? String == "unknown service")
  }

  @Test func anUnknownDetailPassesWithoutDebug() throws {
    var detail = Google_Protobuf_Any()
    detail.typeURL = "type.googleapis.com/simpeg.v2.SomethingNew"
    detail.value = Data([1, 2, 3, 4])
    let json = try Self.object(
      ConnectErrorJSON(registry: .catalogue).error(RPCError(.failedPrecondition, "no", details: [detail])))
    let details = try #require(json["details"] as? [[String: Any]])
    #expect(details[0]["type"] as? String == "simpeg.v2.SomethingNew")
    #expect(details[0]["value"] as? String == "AQIDBA")
    #expect(details[0]["debug"] == nil)
  }

  @Test func endStreamCarriesTheErrorAndMetadataOrIsEmpty() throws {
    let writer = ConnectErrorJSON(registry: .catalogue)
    #expect(writer.endStream(error: nil, metadata: Metadata()) == "{}")
    var metadata = Metadata()
    metadata.add("retry-after", "30")
    metadata.add("retry-after", "31")
    metadata.add("trace-bin", binary: [0xFF, 0x00])
    let json = try Self.object(
      writer.endStream(error: RPCError(.resourceExhausted, "slow down"), metadata: metadata))
    #expect((json["error"] as? [String: Any])?["code"] as? String == "resource_exhausted")
    let entries = try #require(json["metadata"] as? [String: [String]])
    #expect(entries["retry-after"] == ["30", "31"])
    #expect(entries["trace-bin"] == ["/wA"])
  }

  @Test func messagesWithQuotesAndControlCharactersStayValidJSON() throws {
    let message = "a \"quoted\" \\ path\nand a tab\t and \u{01} and é"
    let json = try Self.object(ConnectErrorJSON(registry: .catalogue).error(RPCError(.internal, message)))
    #expect(json["message"] as? String == message)
  }

  @Test func theCatalogueKnowsEveryMessageOfTheSchema() {
    #expect(MessageRegistry.catalogue.type(named: "simpeg.v1.IngestProblem") != nil)
    #expect(MessageRegistry.catalogue.type(named: "simpeg.v1.Employee") != nil)
    #expect(MessageRegistry.catalogue.type(named: "simpeg.v1.Nothing") == nil)
  }
}
