import Foundation
import SimpegAPI
import SimpegRPC
import SwiftProtobuf
import Testing

@testable import SimpegServer

/// Calls every method the daemon serves (from the generated catalogue) as every kind of caller
/// and checks the outcome against `AccessPolicy`: a caller the rule does not admit is refused
/// (`UNAUTHENTICATED` without a credential, `PERMISSION_DENIED` otherwise); an admitted caller
/// gets past the access check (its empty request may still fail validation). A method without a
/// rule fails here, so no method ships without deciding who may call it.
@Suite struct AuthorizationMatrixTests {
  /// One kind of caller, and the principal the rule is judged against.
  struct Role {
    let name: String
    let caller: Caller?
    let principal: Principal?
  }

  static func principal(
    kind: Simpeg_V1_AccountKind, roles: Set<Simpeg_V1_Role> = [], scopes: Set<String> = [],
    employeeID: UInt64 = 0
  ) -> Principal {
    Principal(
      accountID: 0, username: "", kind: kind, roles: roles, scopes: scopes, employeeID: employeeID,
      positionIDs: [], credential: .apiKey(id: 0))
  }

  /// Every scope any rule names.
  static var allScopes: Set<String> {
    Set(
      AccessPolicy.rules.values.compactMap { access -> String? in
        switch access {
        case .read(let scope), .readSubject(let scope), .adminOrScope(let scope), .actSubject(let scope):
          return scope
        default:
          return nil
        }
      })
  }

  @Test func everyServedMethodHasARule() {
    for service in SimpegCatalogue.services {
      for method in service.methods {
        #expect(AccessPolicy.rule(for: method.descriptor) != nil, "\(method.descriptor) has no access rule")
      }
    }
  }

  @Test func everyMethodAdmitsExactlyTheCallersItsRuleNames() async throws {
    try await withTestDaemon(sampleSeed: 3) { test in
      let someone = try test.daemon.store.read { try Tables.employees.get(10, in: $0) }
      let employeeID = try #require(someone).id
      let scopes = Self.allScopes.sorted()
      let roles = [
        Role(name: "anonymous", caller: Caller(client: try test.client()), principal: nil),
        Role(
          name: "employee", caller: try await test.user(employeeID: employeeID),
          principal: Self.principal(kind: .user, employeeID: employeeID)),
        Role(
          name: "auditor", caller: try await test.auditor(),
          principal: Self.principal(kind: .user, roles: [.auditor])),
        Role(
          name: "admin", caller: try await test.admin(),
          principal: Self.principal(kind: .user, roles: [.admin])),
        Role(
          name: "service with every scope", caller: try await test.service(scopes: scopes),
          principal: Self.principal(kind: .service, scopes: Set(scopes))),
        Role(
          name: "service with org.read only", caller: try await test.service(scopes: ["org.read"]),
          principal: Self.principal(kind: .service, scopes: ["org.read"])),
      ]
      var checked = 0
      // Logout ends the caller's session, so it runs last.
      let logout = Simpeg_V1_AuthService.Method.Logout.descriptor
      let all = SimpegCatalogue.services.flatMap(\.methods)
      let methods = all.filter { $0.descriptor != logout } + all.filter { $0.descriptor == logout }
      for method in methods {
        let access = try #require(AccessPolicy.rule(for: method.descriptor))
        for role in roles {
          guard let caller = role.caller else { continue }
          let code = await Self.call(method, as: caller)
          let admitted = role.principal.map { access.admits($0) } ?? !access.needsCredential
          if admitted {
            #expect(
              code != .unauthenticated && (code != .permissionDenied || access.isSubjectRule),
              "\(method.descriptor) (\(access)) refused \(role.name): \(code?.name ?? "OK")")
          } else {
            let expected: StatusCode = role.principal == nil ? .unauthenticated : .permissionDenied
            #expect(
              code == expected,
              "\(method.descriptor) (\(access)) as \(role.name): \(code?.name ?? "OK")")
          }
          checked += 1
        }
      }
      #expect(checked >= SimpegCatalogue.services.flatMap(\.methods).count * roles.count)
    }
  }

  /// Calls `method` with an empty request (of its generated input type) and returns the status
  /// it ended with; nil for OK.
  static func call(_ method: MethodSchema, as caller: Caller) async -> StatusCode? {
    func typed<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
      _: Input.Type, _: Output.Type
    ) async throws {
      let options = CallOptions(timeout: .seconds(20))
      switch method.descriptor.kind {
      case .unary:
        let _: Output = try await caller.client.unary(method.descriptor, request: Input(), options: options)
      case .serverStreaming:
        try await caller.client.serverStreaming(method.descriptor, request: Input(), options: options) {
          (responses: ResponseStream<Output>) in
          for try await _ in responses { break }
        }
      case .clientStreaming:
        let _: Output = try await caller.client.clientStreaming(method.descriptor, options: options) {
          (_: RequestWriter<Input>) in
        }
      case .bidirectionalStreaming:
        try await caller.client.bidirectionalStreaming(
          method.descriptor, options: options, requests: { (_: RequestWriter<Input>) in }
        ) { (responses: ResponseStream<Output>) in
          for try await _ in responses { break }
        }
      }
    }
    do {
      try await typed(method.input, method.output)
      return nil
    } catch let error as RPCError {
      return error.code
    } catch {
      return .unknown
    }
  }
}

extension Access {
  /// Whether handlers finish the check against the subject (and may still refuse).
  var isSubjectRule: Bool {
    switch self {
    case .readSubject, .actSubject: return true
    default: return false
    }
  }
}
