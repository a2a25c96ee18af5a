import SimpegAPI
import SimpegStore

/// The organisation's dated assignments beside the positions themselves: the Plh (pelaksana
/// harian) who stand in for holders who are away.
extension Tables {
  /// A position's Plh by first day: (position id, day number of the first day).
  static let plhsByPosition = Index<CompositeKey2<UInt64, Int64>, Simpeg_Internal_V1_PlhRecord>(
    name: "by_position"
  ) {
    CompositeKey2($0.positionID, Int64($0.firstDay.calendarDate?.dayNumber ?? 0))
  }
  /// The Plh an employee serves as, by first day: (employee id, day number of the first day).
  static let plhsByEmployee = Index<CompositeKey2<UInt64, Int64>, Simpeg_Internal_V1_PlhRecord>(
    name: "by_employee"
  ) {
    CompositeKey2($0.employeeID, Int64($0.firstDay.calendarDate?.dayNumber ?? 0))
  }
  /// Every Plh, by id; ended ones stay (with their shortened last day), cancelled ones are marked.
  static let plhs = Table<UInt64, Simpeg_Internal_V1_PlhRecord>(
    name: "plhs", recordsChanges: true, indexes: [plhsByPosition, plhsByEmployee])

  /// Every table above, for ``schema``.
  static let organisationTables: [any TableDefinition] = [plhs]
}
