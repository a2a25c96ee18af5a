import Logging
import SimpegAPI
import SimpegRPC

/// Authenticates every call and applies the caller-only part of its ``AccessPolicy`` rule
/// before the handler runs.
///
/// Refusals leak nothing: `UNAUTHENTICATED` when a credential is needed and missing or invalid,
/// `PERMISSION_DENIED` with the rule's name otherwise.
struct AccessInterceptor: ServerInterceptor {
  let authenticator: Authenticator

  func intercept(
    context: ServerContext, next: @Sendable (ServerContext) async throws -> Void
  ) async throws {
    guard let access = AccessPolicy.rule(for: context.method) else {
      throw RPCError(
        .permissionDenied, "\(context.method) has no access rule; it cannot be called")
    }
    var context = context
    let principal = try authenticator.authenticate(metadata: context.metadata)
    if let principal {
      context[PrincipalKey.self] = principal
    }
    if access.needsCredential {
      guard let principal else {
        _ = try context.principal()
        return
      }
      guard access.admits(principal) else {
        throw RPCError(
          .permissionDenied, "\(context.method) is not allowed for this account (rule: \(access))")
      }
    }
    try await next(context)
  }
}
