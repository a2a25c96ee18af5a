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

extension Simpeg_Internal_V1_PeriodKindRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_PeriodKindSetting) {
    self.init()
    year = message.year
    kind = message.kind
    setBy = message.setBy
    if message.hasSetAt { setAt = message.setAt }
    isDefault = message.isDefault
  }
}
