import SimpegAPI
import SimpegRPC
import SimpegStore

/// simpeg always keeps at least one enabled user account with the ADMIN role, so BKPSDM cannot
/// lock itself out of account management: a change that would leave none is refused with
/// `FAILED_PRECONDITION`.
enum LastAdminRule {
  /// Whether `account` is an administrator who can sign in.
  static func isActiveAdmin(_ account: Simpeg_V1_Account) -> Bool {
    account.kind == .user && !account.disabled && account.roles.contains(.admin)
  }

  /// Refuses to replace `before` with `after` when `before` is the last active administrator
  /// and `after` no longer is one. `change` says what was asked, naming the field, e.g.
  /// "disabled: disabling".
  static func check(
    replacing before: Simpeg_V1_Account, with after: Simpeg_V1_Account, change: String,
    in transaction: ReadTransaction
  ) throws {
    guard isActiveAdmin(before), !isActiveAdmin(after) else { return }
    var othersExist = false
    try Tables.accounts.forEach(in: transaction) { row in
      if row.key != before.id, isActiveAdmin(row.value.account) {
        othersExist = true
        return false
      }
      return true
    }
    guard othersExist else {
      throw RPCError(
        .failedPrecondition,
        "\(change) \(AccountInput.quoted(before.username)) would leave no enabled account with the "
          + "ADMIN role; give ADMIN to another account first")
    }
  }
}
