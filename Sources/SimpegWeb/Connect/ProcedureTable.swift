import SimpegAPI
import SimpegRPC

/// One method as the gateway serves it: its descriptor, the codecs of its messages, and
/// whether it may be called with GET.
struct Procedure: Sendable {
  /// The method.
  let descriptor: MethodDescriptor
  /// The request message's codec.
  let input: MessageCodec
  /// The response message's codec.
  let output: MessageCodec
  /// Whether the method only reads, so Connect's GET may call it (unary methods only).
  let allowsGet: Bool
}

/// What the gateway does with a request path naming a method.
enum ProcedureLookup: Sendable {
  /// A method it serves.
  case served(Procedure)
  /// A method of the schema it does not serve over HTTP, with what to use instead.
  case withheld(String)
  /// No such method.
  case unknown
}

/// Every method of the schema, found by its Connect path `/<package>.<Service>/<Method>`.
///
/// Built from the generated catalogue, so a method added to `Schema/` is served without a change
/// here. Withheld: the methods in ``withheld`` (each with the tool to use instead) and
/// bidirectional streams, which Connect carries only over HTTP/2.
struct ProcedureTable: Sendable {
  /// Methods the gateway does not serve over HTTP, with what the caller should use instead.
  static let withheld: [String: String] = [
    "simpeg.v1.AdminService/Backup":
      "simpeg.v1.AdminService/Backup streams the store's binary copy, which is not served over "
      + "HTTP; back up with `simpeg-admin backup FILE` against simpegd's own address"
  ]

  private let entries: [String: ProcedureLookup]

  /// The table of `services`.
  init(services: [ServiceSchema], withheld: [String: String] = Self.withheld) {
    var entries: [String: ProcedureLookup] = [:]
    for service in services {
      for method in service.methods {
        let name = method.descriptor.fullName
        if let reason = withheld[name] {
          entries[name] = .withheld(reason)
        } else if method.descriptor.kind == .bidirectionalStreaming {
          entries[name] = .withheld(
            "\(name) streams both ways at once, which the Connect protocol carries only over "
              + "HTTP/2; this gateway speaks HTTP/1.1: call it on simpegd's binary protocol")
        } else {
          entries[name] = .served(
            Procedure(
              descriptor: method.descriptor, input: MessageCodec(opening: method.input),
              output: MessageCodec(opening: method.output),
              allowsGet: method.descriptor.kind == .unary && method.idempotency == .noSideEffects))
        }
      }
    }
    self.entries = entries
  }

  /// Every method of `SimpegCatalogue`.
  static let catalogue = ProcedureTable(services: SimpegCatalogue.services)

  /// What `name` (`<package>.<Service>/<Method>`, the path without its leading slash) is.
  func lookup(_ name: Substring) -> ProcedureLookup {
    entries[String(name)] ?? .unknown
  }

  /// Whether a path looks like a Connect method path: `/<dotted service>/<method>`.
  static func looksLikeProcedure(_ path: Substring) -> Bool {
    guard path.hasPrefix("/") else { return false }
    let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    return parts.count == 2 && parts[0].contains(".") && !parts[1].isEmpty
  }
}
