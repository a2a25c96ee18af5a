/// Refusals in the words of the CSV file: the checks shared with CreateUnit and CreateEmployee
/// name request fields (`birth_date: ...`), which an import reports under the file's column
/// (`tanggal_lahir: ...`).
enum ImportColumns {
  /// The columns of a units file by the request field they fill.
  static let units = [
    "parent_id": "kode_induk", "kind": "jenis", "name": "nama", "code": "kode",
  ]

  /// The columns of an employees file by the request field they fill.
  static let employees = [
    "name": "nama", "gender": "jenis_kelamin", "birth_place": "tempat_lahir",
    "birth_date": "tanggal_lahir", "unit_id": "kode_unit", "position_id": "jabatan", "phone": "telepon",
  ]

  /// `message` with a leading request field name (followed by `:` or a space) replaced by its
  /// column in `columns`.
  static func rename(_ message: String, _ columns: [String: String]) -> String {
    guard let end = message.firstIndex(where: { $0 == ":" || $0 == " " }) else { return message }
    guard let column = columns[String(message[..<end])] else { return message }
    return column + message[end...]
  }
}
