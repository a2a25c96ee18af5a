import Logging

/// Runs one call's handler behind the interceptors and ends the call with the outcome.
enum CallRunner {
  static func run(
    call: ServerCall, route: RPCRouter.Route, context: ServerContext,
    interceptors: [any ServerInterceptor], logger: Logger
  ) async {
    do {
      try await runChain(interceptors[...], context: context) { context in
        try await route.handle(call, context)
      }
      call.finish(error: nil)
    } catch let error as RPCError {
      call.finish(error: error)
    } catch is CancellationError {
      call.finish(error: RPCError(.cancelled, "the call was cancelled"))
    } catch {
      logger.error(
        "handler failed",
        metadata: [
          "method": "\(context.method)", "request-id": "\(context.requestID ?? "-")",
          "error": "\(error)",
        ])
      call.finish(
        error: RPCError(
          .internal,
          "the server failed to handle the call; its log has the details"
            + (context.requestID.map { " under request id \($0)" } ?? "")))
    }
  }

  private static func runChain(
    _ interceptors: ArraySlice<any ServerInterceptor>,
    context: ServerContext,
    handler: @escaping @Sendable (ServerContext) async throws -> Void
  ) async throws {
    guard let first = interceptors.first else {
      return try await handler(context)
    }
    let rest = interceptors.dropFirst()
    try await first.intercept(context: context) { context in
      try await runChain(rest, context: context, handler: handler)
    }
  }
}
