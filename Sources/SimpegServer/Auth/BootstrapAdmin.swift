import Foundation
import Logging
import SimpegAPI
import SimpegStore

/// On the first start, when no account exists, creates the `admin` account (ADMIN role) with a
/// random password and writes its credentials to `bootstrap-admin.txt` in the data folder,
/// readable by its owner only (mode 0600). The password must be changed at first login.
enum BootstrapAdmin {
  static let fileName = "bootstrap-admin.txt"

  /// Creates the account if the store has none; returns the credentials file's path if it did.
  static func ensure(core: ServerCore) async throws -> String? {
    let hasAccounts = try core.store.read { try Tables.accounts.count(in: $0) > 0 }
    guard !hasAccounts else { return nil }
    let password = Credentials.newPassword()
    let hash = try await core.passwords.hash(password)
    // The file is written before the account is committed, so a crash in between never
    // leaves an account whose password nobody knows.
    let path = URL(fileURLWithPath: core.configuration.dataFolder)
      .appendingPathComponent(fileName).path
    let contents = """
      # simpeg bootstrap administrator: written once, at the first start of this data folder.
      # Log in with these, change the password (simpeg-admin passwd), then delete this file.
      username=admin
      password=\(password)

      """
    _ = FileManager.default.createFile(
      atPath: path, contents: Data(contents.utf8), attributes: [.posixPermissions: 0o600])
    // createFile keeps an existing file's mode: make sure of 0600 either way.
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    let created: Bool = try await core.ledger.record(AuditEntry(systemAction: "simpegd/BootstrapAdmin")) {
      mutation in
      guard try Tables.accounts.count(in: mutation.transaction) == 0 else {
        mutation.leaveUnchanged()
        return false
      }
      _ = try AccountCreation.user(
        "admin", employee: nil, roles: [.admin], displayName: "Administrator (bootstrap)", passwordHash: hash,
        in: mutation)
      return true
    }
    guard created else {
      try? FileManager.default.removeItem(atPath: path)
      return nil
    }
    core.logger.notice(
      "created the bootstrap administrator; its one-time credentials are in the data folder",
      metadata: ["file": "\(path)"])
    return path
  }
}
