import SimpegAPI

/// The personal fields an UpdateEmployeeRequest changes, checked: fields left empty keep their
/// value, titles are cleared only by their flag, and a request that changes nothing is refused.
struct EmployeeUpdate {
  private var name: String
  private var gelarDepan: String?
  private var gelarBelakang: String?
  private var birthPlace: String
  private var email: String
  private var phone: String

  /// Checks `request`.
  init(_ request: Simpeg_V1_UpdateEmployeeRequest) throws {
    name = try FieldCheck.text(request.name, field: "name", limit: FieldCheck.nameLimit)
    gelarDepan = try Self.title(
      request.gelarDepan, clear: request.clearGelarDepan_p, field: "gelar_depan")
    gelarBelakang = try Self.title(
      request.gelarBelakang, clear: request.clearGelarBelakang_p, field: "gelar_belakang")
    birthPlace = try FieldCheck.text(
      request.birthPlace, field: "birth_place", limit: FieldCheck.placeLimit)
    email = try ContactFields.email(request.email)
    phone = try ContactFields.phone(request.phone)
    guard
      !name.isEmpty || gelarDepan != nil || gelarBelakang != nil || !birthPlace.isEmpty
        || !email.isEmpty || !phone.isEmpty
    else {
      throw FieldCheck.invalid("employee_id", "nothing to change: every field of the request is empty")
    }
  }

  /// Writes the changed fields into `employee`.
  func apply(to employee: inout Simpeg_Internal_V1_EmployeeRecord) {
    if !name.isEmpty { employee.name = name }
    if let gelarDepan { employee.gelarDepan = gelarDepan }
    if let gelarBelakang { employee.gelarBelakang = gelarBelakang }
    if !birthPlace.isEmpty { employee.birthPlace = birthPlace }
    if !email.isEmpty { employee.email = email }
    if !phone.isEmpty { employee.phone = phone }
  }

  /// The new title: nil to keep, "" to clear (with the flag), else the text.
  private static func title(_ value: String, clear: Bool, field: String) throws -> String? {
    let text = try FieldCheck.text(value, field: field, limit: FieldCheck.titleLimit)
    if clear {
      guard text.isEmpty else {
        throw FieldCheck.invalid(field, "is given together with clear_\(field); give one or the other")
      }
      return ""
    }
    return text.isEmpty ? nil : text
  }
}
