/// A position (one seat) of the sample, with its supervising position and its occupants.
public struct SamplePosition: Sendable, Hashable, Codable {
  /// The position's id; a supervising position has a smaller id than the positions it supervises.
  public let id: Int
  /// The unit the position belongs to.
  public let unit: Int
  /// The position's name, e.g. `Kepala Seksi Identitas Penduduk`, `Guru Ahli Muda`.
  public let name: String
  /// The level; nil for the Wali Kota, an elected office outside the ASN levels.
  public let level: JabatanLevel?
  /// The eselon of a managerial position; nil otherwise.
  public let eselon: Eselon?
  /// The supervising position (atasan langsung); nil for the Wali Kota.
  public let supervisor: Int?
  /// The definitive holder; nil when vacant.
  public var holder: PositionHolder?
  /// The acting holder (Plt) of a vacant position.
  public var plt: PositionHolder?

  /// Creates a position.
  public init(
    id: Int, unit: Int, name: String, level: JabatanLevel?, eselon: Eselon?, supervisor: Int?,
    holder: PositionHolder?, plt: PositionHolder? = nil
  ) {
    self.id = id
    self.unit = unit
    self.name = name
    self.level = level
    self.eselon = eselon
    self.supervisor = supervisor
    self.holder = holder
    self.plt = plt
  }

  /// The position as the evaluator chain sees it.
  public var occupancy: PositionOccupancy<Int, PositionHolder> {
    PositionOccupancy(id: id, supervisor: supervisor, holder: holder, plt: plt)
  }
}
