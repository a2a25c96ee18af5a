import Foundation
import SimpegAPI
import SimpegRPC
import SwiftProtobuf

/// Any method of any service, called with requests in protobuf's JSON mapping, its responses
/// printed as JSON: everything comes from the generated catalogue (`SimpegCatalogue`), so a
/// service added to the schema is callable without a line of code here.
///
/// Unary: one request, the response as one document. Server streaming: one request, one
/// JSON line per response. Client streaming and bidirectional: the requests as JSON lines (or
/// one JSON array), the responses as JSON lines.
public enum GenericCall {
  /// The method called `name`: `simpeg.v1.OrgService/GetUnit`, `OrgService/GetUnit`,
  /// `OrgService.GetUnit`, or `GetUnit` alone when only one service has it.
  public static func method(named name: String, in services: [ServiceSchema] = SimpegCatalogue.services)
    throws -> MethodSchema
  {
    let all = services.flatMap(\.methods)
    let normalized = name.replacingOccurrences(of: ".", with: "/", options: [], range: nil)
    let candidates = all.filter { method in
      let full = method.descriptor.fullName
      let short = method.descriptor.service.split(separator: ".").last.map(String.init) ?? ""
      return full.caseInsensitiveCompare(name) == .orderedSame
        || "\(short)/\(method.descriptor.method)".caseInsensitiveCompare(normalized) == .orderedSame
        || (full.replacingOccurrences(of: ".", with: "/")).caseInsensitiveCompare(normalized) == .orderedSame
        || method.descriptor.method.caseInsensitiveCompare(name) == .orderedSame
    }
    if candidates.count == 1 { return candidates[0] }
    if candidates.isEmpty {
      throw AdminFailure(
        .notFound, "no method is called '\(name)'",
        hint: "`simpeg-admin methods` lists what the daemon serves; name one as Service/Method")
    }
    let names = candidates.map(\.descriptor.fullName).joined(separator: ", ")
    throw AdminFailure(.usage, "'\(name)' names several methods: \(names); give Service/Method")
  }

  /// Calls `method` with the request(s) in `input` (JSON text) and hands each response, as
  /// JSON, to `emit`.
  public static func run(
    _ method: MethodSchema, input: String, client: RPCClient, options: CallOptions,
    emit: @escaping @Sendable (String) -> Void
  ) async throws {
    try await call(method.input, method.output, method.descriptor, input, client, options, emit)
  }

  private static func call<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
    _: Input.Type, _: Output.Type, _ descriptor: MethodDescriptor, _ input: String, _ client: RPCClient,
    _ options: CallOptions, _ emit: @escaping @Sendable (String) -> Void
  ) async throws {
    switch descriptor.kind {
    case .unary:
      let request: Input = try decode(single(input))
      let response: Output = try await client.unary(descriptor, request: request, options: options)
      emit(try JSONOutput.document(.message(response)))
    case .serverStreaming:
      let request: Input = try decode(single(input))
      try await client.serverStreaming(descriptor, request: request, options: options) {
        (responses: ResponseStream<Output>) in
        for try await response in responses { emit(try JSONOutput.line(.message(response))) }
      }
    case .clientStreaming:
      let requests: [Input] = try messages(input).map(decode)
      let response: Output = try await client.clientStreaming(descriptor, options: options) { writer in
        for request in requests { try await writer.write(request) }
      }
      emit(try JSONOutput.document(.message(response)))
    case .bidirectionalStreaming:
      let requests: [Input] = try messages(input).map(decode)
      try await client.bidirectionalStreaming(descriptor, options: options) { writer in
        for request in requests { try await writer.write(request) }
      } onResponse: { (responses: ResponseStream<Output>) in
        for try await response in responses { emit(try JSONOutput.line(.message(response))) }
      }
    }
  }

  /// The request of a unary or server-streaming call: the whole text, `{}` when empty.
  static func single(_ input: String) -> String {
    let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? "{}" : trimmed
  }

  /// The requests of a stream: a JSON array's elements, or one JSON object per non-empty line.
  public static func messages(_ input: String) throws -> [String] {
    let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.hasPrefix("[") {
      guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [Any] else {
        throw AdminFailure.usage("the requests are not a JSON array of objects")
      }
      return try array.map { element in
        guard JSONSerialization.isValidJSONObject(element) else {
          throw AdminFailure.usage("each request in the array must be a JSON object")
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: element), as: UTF8.self)
      }
    }
    return trimmed.split(whereSeparator: \.isNewline).map(String.init)
      .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
  }

  private static func decode<Input: SwiftProtobuf.Message>(_ json: String) throws -> Input {
    do {
      return try Input(jsonString: json)
    } catch {
      throw AdminFailure(
        .usage, "the request does not fit \(Input.protoMessageName): \(error)",
        hint: "use protobuf's JSON mapping: field names in lowerCamelCase or as in the .proto file, "
          + "enums by name, 64-bit integers as strings or numbers")
    }
  }
}
