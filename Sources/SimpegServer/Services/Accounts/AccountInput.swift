import Foundation
import SimpegAPI
import SimpegRPC

/// Checks and normalises what an administrator or a person types for an account: usernames,
/// display names, labels, reasons and roles. Every refusal is `INVALID_ARGUMENT` naming the
/// field, and echoes at most a short, clipped piece of the input.
enum AccountInput {
  /// Lengths of a username of an operator or a service.
  static let usernameLength = 3...64
  /// The longest username looked up at all (a NIP has 18 digits).
  static let lookupMaximum = 128
  /// The longest display name.
  static let displayNameMaximum = 200
  /// The longest API key label.
  static let labelMaximum = 100
  /// The longest reason for disabling an account.
  static let reasonMaximum = 500

  /// An operator's or a service's username: 3-64 characters of `a-z`, `0-9`, `.`, `_` and `-`,
  /// starting with a letter (so it can never look like a NIP), lowercased.
  static func username(_ text: String, field: String) throws -> String {
    let name = text.trimmingCharacters(in: .whitespaces).lowercased()
    guard !name.isEmpty else { throw RPCError(.invalidArgument, "\(field): is required") }
    guard usernameLength.contains(name.count) else {
      throw RPCError(
        .invalidArgument,
        "\(field): must have \(usernameLength.lowerBound) to \(usernameLength.upperBound) characters")
    }
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
    guard let first = name.first, first.isLetter, first.isASCII, name.allSatisfy(allowed.contains)
    else {
      throw RPCError(
        .invalidArgument,
        "\(field): \(quoted(name)) may hold only a-z, 0-9, '.', '_' and '-', and must start with a "
          + "letter")
    }
    return name
  }

  /// A username as typed at login or in a lookup: trimmed and lowercased; a NIP typed with
  /// spaces (`19860926 201505 1 001`) loses them.
  static func lookupName(_ text: String, field: String) throws -> String {
    guard text.utf8.count <= lookupMaximum * 4 else {
      throw RPCError(.invalidArgument, "\(field): is longer than \(lookupMaximum) characters")
    }
    var name = text.trimmingCharacters(in: .whitespaces).lowercased()
    if name.allSatisfy({ $0 == " " || ("0"..."9").contains($0) }) {
      name.removeAll { $0 == " " }
    }
    guard !name.isEmpty else { throw RPCError(.invalidArgument, "\(field): is required") }
    guard name.count <= lookupMaximum else {
      throw RPCError(.invalidArgument, "\(field): is longer than \(lookupMaximum) characters")
    }
    return name
  }

  /// Free text shown to people (display names, labels, reasons): trimmed, at most `maximum`
  /// characters, no control characters.
  static func text(_ text: String, field: String, maximum: Int) throws -> String {
    guard text.utf8.count <= maximum * 4 else {
      throw RPCError(.invalidArgument, "\(field): is longer than \(maximum) characters")
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count <= maximum else {
      throw RPCError(.invalidArgument, "\(field): is longer than \(maximum) characters")
    }
    guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else {
      throw RPCError(.invalidArgument, "\(field): must not contain control characters")
    }
    return trimmed
  }

  /// Roles without repeats, in code order; `ROLE_UNSPECIFIED` and unknown codes are refused.
  static func roles(_ roles: [Simpeg_V1_Role], field: String = "roles") throws -> [Simpeg_V1_Role] {
    for (position, role) in roles.enumerated() where role != .admin && role != .auditor {
      throw RPCError(
        .invalidArgument,
        "\(field)[\(position)]: \(role) is not a role; the roles are ADMIN (BKPSDM) and AUDITOR "
          + "(Inspektorat)")
    }
    return Set(roles).sorted { $0.rawValue < $1.rawValue }
  }

  /// `text` in quotes for a message, clipped to 40 characters.
  static func quoted(_ text: String) -> String {
    let clipped = text.count > 40 ? String(text.prefix(40)) + "..." : text
    return "'\(clipped)'"
  }
}
