import Foundation
import SimpegAPI
import SimpegEcho
import SimpegRPC
import SimpegTestSupport
import Testing

@testable import SimpegWeb

/// The gateway's Connect protocol over real HTTP (curl) in front of a real RPC server in this
/// process, serving a scripted echo service: every status code, details, metadata, deadlines,
/// the three call kinds it carries, and the limits. The same against simpegd itself is in
/// SimpegEndToEndTests (WebGateway*).
@Suite(.serialized) struct GatewayOverHTTPTests {
  static let get = "/simpeg.echo.v1.EchoService/Get"

  static func withGateway(
    _ configure: (inout WebConfiguration) -> Void = { _ in }, _ body: (TestGateway) async throws -> Void
  ) async throws {
    let gateway = try await TestGateway.start(configure)
    do {
      try await body(gateway)
    } catch {
      await gateway.stop()
      throw error
    }
    await gateway.stop()
  }

  @Test func everyStatusCodeHasItsHTTPStatusErrorJSONDetailsAndTrailers() async throws {
    try await Self.withGateway { gateway in
      for code in StatusCode.allCases where code != .ok {
        let response = try await gateway.curl.post(Self.get, json: #"{"text":"code:\#(code.name)"}"#)
        #expect(response.status == ConnectCode.httpStatus(code).code, "\(code)")
        #expect(response.header("content-type") == "application/json")
        let json = try response.json()
        #expect(json["code"] as? String == ConnectCode.name(code))
        #expect(json["message"] as? String == "scripted \(code.name)")
        let details = try #require(json["details"] as? [[String: Any]])
        #expect(details.first?["type"] as? String == "simpeg.v1.IngestProblem")
        #expect((details.first?["debug"] as? [String: Any])?["itemIndex"] as? Int == 3)
        #expect(response.header("trailer-retry-after") == "7")
        #expect(response.header("retry-after") == "7")
      }
    }
  }

  @Test func aUnaryCallAnswersJSONAndProto() async throws {
    try await Self.withGateway { gateway in
      let json = try await gateway.curl.post(Self.get, json: #"{"text":"halo","payload":"AAEC"}"#)
      #expect(json.status == 200)
      #expect(try json.json()["text"] as? String == "halo")
      #expect(try json.json()["payload"] as? String == "AAEC")
      var request = Simpeg_Echo_V1_EchoRequest()
      request.text = "biner"
      let proto = try await gateway.curl.request(
        "POST", Self.get, headers: ["Content-Type": "application/proto"],
        body: Data(try request.serializedBytes() as [UInt8]))
      #expect(proto.status == 200)
      #expect(proto.header("content-type") == "application/proto")
      #expect(try Simpeg_Echo_V1_EchoResponse(serializedBytes: proto.body).text == "biner")
    }
  }

  @Test func headersReachTheServerAsMetadataWithTheRequestID() async throws {
    try await Self.withGateway { gateway in
      let response = try await gateway.curl.post(
        Self.get, json: #"{"text":"metadata"}"#,
        headers: [
          "Acme-Shard": "42", "X-Request-Id": "uji-123", "Authorization": "Bearer spk_key",
          "Cookie": "simpeg_session=other",
        ])
      let lines = Set((try response.json()["text"] as? String ?? "").split(separator: "\n").map(String.init))
      #expect(lines.contains("acme-shard=42"))
      #expect(lines.contains("request-id=uji-123"))
      #expect(
        lines.contains("authorization=ApiKey spk_key"), "an API key as Bearer goes on as simpegd's ApiKey")
      #expect(lines.contains("forwarded-for=127.0.0.1"))
      #expect(!lines.contains { $0.hasPrefix("cookie=") || $0.hasPrefix("content-type=") })
      #expect(response.header("x-request-id") == "uji-123")
    }
  }

  @Test func theTimeoutHeaderIsTheCallsDeadline() async throws {
    try await Self.withGateway { gateway in
      let late = try await gateway.curl.post(
        Self.get, json: #"{"text":"x","delayMillis":5000}"#, headers: ["Connect-Timeout-Ms": "100"])
      #expect(late.status == 504)
      #expect(try late.json()["code"] as? String == "deadline_exceeded")
      let inTime = try await gateway.curl.post(
        Self.get, json: #"{"text":"x","delayMillis":10}"#, headers: ["Connect-Timeout-Ms": "30000"])
      #expect(inTime.status == 200)
    }
  }

  @Test func aServerStreamSendsEnvelopesThenTheEnd() async throws {
    try await Self.withGateway { gateway in
      let body = ConnectEnvelopes.frame(Data(#"{"text":"aliran","count":3}"#.utf8))
      let response = try await gateway.curl.request(
        "POST", "/simpeg.echo.v1.EchoService/Expand", headers: ["Content-Type": "application/connect+json"],
        body: body)
      #expect(response.status == 200)
      #expect(response.header("content-type") == "application/connect+json")
      let messages = ConnectEnvelopes.parse(response.body)
      #expect(messages.count == 4)
      #expect(messages.prefix(3).allSatisfy { $0.flags == 0 })
      #expect(messages.last?.flags == 2)
      #expect(String(decoding: messages[2].data, as: UTF8.self).contains(#""index":2"#))
      #expect(String(decoding: messages[3].data, as: UTF8.self) == "{}")
    }
  }

  @Test func aFailingStreamEndsWithTheErrorUnderStatus200() async throws {
    try await Self.withGateway { gateway in
      let body = ConnectEnvelopes.frame(Data(#"{"text":"fail","count":2}"#.utf8))
      let response = try await gateway.curl.request(
        "POST", "/simpeg.echo.v1.EchoService/Expand", headers: ["Content-Type": "application/connect+json"],
        body: body)
      #expect(response.status == 200)
      let messages = ConnectEnvelopes.parse(response.body)
      #expect(messages.count == 3)
      let end = try #require(try JSONSerialization.jsonObject(with: messages[2].data) as? [String: Any])
      #expect((end["error"] as? [String: Any])?["code"] as? String == "data_loss")
    }
  }

  @Test func aClientStreamTakesEveryEnvelopeOfTheBody() async throws {
    try await Self.withGateway { gateway in
      var body = Data()
      for text in ["satu", "dua", "tiga"] {
        body += ConnectEnvelopes.frame(Data(#"{"text":"\#(text)"}"#.utf8))
      }
      let response = try await gateway.curl.request(
        "POST", "/simpeg.echo.v1.EchoService/Collect", headers: ["Content-Type": "application/connect+json"],
        body: body)
      let messages = ConnectEnvelopes.parse(response.body)
      #expect(messages.count == 2)
      #expect(String(decoding: messages[0].data, as: UTF8.self).contains(#""text":"satu dua tiga""#))
      #expect(messages[1].flags == 2)
    }
  }

  @Test func aBidirectionalStreamIsUnimplementedOverHTTP1() async throws {
    try await Self.withGateway { gateway in
      let response = try await gateway.curl.post("/simpeg.echo.v1.EchoService/Update", json: "{}")
      #expect(response.status == 501)
      #expect((try response.json()["message"] as? String ?? "").contains("HTTP/2"))
    }
  }

  @Test func anUnknownMethodIsUnimplementedAndAWrongTypeIs415() async throws {
    try await Self.withGateway { gateway in
      let unknown = try await gateway.curl.post("/simpeg.echo.v1.EchoService/Nope", json: "{}")
      #expect(unknown.status == 501)
      #expect(try unknown.json()["code"] as? String == "unimplemented")
      let form = try await gateway.curl.request(
        "POST", Self.get, headers: ["Content-Type": "application/x-www-form-urlencoded"],
        body: Data("text=x".utf8))
      #expect(form.status == 415)
    }
  }

  @Test func anOversizedBodyIsRefusedAndItsConnectionClosed() async throws {
    try await Self.withGateway({ $0.maxMessageSize = 2048 }) { gateway in
      let big = #"{"text":""# + String(repeating: "a", count: 10_000) + #""}"#
      let response = try await gateway.curl.post(Self.get, json: big)
      #expect(response.status == 429)
      #expect(try response.json()["code"] as? String == "resource_exhausted")
      #expect(response.header("connection") == "close")
      #expect(try await gateway.curl.post(Self.get, json: #"{"text":"ok"}"#).status == 200)
    }
  }

  @Test func whenTheServerIsDownCallsAreUnavailable() async throws {
    try await Self.withGateway { gateway in
      await gateway.server.shutdown(grace: .milliseconds(100))
      let response = try await gateway.curl.post(Self.get, json: #"{"text":"x"}"#)
      #expect(response.status == 503)
      #expect(try response.json()["code"] as? String == "unavailable")
    }
  }
}
