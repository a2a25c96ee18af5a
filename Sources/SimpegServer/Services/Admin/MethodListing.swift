import SimpegAPI

/// Every method of the schema's services (`SimpegCatalogue`) with its kind, message types and
/// the rule of ``AccessPolicy`` that says who may call it.
enum MethodListing {
  /// The access shown for a method without a rule: nobody can call it.
  static let noRule = "none (refused: no rule in the access policy)"

  /// The listing, in catalogue order.
  static func all() -> [Simpeg_V1_MethodInfo] {
    SimpegCatalogue.services.flatMap { service in
      service.methods.map { method in
        var info = Simpeg_V1_MethodInfo()
        info.name = method.descriptor.fullName
        info.kind = method.descriptor.kind.rawValue
        info.inputType = method.input.protoMessageName
        info.outputType = method.output.protoMessageName
        info.access = AccessPolicy.rule(for: method.descriptor)?.description ?? noRule
        return info
      }
    }
  }
}
