import SimpegAPI
import SimpegRPC
import SimpegStore

/// Finds the account an ``Simpeg_V1_AccountRef`` names, by id or by username.
enum AccountLookup {
  /// The account `reference` names; `INVALID_ARGUMENT` when it names none, `NOT_FOUND` when no
  /// such account exists.
  static func find(
    _ reference: Simpeg_V1_AccountRef, field: String = "account", in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_AccountRecord {
    switch reference.key {
    case .id(let id):
      guard id != 0 else {
        throw RPCError(.invalidArgument, "\(field).id: must not be 0; give an account id or a username")
      }
      guard let record = try Tables.accounts.get(id, in: transaction) else {
        throw RPCError(.notFound, "\(field): no account has id \(id)")
      }
      return record
    case .username(let text):
      let username = try AccountInput.lookupName(text, field: "\(field).username")
      guard
        let record = try Tables.accounts.findUnique(
          Tables.accountsByUsername, username, in: transaction)?.value
      else {
        throw RPCError(.notFound, "\(field): no account has username \(AccountInput.quoted(username))")
      }
      return record
    case nil:
      throw RPCError(.invalidArgument, "\(field): is required; give the account's id or username")
    }
  }
}
