import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import Testing

@testable import SimpegServer

/// The typed clients of the performance services over one connection with one credential.
struct Performer {
  let rpc: RPCClient
  var plan: Simpeg_V1_PlanService.Client { .init(wrapping: rpc) }
  var activities: Simpeg_V1_ActivityService.Client { .init(wrapping: rpc) }
  var feedback: Simpeg_V1_FeedbackService.Client { .init(wrapping: rpc) }
  var evaluation: Simpeg_V1_EvaluationService.Client { .init(wrapping: rpc) }
  var org: Simpeg_V1_OrgService.Client { .init(wrapping: rpc) }

  /// A performer with a session for `employeeID` (0 for none) and `roles`; the account's
  /// username is the employee's NIP, as for real accounts.
  static func user(
    _ test: TestDaemon, employee employeeID: UInt64 = 0, roles: [Simpeg_V1_Role] = []
  ) async throws -> Performer {
    let nip = try test.daemon.store.read { try Tables.employees.get(employeeID, in: $0)?.nip }
    let caller = try await test.signedIn(
      username: nip ?? "pengguna-\(UUID().uuidString.prefix(8))", roles: roles, employeeID: employeeID)
    return Performer(rpc: caller.client)
  }

  /// A service account holding `scopes`, calling with an API key.
  static func service(_ test: TestDaemon, scopes: [String]) async throws -> Performer {
    Performer(rpc: try await test.service(scopes: scopes).client)
  }
}

/// Runs `body`, expects it to fail with `code` and a message containing `fragment`, and that
/// the store is unchanged.
func expectRefusal(
  _ test: TestDaemon, _ code: StatusCode, containing fragment: String,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () async throws -> Void
) async throws {
  let before = try test.fingerprint()
  do {
    try await body()
    Issue.record("expected \(code.name), but the call succeeded", sourceLocation: sourceLocation)
  } catch let error as RPCError {
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    #expect(
      error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'",
      sourceLocation: sourceLocation)
  }
  #expect(
    try test.fingerprint() == before, "the refused call changed the store", sourceLocation: sourceLocation
  )
}

/// Runs `body`, expects it to fail with `code` carrying a typed refusal (`simpeg.v1.Refusal` in
/// the trailer's details) for `reason`, and the store unchanged; returns the refusal.
@discardableResult
func expectRefusal(
  _ test: TestDaemon, _ code: StatusCode, reason: Simpeg_V1_RefusalReason,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () async throws -> Void
) async throws -> Simpeg_V1_Refusal? {
  let before = try test.fingerprint()
  var refusal: Simpeg_V1_Refusal?
  do {
    try await body()
    Issue.record("expected \(code.name), but the call succeeded", sourceLocation: sourceLocation)
  } catch let error as RPCError {
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    refusal = error.details.lazy.compactMap { try? Simpeg_V1_Refusal(unpackingAny: $0) }.first
    #expect(
      refusal?.reason == reason, "\(error) carries \(String(describing: refusal))",
      sourceLocation: sourceLocation)
    #expect(
      error.message.contains("(rule: "), "'\(error.message)' names no rule", sourceLocation: sourceLocation)
  }
  #expect(
    try test.fingerprint() == before, "the refused call changed the store", sourceLocation: sourceLocation
  )
  return refusal
}
