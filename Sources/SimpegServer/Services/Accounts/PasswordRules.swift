import SimpegAPI
import SimpegRPC

/// What a password must be to be accepted. Refusals name the field and never echo the password
/// or its length, since error messages reach the call log.
enum PasswordRules {
  /// The longest password accepted: plenty for a passphrase, and it keeps scrypt's input cheap.
  static let maximumLength = 1024

  /// Checks a new password: at least ``PasswordHasher/minimumLength`` characters, at most
  /// ``maximumLength``, not only spaces.
  static func checkNew(_ password: String, field: String) throws {
    try checkSize(password, field: field)
    guard password.count >= PasswordHasher.minimumLength else {
      throw RPCError(
        .invalidArgument,
        "\(field): is too short; a password needs at least \(PasswordHasher.minimumLength) characters")
    }
    guard password.contains(where: { !$0.isWhitespace }) else {
      throw RPCError(.invalidArgument, "\(field): must not be only spaces")
    }
  }

  /// Checks a password typed to prove who one is: present and of a sane size.
  static func checkSize(_ password: String, field: String) throws {
    guard !password.isEmpty else { throw RPCError(.invalidArgument, "\(field): is required") }
    guard password.utf8.count <= maximumLength * 4, password.count <= maximumLength else {
      throw RPCError(
        .invalidArgument, "\(field): is longer than \(maximumLength) characters")
    }
  }
}
