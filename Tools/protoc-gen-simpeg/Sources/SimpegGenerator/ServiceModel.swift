import SwiftProtobuf
import SwiftProtobufPluginLibrary

/// What the templates need to know of one service, with Swift names resolved.
struct ServiceModel {
  /// One method.
  struct Method {
    /// The proto name, e.g. `GetEmployee`.
    var protoName: String
    /// The Swift function name, e.g. `getEmployee`.
    var functionName: String
    /// The Swift type of the request message.
    var inputType: String
    /// The Swift type of the response message.
    var outputType: String
    /// `unary`, `serverStreaming`, `clientStreaming` or `bidirectionalStreaming`.
    var kind: String
    /// The proto's `idempotency_level` as a `MethodIdempotency` case (`noSideEffects`,
    /// `idempotent`), or nil when the proto leaves it unknown.
    var idempotency: String?
    /// Doc comment lines from the proto, `///` prefixed; may be empty.
    var comment: String
  }

  /// The fully qualified proto name, e.g. `simpeg.v1.HealthService`.
  var fullName: String
  /// The Swift namespace, e.g. `Simpeg_V1_HealthService`.
  var namespace: String
  /// Doc comment lines from the proto.
  var comment: String
  /// The methods, in proto order.
  var methods: [Method]

  init(_ service: ServiceDescriptor, namer: SwiftProtobufNamer) {
    fullName = service.fullName
    namespace = namer.typePrefix(forFile: service.file) + service.name
    comment = service.protoSourceComments()
    methods = service.methods.map { method in
      let kind: String
      switch (method.clientStreaming, method.serverStreaming) {
      case (false, false): kind = "unary"
      case (false, true): kind = "serverStreaming"
      case (true, false): kind = "clientStreaming"
      case (true, true): kind = "bidirectionalStreaming"
      }
      return Method(
        protoName: method.name,
        functionName: SwiftNaming.methodFunctionName(method.name),
        inputType: namer.fullName(message: method.inputType),
        outputType: namer.fullName(message: method.outputType),
        kind: kind,
        idempotency: Self.idempotency(method.options.idempotencyLevel),
        comment: method.protoSourceComments()
      )
    }
  }

  private static func idempotency(_ level: Google_Protobuf_MethodOptions.IdempotencyLevel) -> String? {
    switch level {
    case .noSideEffects: "noSideEffects"
    case .idempotent: "idempotent"
    default: nil
    }
  }
}
