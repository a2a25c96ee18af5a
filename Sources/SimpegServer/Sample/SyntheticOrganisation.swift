import Foundation
import Logging
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// A synthetic organisation of any size, written straight into a data folder for measuring how
/// the services' costs grow with the number of employees and activities (Tools/bench/growth).
///
/// The layout is fixed by ``Shape`` alone, so a driver knows every id without reading them:
/// - unit 1 is the city (``Layout/rootUnitID``), headed by position 1, which employee 1 holds;
/// - employees `2...employees` fill units of ``Shape/unitSize``: unit `2 + u` holds employees
///   `2 + u * unitSize ..< 2 + (u + 1) * unitSize` (the last unit may be smaller); the first of
///   them holds the unit's head position, the others staff positions supervised by that head,
///   and the head position is supervised by position 1;
/// - every position's id is the id of the employee who holds it;
/// - every employee has an approved SKP for ``Shape/year`` (two RHKs with one IKI each),
///   evaluated by the head of their unit (heads by employee 1; employee 1 has no evaluator), and
///   ``Shape/activitiesPerEmployee`` pending activities on working days from 2 January.
///
/// Records go through the same tables, indexes and codecs as the services' own writes, in write
/// transactions of ``Shape/employeesPerTransaction`` employees; each transaction appends one audit
/// record (hash-chained like every other) and moves the id counters past what it wrote, so the
/// daemon opened on the folder carries on from there. The store must be empty.
public enum SyntheticOrganisation {
  /// The size and shape of the organisation.
  public struct Shape: Sendable, Hashable {
    /// Employees in all, the city's head included; at least 2.
    public var employees: Int
    /// Pending activities logged by each employee.
    public var activitiesPerEmployee: Int
    /// Employees per unit below the city, the unit's head included; at least 2.
    public var unitSize: Int
    /// The year of the SKPs and activities.
    public var year: Int
    /// Employees written per write transaction.
    public var employeesPerTransaction: Int

    /// A shape with units of 50 and transactions of 20,000 employees.
    public init(
      employees: Int, activitiesPerEmployee: Int, year: Int, unitSize: Int = 50,
      employeesPerTransaction: Int = 20_000
    ) {
      self.employees = employees
      self.activitiesPerEmployee = activitiesPerEmployee
      self.unitSize = unitSize
      self.year = year
      self.employeesPerTransaction = employeesPerTransaction
    }

    /// Where each record of this shape lies.
    public var layout: Layout { Layout(shape: self) }
  }

  /// The ids of a shape's records.
  public struct Layout: Sendable, Hashable {
    let shape: Shape

    /// The city, parent of every other unit.
    public let rootUnitID: UInt64 = 1
    /// The employee at the head of the city.
    public let topEmployeeID: UInt64 = 1

    /// How many units lie below the city.
    public var unitCount: Int { (shape.employees - 2) / shape.unitSize + 1 }

    /// The id of the unit numbered `index` (0 to ``unitCount`` - 1) below the city.
    public func unitID(_ index: Int) -> UInt64 { UInt64(2 + index) }

    /// The employees of the unit numbered `index`, its head first.
    public func members(ofUnit index: Int) -> ClosedRange<UInt64> {
      let first = 2 + index * shape.unitSize
      return UInt64(first)...UInt64(min(shape.employees, first + shape.unitSize - 1))
    }

    /// The head of the unit numbered `index`: the evaluator of its other members.
    public func head(ofUnit index: Int) -> UInt64 { members(ofUnit: index).lowerBound }

    /// The unit index of employee `id` (nil for the city's head and unknown ids).
    public func unitIndex(of id: UInt64) -> Int? {
      guard id >= 2, id <= UInt64(shape.employees) else { return nil }
      return (Int(id) - 2) / shape.unitSize
    }

    /// The NIP of employee `id`: valid and unique for any id below 875 million.
    public func nip(of id: UInt64) -> String {
      let index = Int(id - 1)
      let sequence = index % 999 + 1
      let rest = index / 999
      let birth = CalendarDate(
        dayNumber: CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber + rest % 3_650)
      let month = (rest / 3_650) % 240
      return String(
        format: "%04d%02d%02d%04d%02d%d%03d", birth.year, birth.month, birth.day, 2000 + month / 12,
        month % 12 + 1, 1 + index % 2, sequence)
    }
  }

  /// What was written.
  public struct Counts: Sendable, Hashable {
    /// Units written, the city included.
    public var units = 0
    /// Positions written.
    public var positions = 0
    /// Employees written.
    public var employees = 0
    /// SKPs written.
    public var skps = 0
    /// Activities written.
    public var activities = 0
    /// Write transactions committed (one audit record each).
    public var transactions = 0
  }

  /// Opens (creating) the store in `dataFolder` with simpegd's schema, writes `shape` and closes
  /// the store (`logger` is the store's). Throws `FAILED_PRECONDITION` when the store already holds units or employees, and
  /// `INVALID_ARGUMENT` for a shape it cannot build. `progress` sees the counts after every
  /// transaction.
  public static func write(
    _ shape: Shape, intoDataFolder dataFolder: String,
    configuration: StoreConfiguration = StoreConfiguration(),
    logger: Logger = Logger(label: "simpeg.synthetic"),
    progress: @Sendable (Counts) -> Void = { _ in }
  ) async throws -> Counts {
    try FileManager.default.createDirectory(atPath: dataFolder, withIntermediateDirectories: true)
    let store = try Store.open(
      at: dataFolder, configuration: configuration, schema: Tables.schema, logger: logger)
    defer { store.close() }
    return try await write(shape, into: Ledger(store: store, clock: .system), progress: progress)
  }

  /// Writes `shape` through `ledger` (of a store opened with simpegd's schema), as
  /// ``write(_:intoDataFolder:configuration:logger:progress:)``.
  static func write(
    _ shape: Shape, into ledger: Ledger, progress: @Sendable (Counts) -> Void = { _ in }
  ) async throws -> Counts {
    guard shape.employees >= 2, shape.unitSize >= 2, shape.activitiesPerEmployee >= 0,
      shape.employeesPerTransaction >= 1, shape.employees < 875_000_000,
      CalendarDate(year: shape.year, month: 1, day: 1) != nil
    else {
      throw RPCError(
        .invalidArgument,
        "a synthetic organisation needs at least 2 employees, units of at least 2, a valid year and "
          + "a positive transaction size")
    }
    try ledger.read { transaction in
      guard try Tables.units.count(in: transaction) == 0, try Tables.employees.count(in: transaction) == 0
      else {
        throw RPCError(
          .failedPrecondition,
          "the store already holds an organisation; a synthetic one is written only into an empty store")
      }
    }
    let workingDays = Writer.workingDays(of: shape.year)
    guard shape.activitiesPerEmployee == 0 || !workingDays.isEmpty else {
      throw RPCError(.invalidArgument, "the year \(shape.year) has no working days")
    }
    var counts = Counts()
    var next: UInt64 = 1
    while next <= UInt64(shape.employees) {
      let range = next...min(UInt64(shape.employees), next + UInt64(shape.employeesPerTransaction) - 1)
      let before = counts
      counts = try await ledger.record(AuditEntry(systemAction: "simpegd/WriteSyntheticOrganisation")) {
        mutation in
        var writer = Writer(shape: shape, workingDays: workingDays, counts: before, mutation: mutation)
        try writer.write(range)
        return writer.counts
      }
      progress(counts)
      next = range.upperBound + 1
    }
    return counts
  }
}

extension SyntheticOrganisation {
  /// Writes one transaction's employees and everything that hangs from them.
  private struct Writer {
    let shape: Shape
    let layout: Layout
    let workingDays: [CalendarDate]
    var counts: Counts
    let mutation: Mutation
    let transaction: WriteTransaction
    let now: Google_Protobuf_Timestamp
    /// The RHK and IKI ids of an employee's SKP: derived from the employee id, so an activity
    /// needs no lookup.
    static let rhksPerSKP: UInt64 = 2

    init(shape: Shape, workingDays: [CalendarDate], counts: Counts, mutation: Mutation) {
      self.shape = shape
      self.layout = shape.layout
      self.workingDays = workingDays
      self.counts = counts
      self.mutation = mutation
      self.transaction = mutation.transaction
      self.now = mutation.moment.timestamp
    }

    static func workingDays(of year: Int) -> [CalendarDate] {
      guard let first = CalendarDate(year: year, month: 1, day: 2),
        let last = CalendarDate(year: year, month: 12, day: 31)
      else { return [] }
      return (first.dayNumber...last.dayNumber).map(CalendarDate.init(dayNumber:)).filter {
        !$0.weekday.isWeekend
      }
    }

    mutating func write(_ employees: ClosedRange<UInt64>) throws {
      let activitiesBefore = counts.activities
      for id in employees {
        var unit: Simpeg_Internal_V1_UnitRecord?
        if id == layout.topEmployeeID {
          unit = try writeUnit(parent: 0, kind: .pemerintahKota, name: "Pemerintah Kota Sintetis")
        } else if let index = layout.unitIndex(of: id), layout.head(ofUnit: index) == id {
          unit = try writeUnit(
            parent: layout.rootUnitID, kind: .dinas, name: "Dinas Sintetis \(index + 1)")
        }
        try writeEmployee(id, heading: unit)
      }
      mutation.audit(targets: [
        "employees:\(employees.lowerBound)-\(employees.upperBound)",
        "activities:\(counts.activities - activitiesBefore)", "year:\(shape.year)",
      ])
      counts.transactions += 1
    }

    private mutating func writeUnit(parent: UInt64, kind: Simpeg_V1_UnitKind, name: String) throws
      -> Simpeg_Internal_V1_UnitRecord
    {
      counts.units += 1
      return try UnitCreation.insert(
        UnitCreation.Draft(parentID: parent, kind: kind, name: name, code: ""), in: mutation)
    }

    /// The employee, their position (the head position of `unit` when given), SKP and activities.
    private mutating func writeEmployee(_ id: UInt64, heading unit: Simpeg_Internal_V1_UnitRecord?) throws {
      let unitIndex = layout.unitIndex(of: id)
      let unitID = unitIndex.map(layout.unitID) ?? layout.rootUnitID
      let isTop = id == layout.topEmployeeID
      let isHead = isTop || unitIndex.map { layout.head(ofUnit: $0) == id } ?? false
      let evaluatorID: UInt64? =
        isTop ? nil : (isHead ? layout.topEmployeeID : unitIndex.map(layout.head(ofUnit:)))

      let classification = PositionClassification.Checked(
        kind: isTop ? .pimpinanTinggi : isHead ? .administrator : .pelaksana,
        level: isTop ? .jptPratama : isHead ? .levelAdministrator : .levelPelaksana,
        eselon: isTop ? .iia : isHead ? .iiia : .unspecified)
      let title =
        isTop
        ? "Sekretaris Daerah" : isHead ? "Kepala Dinas Sintetis \(unitIndex! + 1)" : "Pengadministrasi Umum"
      let position = try PositionCreation.insert(
        PositionCreation.Draft(
          unitID: unitID, title: title, classification: classification, supervisorID: evaluatorID ?? 0),
        in: mutation)
      if let unit { try UnitLeadership.setHead(position, of: unit, in: mutation) }
      counts.positions += 1

      var request = Simpeg_V1_CreateEmployeeRequest()
      request.nip = layout.nip(of: id)
      request.name = "Pegawai Sintetis \(id)"
      request.status = .pns
      request.golongan.scheme = .pns(isTop ? .golonganIvc : isHead ? .golonganIva : .golonganIiia)
      let plan = try EmployeeCreation.check(
        try EmployeeDraft.make(from: request), unitID: 0, positionID: position.id,
        today: mutation.moment.today,
        in: transaction)
      let employee = try EmployeeCreation.insert(plan, in: mutation).employee
      counts.employees += 1

      var content = Simpeg_V1_SKPContent()
      content.approach = .kuantitatif
      for number in 1...Self.rhksPerSKP {
        var rhk = Simpeg_V1_RHK()
        rhk.kind = .utama
        rhk.text =
          number == 1
          ? "Terselenggaranya layanan administrasi unit yang tertib" : "Tersusunnya laporan kinerja unit"
        if let evaluatorID { rhk.parentRhkID = (evaluatorID - 1) * Self.rhksPerSKP + number }
        if isTop { rhk.perspective = Simpeg_V1_JPTPerspective(rawValue: Int(number)) ?? .penerimaLayanan }
        var iki = Simpeg_V1_IKI()
        iki.aspect = .kuantitas
        iki.indicator = "Jumlah dokumen yang diselesaikan"
        iki.targetValue = 240
        iki.targetUnit = "dokumen"
        rhk.ikis = [iki]
        content.rhks.append(rhk)
      }
      content.expectations = BerAKHLAK.allCases.map { value in
        var expectation = Simpeg_V1_BehaviourExpectation()
        expectation.value = Simpeg_V1_BerAKHLAK(rawValue: value.rawValue) ?? .unspecified
        expectation.expectation = "Melayani dengan sepenuh hati"
        return expectation
      }
      let owner = SKPCommands.Owner(
        employeeID: id, positionID: position.id, positionTitle: position.title, unitID: unitID,
        level: position.level, ownerName: EvaluatorLookup.displayName(employee))
      var record = try SKPCommands.create(
        for: owner, year: Int32(shape.year), months: 1...12, content: content, at: now, in: mutation)
      _ = try SKPCommands.submit(&record, version: 1, at: now, in: mutation)
      let skp = try SKPCommands.approve(
        &record, version: 1,
        by: evaluatorID.map(layout.nip(of:)) ?? "admin", at: now, in: mutation)
      counts.skps += 1

      for number in 0..<shape.activitiesPerEmployee {
        let rhk = skp.content.rhks[number % skp.content.rhks.count]
        let start = UInt32(8 * 60 + 30 * (number % 8))
        let entry = ActivityCommands.Entry(
          employee: employee, skp: skp, rhk: rhk, iki: rhk.ikis[0],
          date: workingDays[(Int(id) * 7 + number * 3) % workingDays.count], startMinute: start,
          endMinute: start + 60, description: "Menyelesaikan dokumen administrasi nomor \(number + 1)",
          outputQuantity: 1)
        _ = try ActivityCommands.log(entry, by: employee.nip, at: now, in: mutation)
        counts.activities += 1
      }
    }
  }
}
