import Foundation
import SimpegAPI
import SwiftProtobuf

/// The message types the gateway knows by their full proto names, so an error detail (a
/// `google.protobuf.Any`) of a known type can be shown as JSON beside its bytes.
///
/// Built from the generated catalogue (``SimpegCatalogue/messages``): a detail message added to
/// `Schema/` is known without changing the gateway.
struct MessageRegistry: Sendable {
  private let types: [String: any SwiftProtobuf.Message.Type]

  /// Registers `types` by their proto names.
  init(_ types: [any SwiftProtobuf.Message.Type]) {
    var byName: [String: any SwiftProtobuf.Message.Type] = [:]
    for type in types { byName[type.protoMessageName] = type }
    self.types = byName
  }

  /// Every message of `SimpegCatalogue`.
  static let catalogue = MessageRegistry(SimpegCatalogue.messages)

  /// The type named `name` (e.g. `simpeg.v1.IngestProblem`), if known.
  func type(named name: String) -> (any SwiftProtobuf.Message.Type)? { types[name] }

  /// The detail's message as protobuf JSON, or nil when its type is unknown or its bytes do
  /// not decode as that type.
  func debugJSON(of detail: Google_Protobuf_Any) -> String? {
    guard let type = type(named: Self.messageName(ofTypeURL: detail.typeURL)) else { return nil }
    return Self.json(of: type, from: detail.value)
  }

  /// The message name of a type URL: what follows its last `/`.
  static func messageName(ofTypeURL url: String) -> String {
    guard let slash = url.lastIndex(of: "/") else { return url }
    return String(url[url.index(after: slash)...])
  }

  private static func json<M: SwiftProtobuf.Message>(of type: M.Type, from bytes: Data) -> String? {
    guard let message = try? M(serializedBytes: bytes) else { return nil }
    return try? message.jsonString()
  }
}
