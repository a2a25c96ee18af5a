import Foundation
import Logging
import SimpegAPI
import SimpegKinerja
import SimpegStore

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
        if id == layout.topEmployeeID {
          try writeUnit(
            id: layout.rootUnitID, parent: 0, kind: .pemerintahKota, name: "Pemerintah Kota Sintetis",
            head: id)
        } else if let index = layout.unitIndex(of: id), layout.head(ofUnit: index) == id {
          try writeUnit(
            id: layout.unitID(index), parent: layout.rootUnitID, kind: .dinas,
            name: "Dinas Sintetis \(index + 1)",
            head: id)
        }
        try writeEmployee(id)
      }
      let last = employees.upperBound
      try setCounter("unit", to: UInt64(1 + (layout.unitIndex(of: last).map { $0 + 1 } ?? 0)))
      try setCounter("position", to: last)
      try setCounter("employee", to: last)
      try setCounter("skp", to: last)
      try setCounter("rhk", to: last * Self.rhksPerSKP)
      try setCounter("iki", to: last * Self.rhksPerSKP)
      try setCounter("activity", to: UInt64(counts.activities))
      mutation.audit(targets: [
        "employees:\(employees.lowerBound)-\(employees.upperBound)",
        "activities:\(counts.activities - activitiesBefore)", "year:\(shape.year)",
      ])
      counts.transactions += 1
    }

    private func setCounter(_ kind: String, to value: UInt64) throws {
      var counter = Simpeg_Internal_V1_Counter()
      counter.value = value
      try Tables.counters.put(counter, for: kind, in: transaction)
    }

    private mutating func writeUnit(
      id: UInt64, parent: UInt64, kind: Simpeg_V1_UnitKind, name: String, head: UInt64
    ) throws {
      var unit = Simpeg_V1_Unit()
      unit.id = id
      unit.parentID = parent
      unit.kind = kind
      unit.name = name
      unit.headPositionID = head
      unit.createdAt = now
      try Tables.units.insert(unit, for: id, in: transaction)
      counts.units += 1
    }

    /// The employee, their position, SKP and activities.
    private mutating func writeEmployee(_ id: UInt64) throws {
      let unitIndex = layout.unitIndex(of: id)
      let unitID = unitIndex.map(layout.unitID) ?? layout.rootUnitID
      let isTop = id == layout.topEmployeeID
      let isHead = isTop || unitIndex.map { layout.head(ofUnit: $0) == id } ?? false
      let evaluatorID: UInt64? =
        isTop ? nil : (isHead ? layout.topEmployeeID : unitIndex.map(layout.head(ofUnit:)))
      let atasanID: UInt64? = isHead ? nil : layout.topEmployeeID

      var position = Simpeg_V1_Position()
      position.id = id
      position.unitID = unitID
      position.title =
        isTop
        ? "Sekretaris Daerah" : isHead ? "Kepala Dinas Sintetis \(unitIndex! + 1)" : "Pengadministrasi Umum"
      position.level = isTop ? .jptPratama : isHead ? .levelAdministrator : .levelPelaksana
      position.kind = isTop ? .pimpinanTinggi : isHead ? .administrator : .pelaksana
      position.eselon = isTop ? .iia : isHead ? .iiia : .unspecified
      position.supervisorPositionID = evaluatorID ?? 0
      position.holderEmployeeID = id
      try Tables.positions.insert(position, for: id, in: transaction)
      counts.positions += 1

      let nip = layout.nip(of: id)
      var employee = Simpeg_V1_Employee()
      employee.id = id
      employee.nip = nip
      employee.nipKind = .nipPns
      employee.name = "Pegawai Sintetis \(id)"
      employee.gender = id % 2 == 1 ? .lakiLaki : .perempuan
      if let parsed = try? NIP(nip) {
        employee.birthDate = Simpeg_V1_Date(parsed.birthDate)
        employee.tmtCpns = Simpeg_V1_Date(try EmployeeDraft.tmt(Simpeg_V1_Date(), nip: parsed))
      }
      employee.status = .pns
      employee.golongan.scheme = .pns(isTop ? .golonganIvc : isHead ? .golonganIva : .golonganIiia)
      employee.positionID = id
      employee.unitID = unitID
      employee.active = true
      employee.createdAt = now
      employee.updatedAt = now
      try Tables.employees.insert(employee, for: id, in: transaction)
      counts.employees += 1

      var skp = Simpeg_V1_SKP()
      skp.id = id
      skp.year = Int32(shape.year)
      skp.version = 1
      skp.status = .approved
      skp.employeeID = id
      skp.positionID = id
      skp.positionTitle = position.title
      skp.unitID = unitID
      skp.level = position.level
      skp.ownerName = employee.name
      if let evaluatorID { skp.evaluator = person(evaluatorID) }
      if let atasanID { skp.atasan = person(atasanID) }
      skp.firstMonth = 1
      skp.lastMonth = 12
      skp.content.approach = .kuantitatif
      for number in 1...Self.rhksPerSKP {
        var rhk = Simpeg_V1_RHK()
        rhk.id = (id - 1) * Self.rhksPerSKP + number
        rhk.kind = .utama
        rhk.text =
          number == 1
          ? "Terselenggaranya layanan administrasi unit yang tertib" : "Tersusunnya laporan kinerja unit"
        if let evaluatorID { rhk.parentRhkID = (evaluatorID - 1) * Self.rhksPerSKP + number }
        var iki = Simpeg_V1_IKI()
        iki.id = rhk.id
        iki.aspect = .kuantitas
        iki.indicator = "Jumlah dokumen yang diselesaikan"
        iki.targetValue = 240
        iki.targetUnit = "dokumen"
        rhk.ikis = [iki]
        skp.content.rhks.append(rhk)
      }
      skp.createdAt = now
      skp.updatedAt = now
      skp.submittedAt = now
      skp.approvedAt = now
      skp.approvedBy = evaluatorID.map(layout.nip(of:)) ?? "admin"
      var record = Simpeg_Internal_V1_SKPRecord()
      record.id = skp.id
      record.versions = [skp]
      record.inForceVersion = 1
      try Tables.skps.insert(record, for: skp.id, in: transaction)
      counts.skps += 1

      for number in 0..<shape.activitiesPerEmployee {
        let rhk = skp.content.rhks[number % skp.content.rhks.count]
        let date = workingDays[(Int(id) * 7 + number * 3) % workingDays.count]
        var activity = Simpeg_V1_Activity()
        activity.id = UInt64(counts.activities + 1)
        activity.employeeID = id
        activity.skpID = skp.id
        activity.rhkID = rhk.id
        activity.ikiID = rhk.ikis[0].id
        activity.date = Simpeg_V1_Date(date)
        activity.startMinute = UInt32(8 * 60 + 30 * (number % 8))
        activity.endMinute = activity.startMinute + 60
        activity.description_p = "Menyelesaikan dokumen administrasi nomor \(number + 1)"
        activity.outputQuantity = 1
        activity.outputUnit = rhk.ikis[0].targetUnit
        activity.status = .pending
        activity.loggedAt = now
        activity.unitID = unitID
        activity.revision = 1
        activity.loggedBy = nip
        activity.evaluatorEmployeeID = evaluatorID ?? 0
        try ActivityServiceHandler.save(activity, in: transaction)
        counts.activities += 1
      }
    }

    private func person(_ id: UInt64) -> Simpeg_V1_PositionPerson {
      var person = Simpeg_V1_PositionPerson()
      person.employeeID = id
      person.positionID = id
      person.name = "Pegawai Sintetis \(id)"
      person.positionTitle =
        id == layout.topEmployeeID
        ? "Sekretaris Daerah" : "Kepala Dinas Sintetis \((layout.unitIndex(of: id) ?? 0) + 1)"
      return person
    }
  }
}
