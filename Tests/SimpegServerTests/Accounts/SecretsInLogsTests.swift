import Foundation
import SimpegAPI
import Testing

@testable import SimpegServer

@Suite struct SecretsInLogsTests {
  @Test func noPasswordTokenOrAPIKeyEverReachesTheLog() async throws {
    let capture = LogCapture()
    var secrets: [String] = []
    try await withTestDaemon(logger: capture.logger) { test in
      // A password typed into the username field, and a wrong password.
      let typedAsUsername = "Rahasia-Sekali-2025"
      secrets += [typedAsUsername, "wrong-password-123"]
      _ = await rpcError { try await test.login(typedAsUsername, "wrong-password-123") }
      _ = await rpcError { try await test.login("admin", "wrong-password-123") }

      let bootstrap = try test.adminPassword
      let admin = try await test.loginAdmin()
      secrets += [bootstrap, admin.token]
      var change = Simpeg_V1_ChangePasswordRequest()
      change.oldPassword = bootstrap
      change.newPassword = "Kata-Sandi-Baru-2025"
      secrets.append(change.newPassword)
      _ = try await admin.auth.changePassword(change)
      // A wrong old password and a too short new one are refused without echoing them.
      change.oldPassword = "Bukan-Sandi-Lama-1"
      secrets.append(change.oldPassword)
      _ = await rpcError { try await admin.auth.changePassword(change) }
      change.oldPassword = "Kata-Sandi-Baru-2025"
      change.newPassword = "Pendek-1"
      secrets.append(change.newPassword)
      _ = await rpcError { try await admin.auth.changePassword(change) }

      var generated = Simpeg_V1_CreateUserAccountRequest()
      generated.username = "operator1"
      let initial = try await admin.accounts.createUserAccount(generated).initialPassword
      secrets.append(initial)
      var chosen = Simpeg_V1_CreateUserAccountRequest()
      chosen.username = "operator2"
      chosen.initialPassword = "Dipilih-Admin-2025"
      secrets.append(chosen.initialPassword)
      _ = try await admin.accounts.createUserAccount(chosen)
      let operatorSession = try await test.login("operator1", initial)
      secrets.append(operatorSession.token)

      var reset = Simpeg_V1_ResetPasswordRequest()
      reset.account = .byName("operator2")
      secrets.append(try await admin.accounts.resetPassword(reset).temporaryPassword)

      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      secrets.append(service.secret)
      let auth = Simpeg_V1_AuthService.Client(wrapping: try test.client(apiKey: service.secret))
      _ = try await auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      _ = await rpcError { try await auth.logout(Simpeg_V1_LogoutRequest()) }
      _ = try await admin.auth.logout(Simpeg_V1_LogoutRequest())
      _ = await rpcError { try await admin.auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
    }
    let lines = capture.all
    // The capture works: the scenario's logins and refusals were logged.
    #expect(lines.contains { $0.text.contains("logged in") })
    #expect(lines.contains { $0.text.contains("login refused") })
    #expect(lines.contains { $0.text.contains("UNAUTHENTICATED") })
    for secret in secrets {
      #expect(!secret.isEmpty)
      let leaks = lines.filter { $0.text.contains(secret) }
      #expect(leaks.isEmpty, "a secret was logged: \(leaks.map(\.text))")
    }
  }
}
