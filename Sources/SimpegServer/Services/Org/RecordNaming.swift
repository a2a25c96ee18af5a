import SimpegAPI

/// How refusals name records, so an administrator can tell which one is meant:
/// `unit 12 (Bidang Pelayanan)`, `employee 17 (Siti Rahayu, NIP 198609262015052001)`.
enum RecordNaming {
  /// `unit 12 (Bidang Pelayanan)`.
  static func unit(_ unit: Simpeg_Internal_V1_UnitRecord) -> String { "unit \(unit.id) (\(unit.name))" }

  /// `position 301 (Kepala Seksi Identitas Penduduk)`.
  static func position(_ position: Simpeg_Internal_V1_PositionRecord) -> String {
    "position \(position.id) (\(position.title))"
  }

  /// `employee 17 (Siti Rahayu, NIP 198609262015052001)`.
  static func employee(_ employee: Simpeg_Internal_V1_EmployeeRecord) -> String {
    "employee \(employee.id) (\(employee.name), NIP \(employee.nip))"
  }

  /// Up to `limit` names joined by commas, then how many more there are.
  static func list(_ names: [String], limit: Int = 5) -> String {
    let shown = names.prefix(limit).joined(separator: ", ")
    return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
  }
}
