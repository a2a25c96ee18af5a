import SimpegAPI
import SimpegKinerja
import SimpegStore

/// Riwayat jabatan and riwayat pangkat in `Tables.history`, keyed (employee id, entry number),
/// numbered from 1 in the order they were written.
enum EmployeeHistoryBook {
  /// One entry with its number.
  typealias Entry = Row<CompositeKey2<UInt64, UInt64>, Simpeg_Internal_V1_HistoryRecord>

  /// Every entry of `employeeID`, in entry order.
  static func entries(of employeeID: UInt64, in transaction: ReadTransaction) throws -> [Entry] {
    try Tables.history.scan(in: transaction, range: .prefix(KeyPrefix(employeeID)))
  }

  /// Appends `record` as the next entry of `employeeID`.
  static func append(
    _ record: Simpeg_Internal_V1_HistoryRecord, for employeeID: UInt64, in transaction: WriteTransaction
  ) throws {
    let last = try Tables.history.scan(
      in: transaction, range: .prefix(KeyPrefix(employeeID)), direction: .reverse, limit: 1
    ).first
    let number = (last?.key.second ?? 0) + 1
    try Tables.history.insert(record, for: CompositeKey2(employeeID, number), in: transaction)
  }

  /// Opens a riwayat jabatan entry: `employeeID` starts in `position` (as Plt when `acting`).
  static func startPosition(
    _ position: Simpeg_Internal_V1_PositionRecord, for employeeID: UInt64, acting: Bool,
    on date: CalendarDate,
    reason: String, in transaction: WriteTransaction
  ) throws {
    var entry = Simpeg_V1_PositionHistoryEntry()
    entry.positionID = position.id
    entry.unitID = position.unitID
    entry.positionTitle = position.title
    entry.acting = acting
    entry.start = Simpeg_V1_Date(date)
    entry.reason = reason
    var record = Simpeg_Internal_V1_HistoryRecord()
    record.position = entry
    try append(record, for: employeeID, in: transaction)
  }

  /// Ends the open riwayat jabatan entries of `employeeID` in `positionID` (as Plt when
  /// `acting`) on `date`; refuses a date before such an entry's start.
  static func endPosition(
    _ positionID: UInt64, for employeeID: UInt64, acting: Bool, on date: CalendarDate,
    field: String, in transaction: WriteTransaction
  ) throws {
    for row in try entries(of: employeeID, in: transaction) {
      guard case .position(var entry) = row.value.entry, entry.positionID == positionID,
        entry.acting == acting, !entry.hasEnd
      else { continue }
      if let start = entry.start.calendarDate, date < start {
        throw FieldCheck.invalid(
          field,
          "\(date) is before \(start), when employee \(employeeID) started in position \(positionID)")
      }
      entry.end = Simpeg_V1_Date(date)
      var record = row.value
      record.position = entry
      try Tables.history.put(record, for: row.key, in: transaction)
    }
  }

  /// Adds a riwayat pangkat entry: `golongan` from `tmt`.
  static func recordRank(
    _ golongan: Simpeg_V1_Golongan, tmt: CalendarDate, reason: String, for employeeID: UInt64,
    in transaction: WriteTransaction
  ) throws {
    var entry = Simpeg_V1_RankHistoryEntry()
    entry.golongan = golongan
    entry.tmt = Simpeg_V1_Date(tmt)
    entry.reason = reason
    var record = Simpeg_Internal_V1_HistoryRecord()
    record.rank = entry
    try append(record, for: employeeID, in: transaction)
  }
}
