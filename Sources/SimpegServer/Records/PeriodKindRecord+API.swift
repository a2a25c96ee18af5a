import SimpegAPI

extension Simpeg_V1_PeriodKindSetting {
  /// The answer for a stored period kind setting: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_PeriodKindRecord) {
    self.init()
    year = record.year
    kind = record.kind
    setBy = record.setBy
    if record.hasSetAt { setAt = record.setAt }
    isDefault = record.isDefault
  }
}
