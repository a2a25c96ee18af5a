import SimpegAPI

extension Simpeg_V1_Holiday {
  /// The answer for a stored holiday: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_HolidayRecord) {
    self.init()
    if record.hasDate { date = record.date }
    name = record.name
  }
}
