import Foundation
import SimpegAPI

/// Records named on the command line the way operators know them: a unit by id or code, an
/// employee by id or NIP (18 digits, spaces allowed), an account by id or username.
public enum References {
  /// The id of the unit named `text`: a number is an id, anything else a code.
  public static func unit(_ text: String, connection: AdminConnection) async throws -> UInt64 {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let id = UInt64(trimmed) { return id }
    var request = Simpeg_V1_GetUnitTreeRequest()
    request.includeClosed = true
    let nodes = try await connection.org.getUnitTree(request, options: connection.unary).nodes
    guard let unit = nodes.first(where: { $0.unit.code.caseInsensitiveCompare(trimmed) == .orderedSame })
    else {
      throw AdminFailure(
        .notFound, "no unit has the code '\(trimmed)'", hint: "`simpeg-admin unit tree` lists the units")
    }
    return unit.unit.id
  }

  /// The id of the employee named `text`: 18 digits (spaces allowed) are a NIP, a shorter
  /// number an id.
  public static func employee(_ text: String, connection: AdminConnection) async throws -> UInt64 {
    let digits = text.filter { !$0.isWhitespace }
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
      throw AdminFailure.usage("'\(text)' is neither an employee id nor a NIP")
    }
    if digits.count < 18, let id = UInt64(digits) { return id }
    var request = Simpeg_V1_GetEmployeeRequest()
    request.nip = digits
    return try await connection.employees.getEmployee(request, options: connection.unary).id
  }

  /// The account named `text`: a number is an id, anything else a username.
  public static func account(_ text: String) -> Simpeg_V1_AccountRef {
    var reference = Simpeg_V1_AccountRef()
    if let id = UInt64(text) {
      reference.id = id
    } else {
      reference.username = text
    }
    return reference
  }

  /// A positive number for an id given as `text` (a position, an API key).
  public static func id(_ text: String, of what: String) throws -> UInt64 {
    guard let id = UInt64(text.trimmingCharacters(in: .whitespaces)), id > 0 else {
      throw AdminFailure.usage("'\(text)' is not \(what) id (a positive number)")
    }
    return id
  }
}
