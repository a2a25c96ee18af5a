import Foundation
import HTTPTypes
import NIOCore
import SimpegAPI
import Testing

@testable import SimpegWeb

/// How a request's method, headers and query choose the call shape, encoding and deadline, and
/// what is refused with which status.
@Suite struct ConnectCallSpecTests {
  static let table = ProcedureTable.catalogue

  static func procedure(_ name: String) throws -> Procedure {
    guard case .served(let procedure) = table.lookup(name[...]) else {
      throw SpecFailure("\(name) is not served")
    }
    return procedure
  }

  struct SpecFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }

  static func spec(
    _ method: HTTPRequest.Method, _ headers: HTTPFields, query: String? = nil,
    for name: String = "simpeg.v1.OrgService/GetUnit"
  ) throws -> ConnectCallSpec {
    try ConnectCallSpec.read(method: method, headers: headers, query: query, procedure: procedure(name))
  }

  static func refusal(
    _ method: HTTPRequest.Method, _ headers: HTTPFields, query: String? = nil,
    for name: String = "simpeg.v1.OrgService/GetUnit"
  ) throws -> ConnectFailure {
    do {
      _ = try spec(method, headers, query: query, for: name)
    } catch let failure as ConnectFailure {
      return failure
    }
    throw SpecFailure("the request was accepted")
  }

  @Test(arguments: [
    ("application/json", MessageEncoding.json), ("application/json; charset=utf-8", .json),
    ("Application/JSON", .json), ("application/proto", .proto),
  ])
  func unaryPostsTakeJSONOrProto(contentType: String, encoding: MessageEncoding) throws {
    let spec = try Self.spec(.post, [.contentType: contentType])
    #expect(spec.shape == .unaryPost)
    #expect(spec.encoding == encoding)
  }

  @Test(arguments: ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""])
  func formsAndOtherTypesAreUnsupportedMediaTypes(contentType: String) throws {
    let failure = try Self.refusal(.post, contentType.isEmpty ? [:] : [.contentType: contentType])
    #expect(failure.status == .unsupportedMediaType)
  }

  @Test func streamsNeedTheConnectStreamingTypes() throws {
    let name = "simpeg.v1.ActivityService/WatchActivities"
    #expect(try Self.spec(.post, [.contentType: "application/connect+json"], for: name).shape == .stream)
    #expect(try Self.spec(.post, [.contentType: "application/connect+proto"], for: name).encoding == .proto)
    #expect(
      try Self.refusal(.post, [.contentType: "application/json"], for: name).status == .unsupportedMediaType)
  }

  @Test func theTimeoutHeaderBecomesTheDeadline() throws {
    let spec = try Self.spec(
      .post, [.contentType: "application/json", GatewayHeaders.connectTimeout: "1500"])
    #expect(spec.timeout == .milliseconds(1500))
  }

  @Test(arguments: ["0", "-5", "+5", "12345678901", "soon", "1.5", "١٢"])
  func aTimeoutThatIsNotAPositiveShortIntegerIsRefused(value: String) throws {
    let failure = try Self.refusal(
      .post, [.contentType: "application/json", GatewayHeaders.connectTimeout: value])
    #expect(failure.error.code == .invalidArgument)
  }

  @Test func compressedBodiesAreUnimplemented() throws {
    let failure = try Self.refusal(.post, [.contentType: "application/json", .contentEncoding: "gzip"])
    #expect(failure.error.code == .unimplemented)
    #expect(
      try Self.spec(.post, [.contentType: "application/json", .contentEncoding: "identity"]).shape
        == .unaryPost)
  }

  @Test func readOnlyMethodsTakeGetWithTheMessageInTheQuery() throws {
    let spec = try Self.spec(.get, [:], query: "connect=v1&encoding=json&message=%7B%22id%22%3A%227%22%7D")
    guard case .unaryGet(let message) = spec.shape else {
      Issue.record("not a GET shape")
      return
    }
    #expect(String(buffer: message) == #"{"id":"7"}"#)
    #expect(spec.encoding == .json)
  }

  @Test func aBinaryGetMessageComesInURLSafeBase64() throws {
    var request = Simpeg_V1_GetUnitRequest()
    request.unitID = 4242
    let bytes = try request.serializedBytes() as [UInt8]
    let base64 = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    let spec = try Self.spec(.get, [:], query: "encoding=proto&base64=1&message=\(base64)")
    guard case .unaryGet(let message) = spec.shape else {
      Issue.record("not a GET shape")
      return
    }
    #expect(try Simpeg_V1_GetUnitRequest(serializedBytes: Array(message.readableBytesView)) == request)
  }

  @Test func methodsThatChangeStateRefuseGet() throws {
    let failure = try Self.refusal(
      .get, [:], query: "encoding=json&message=%7B%7D", for: "simpeg.v1.OrgService/CreateUnit")
    #expect(failure.status == .methodNotAllowed)
  }

  @Test func aGetWithoutEncodingIsRefused() throws {
    #expect(try Self.refusal(.get, [:], query: "message=%7B%7D").status == .unsupportedMediaType)
  }

  @Test func queryParametersDecodePlusAndPercent() {
    let parameters = QueryParameters("a=1+2&b=%7B%22x%22%7D&a=ignored&c")
    #expect(parameters["a"] == "1 2")
    #expect(parameters["b"] == #"{"x"}"#)
    #expect(parameters["c"] == "")
    #expect(parameters["d"] == nil)
  }
}
