/// A day of the week, numbered as ISO 8601 does: Monday 1 to Sunday 7.
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable {
  /// Senin.
  case monday = 1
  /// Selasa.
  case tuesday
  /// Rabu.
  case wednesday
  /// Kamis.
  case thursday
  /// Jumat.
  case friday
  /// Sabtu.
  case saturday
  /// Minggu.
  case sunday

  /// Whether this is Saturday or Sunday, the days government offices close.
  public var isWeekend: Bool { self == .saturday || self == .sunday }
}
