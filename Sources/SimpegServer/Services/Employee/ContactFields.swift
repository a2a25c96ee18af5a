import Foundation

/// The contact fields of an employee: an e-mail address and a phone number, both optional.
enum ContactFields {
  /// The longest e-mail address (RFC 5321).
  static let emailLimit = 254
  /// The longest phone number as written.
  static let phoneLimit = 32

  /// A trimmed e-mail address, empty when none; refused unless it looks like `name@host.domain`.
  static func email(_ value: String, field: String = "email") throws -> String {
    let email = try FieldCheck.text(value, field: field, limit: emailLimit)
    guard !email.isEmpty else { return email }
    let parts = email.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
      !parts[1].hasSuffix("."), !email.contains(where: \.isWhitespace)
    else {
      throw FieldCheck.invalid(field, "'\(email)' is not an e-mail address (name@host.domain)")
    }
    return email
  }

  /// A trimmed phone number, empty when none; digits, spaces, `+ - ( )`, at least 6 digits.
  static func phone(_ value: String, field: String = "phone") throws -> String {
    let phone = try FieldCheck.text(value, field: field, limit: phoneLimit)
    guard !phone.isEmpty else { return phone }
    let allowed = Set("0123456789+-() ")
    guard phone.allSatisfy(allowed.contains), phone.count(where: \.isNumber) >= 6 else {
      throw FieldCheck.invalid(
        field, "'\(phone)' is not a phone number (digits, spaces and + - ( ), at least 6 digits)")
    }
    return phone
  }
}
