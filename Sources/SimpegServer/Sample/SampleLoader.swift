import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegStore

/// Fills an empty store with the sample Kota Salatiga of ``SalatigaSample``: every unit, every
/// position with its holder or Plt, and about 3,500 employees with their first history
/// entries, in one transaction and one audit record. Deterministic from the seed.
public enum SampleLoader {
  /// What was loaded.
  public struct Counts: Sendable, Hashable {
    /// Units written.
    public var units: Int
    /// Positions written.
    public var positions: Int
    /// Employees written.
    public var employees: Int
  }

  /// Loads the sample generated from `seed`. Throws `FAILED_PRECONDITION` when the store
  /// already holds units or employees.
  static func load(
    seed: UInt64, into ledger: Ledger, audit entry: AuditEntry, referenceYear: Int = 2025
  ) async throws -> Counts {
    let sample = SalatigaSample.generate(seed: seed, referenceYear: referenceYear)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      guard try Tables.units.count(in: transaction) == 0,
        try Tables.employees.count(in: transaction) == 0
      else {
        throw RPCError(
          .failedPrecondition,
          "the store already holds an organisation; the sample loads only into an empty store")
      }
      let counts = try write(sample, in: mutation)
      mutation.audit(targets: [
        "sample:\(seed)", "units:\(counts.units)", "positions:\(counts.positions)",
        "employees:\(counts.employees)",
      ])
      return counts
    }
  }

  private static func write(_ sample: SampleOrganisation, in mutation: Mutation) throws -> Counts {
    let transaction = mutation.transaction
    let now = mutation.moment.timestamp
    var unitIDs: [Int: UInt64] = [:]
    var positionIDs: [Int: UInt64] = [:]
    var employeeIDs: [Int: UInt64] = [:]
    for unit in sample.units { unitIDs[unit.id] = try Tables.nextID("unit", in: transaction) }
    for position in sample.positions {
      positionIDs[position.id] = try Tables.nextID("position", in: transaction)
    }
    for employee in sample.employees {
      employeeIDs[employee.id] = try Tables.nextID("employee", in: transaction)
    }
    let officials = Dictionary(uniqueKeysWithValues: sample.officials.map { ($0.id, $0) })
    let positionsByID = Dictionary(uniqueKeysWithValues: sample.positions.map { ($0.id, $0) })

    for unit in sample.units {
      var record = Simpeg_V1_Unit()
      record.id = unitIDs[unit.id]!
      record.parentID = unit.parent.flatMap { unitIDs[$0] } ?? 0
      record.kind = Simpeg_V1_UnitKind(rawValue: unit.kind.rawValue) ?? .unspecified
      record.name = unit.name
      record.headPositionID = positionIDs[unit.head] ?? 0
      record.createdAt = now
      try Tables.units.insert(record, for: record.id, in: transaction)
    }
    for position in sample.positions {
      var record = Simpeg_V1_Position()
      record.id = positionIDs[position.id]!
      record.unitID = unitIDs[position.unit] ?? 0
      record.title = position.name
      if let level = position.level {
        record.level = Simpeg_V1_JabatanLevel(rawValue: level.rawValue) ?? .unspecified
        record.kind = Simpeg_V1_JabatanKind(rawValue: level.kind.rawValue) ?? .unspecified
      }
      if let eselon = position.eselon {
        record.eselon = Simpeg_V1_Eselon(rawValue: eselon.rawValue) ?? .unspecified
      }
      record.supervisorPositionID = position.supervisor.flatMap { positionIDs[$0] } ?? 0
      switch position.holder {
      case .employee(let id): record.holderEmployeeID = employeeIDs[id] ?? 0
      case .official(let id): record.officialHolder = officials[id]?.name.full ?? ""
      case nil: break
      }
      if case .employee(let id) = position.plt {
        record.actingEmployeeID = employeeIDs[id] ?? 0
      }
      try Tables.positions.insert(record, for: record.id, in: transaction)
    }
    for employee in sample.employees {
      let id = employeeIDs[employee.id]!
      let position = positionsByID[employee.position]
      var record = Simpeg_V1_Employee()
      record.id = id
      record.nip = employee.nip.canonical
      record.nipKind = employee.nip.kind == .pns ? .nipPns : .niPppk
      record.name = employee.name.name
      record.gelarDepan = employee.name.frontTitles.joined(separator: " ")
      record.gelarBelakang = employee.name.backTitles.joined(separator: ", ")
      record.gender = Simpeg_V1_Gender(employee.gender)
      record.birthDate = Simpeg_V1_Date(employee.nip.birthDate)
      record.status = Simpeg_V1_EmploymentStatus(rawValue: employee.status.rawValue) ?? .unspecified
      record.golongan = Simpeg_V1_Golongan(employee.golongan)
      record.positionID = positionIDs[employee.position] ?? 0
      record.unitID = position.flatMap { unitIDs[$0.unit] } ?? 0
      record.active = true
      record.tmtCpns = startDate(of: employee.nip)
      record.createdAt = now
      record.updatedAt = now
      try Tables.employees.insert(record, for: id, in: transaction)

      var positionEntry = Simpeg_V1_PositionHistoryEntry()
      positionEntry.positionID = record.positionID
      positionEntry.unitID = record.unitID
      positionEntry.positionTitle = position?.name ?? ""
      positionEntry.start = record.tmtCpns
      positionEntry.reason = "data awal"
      var rankEntry = Simpeg_V1_RankHistoryEntry()
      rankEntry.golongan = record.golongan
      rankEntry.tmt = record.tmtCpns
      rankEntry.reason = "data awal"
      var first = Simpeg_Internal_V1_HistoryRecord()
      first.position = positionEntry
      var second = Simpeg_Internal_V1_HistoryRecord()
      second.rank = rankEntry
      try Tables.history.insert(first, for: CompositeKey2(id, 1), in: transaction)
      try Tables.history.insert(second, for: CompositeKey2(id, 2), in: transaction)
    }
    return Counts(
      units: sample.units.count, positions: sample.positions.count,
      employees: sample.employees.count)
  }

  /// The first day of service: the TMT CPNS month of a PNS, 1 January of a PPPK's first year.
  static func startDate(of nip: NIP) -> Simpeg_V1_Date {
    var date = Simpeg_V1_Date()
    if let tmt = nip.tmtCPNS {
      date.year = Int32(tmt.year)
      date.month = Int32(tmt.month)
    } else {
      date.year = Int32(nip.appointmentYear)
      date.month = 1
    }
    date.day = 1
    return date
  }
}
