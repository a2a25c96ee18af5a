/// Something that serves methods: generated handler protocols refine this, and their generated
/// extension registers every method.
public protocol RPCService: Sendable {
  /// Registers this service's methods with `router`.
  func registerMethods(with router: inout RPCRouter)
}

/// Runs around every call before its handler: authentication, logging, metrics.
///
/// An interceptor calls `next` with the (possibly enriched) context to run the rest of the chain
/// and the handler, or throws ``RPCError`` to refuse the call. Errors thrown by the handler pass
/// through it, so it can observe the final status.
public protocol ServerInterceptor: Sendable {
  /// Intercepts one call.
  func intercept(
    context: ServerContext,
    next: @Sendable (ServerContext) async throws -> Void
  ) async throws
}
