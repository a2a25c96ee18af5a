import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import Testing

@testable import SimpegServer

/// Accounts and credentials written straight into the store, so tests do not depend on Login.
enum Sessions {
  /// A session token for a new user account, tied to `employeeID` (0 for none) with `roles`.
  static func user(
    _ test: TestDaemon, employee employeeID: UInt64 = 0, roles: [Simpeg_V1_Role] = [], name: String? = nil
  ) async throws -> String {
    let token = Credentials.newToken()
    let digest = Credentials.digest(token)
    try await test.daemon.store.write { transaction in
      var record = Simpeg_Internal_V1_AccountRecord()
      record.account.id = try Tables.nextID("account", in: transaction)
      record.account.kind = .user
      let nip = try Tables.employees.get(employeeID, in: transaction)?.nip
      record.account.username = name ?? nip ?? "user-\(record.account.id)"
      record.account.employeeID = employeeID
      record.account.roles = roles
      try Tables.accounts.insert(record, for: record.account.id, in: transaction)
      var session = Simpeg_Internal_V1_SessionRecord()
      session.tokenSha256 = Data(digest)
      session.accountID = record.account.id
      session.createdAt = Google_Protobuf_Timestamp(date: Date())
      session.expiresAt = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(3600))
      try Tables.sessions.insert(session, for: RawKeyBytes(digest), in: transaction)
    }
    return token
  }

  /// An API key secret for a new service account with `scopes`.
  static func service(_ test: TestDaemon, name: String, scopes: [String]) async throws -> String {
    let secret = Credentials.newAPIKey()
    let digest = Credentials.digest(secret)
    try await test.daemon.store.write { transaction in
      var record = Simpeg_Internal_V1_AccountRecord()
      record.account.id = try Tables.nextID("account", in: transaction)
      record.account.kind = .service
      record.account.username = name
      record.account.scopes = scopes
      try Tables.accounts.insert(record, for: record.account.id, in: transaction)
      var key = Simpeg_Internal_V1_ApiKeyRecord()
      key.id = try Tables.nextID("api_key", in: transaction)
      key.accountID = record.account.id
      key.secretSha256 = Data(digest)
      key.label = name
      try Tables.apiKeys.insert(key, for: key.id, in: transaction)
    }
    return secret
  }
}

extension TestDaemon {
  /// A client that sends a service's API key.
  func client(apiKey: String) throws -> RPCClient {
    var configuration = ClientConfiguration()
    configuration.defaultMetadata.add("authorization", "ApiKey \(apiKey)")
    return try RPCClient(host: "127.0.0.1", port: port, configuration: configuration)
  }
}

/// The typed clients of the performance services over one connection with one credential.
struct Performer {
  let rpc: RPCClient
  var plan: Simpeg_V1_PlanService.Client { .init(wrapping: rpc) }
  var activities: Simpeg_V1_ActivityService.Client { .init(wrapping: rpc) }
  var feedback: Simpeg_V1_FeedbackService.Client { .init(wrapping: rpc) }
  var evaluation: Simpeg_V1_EvaluationService.Client { .init(wrapping: rpc) }

  /// A performer with a session for `employeeID` (0 for none) and `roles`.
  static func user(
    _ test: TestDaemon, employee employeeID: UInt64 = 0, roles: [Simpeg_V1_Role] = []
  ) async throws -> Performer {
    Performer(rpc: try test.client(token: try await Sessions.user(test, employee: employeeID, roles: roles)))
  }
}

/// What a refused request must leave as it was: the audit trail, the change log and the row
/// counts of the performance tables.
struct StoreFingerprint: Equatable {
  let counts: [String: Int]
  let lastSequence: UInt64

  init(_ test: TestDaemon) throws {
    let store = test.daemon.store
    counts = try store.read { transaction in
      [
        "audit": try Tables.audit.count(in: transaction),
        "skps": try Tables.skps.count(in: transaction),
        "activities": try Tables.activities.count(in: transaction),
        "activity_revisions": try Tables.activityRevisions.count(in: transaction),
        "evidence": try Tables.evidence.count(in: transaction),
        "feedback": try Tables.feedback.count(in: transaction),
        "dialogues": try Tables.dialogues.count(in: transaction),
        "follow_ups": try Tables.followUps.count(in: transaction),
        "evaluations": try Tables.evaluations.count(in: transaction),
        "organisation_predikat": try Tables.organisationPredikat.count(in: transaction),
        "period_kinds": try Tables.periodKinds.count(in: transaction),
      ]
    }
    lastSequence = store.lastSequence
  }
}

/// Runs `body`, expects it to fail with `code` and a message containing `fragment`, and that
/// the store is unchanged.
func expectRefusal(
  _ test: TestDaemon, _ code: StatusCode, containing fragment: String,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () async throws -> Void
) async throws {
  let before = try StoreFingerprint(test)
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
    try StoreFingerprint(test) == before, "the refused call changed the store", sourceLocation: sourceLocation
  )
}
