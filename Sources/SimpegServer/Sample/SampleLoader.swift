import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Fills an empty store with the sample Kota Salatiga of ``SalatigaSample``: every unit, every
/// position with its holder or Plt, and about 3,500 employees with their first history
/// entries, in one transaction and one audit record. Deterministic from the seed.
///
/// Every record is written by the commands the API's calls use, with their checks: units by
/// ``UnitCreation``, positions by ``PositionCreation``, heads and the elected official by
/// ``UnitLeadership``, employees by ``EmployeeDraft`` and ``EmployeeCreation``, Plt by
/// ``HolderAssignment``.
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
    var units: [Int: Simpeg_Internal_V1_UnitRecord] = [:]
    for unit in sample.units {
      var request = Simpeg_V1_CreateUnitRequest()
      request.parentID = unit.parent.flatMap { units[$0]?.id } ?? 0
      request.kind = Simpeg_V1_UnitKind(rawValue: unit.kind.rawValue) ?? .unspecified
      request.name = unit.name
      let draft = try UnitCreation.draft(from: request)
      try UnitCreation.check(draft, in: transaction)
      units[unit.id] = try UnitCreation.insert(draft, in: mutation)
    }
    let officials = Dictionary(uniqueKeysWithValues: sample.officials.map { ($0.id, $0) })
    var positions: [Int: Simpeg_Internal_V1_PositionRecord] = [:]
    for position in sample.positions {
      let draft = try positionDraft(
        position, unitID: units[position.unit]?.id ?? 0,
        supervisorID: position.supervisor.flatMap { positions[$0]?.id } ?? 0)
      try PositionCreation.check(draft, in: transaction)
      var record = try PositionCreation.insert(draft, in: mutation)
      if case .official(let id) = position.holder, let official = officials[id] {
        record = try UnitLeadership.setOfficial(official.name.full, of: record, in: mutation)
      }
      positions[position.id] = record
    }
    for unit in sample.units {
      guard let record = units[unit.id], let head = positions[unit.head] else { continue }
      units[unit.id] = try UnitLeadership.setHead(head, of: record, in: mutation)
    }
    var employees: [Int: Simpeg_Internal_V1_EmployeeRecord] = [:]
    for employee in sample.employees {
      let draft = try EmployeeDraft.make(from: request(for: employee))
      let plan = try EmployeeCreation.check(
        draft, unitID: 0, positionID: positions[employee.position]?.id ?? 0, today: mutation.moment.today,
        in: transaction)
      employees[employee.id] = try EmployeeCreation.insert(plan, in: mutation).employee
    }
    let asOf = CalendarDate(year: sample.referenceYear, month: 1, day: 1)!
    for position in sample.positions {
      guard case .employee(let id) = position.plt, let plt = employees[id],
        let record = try positions[position.id].flatMap({ try Tables.positions.get($0.id, in: transaction) })
      else { continue }
      _ = try HolderAssignment.assignPlt(plt, to: record, on: asOf, reason: "data awal", in: mutation)
    }
    return Counts(
      units: sample.units.count, positions: sample.positions.count, employees: sample.employees.count)
  }

  /// The checked fields of a sample position; the Wali Kota's, an elected office outside the ASN
  /// levels, has no level.
  private static func positionDraft(_ position: SamplePosition, unitID: UInt64, supervisorID: UInt64)
    throws -> PositionCreation.Draft
  {
    var request = Simpeg_V1_CreatePositionRequest()
    request.unitID = unitID
    request.title = position.name
    if let level = position.level {
      request.level = Simpeg_V1_JabatanLevel(rawValue: level.rawValue) ?? .unspecified
      request.eselon = position.eselon.flatMap { Simpeg_V1_Eselon(rawValue: $0.rawValue) } ?? .unspecified
    } else {
      request.elected = true
    }
    request.supervisorPositionID = supervisorID
    return try PositionCreation.draft(from: request)
  }

  /// The CreateEmployeeRequest of a sample employee: the TMT, birth date and gender come from the
  /// NIP, as for a request that leaves them out.
  private static func request(for employee: SampleEmployee) -> Simpeg_V1_CreateEmployeeRequest {
    var request = Simpeg_V1_CreateEmployeeRequest()
    request.nip = employee.nip.canonical
    request.name = employee.name.name
    request.gelarDepan = employee.name.frontTitles.joined(separator: " ")
    request.gelarBelakang = employee.name.backTitles.joined(separator: ", ")
    request.gender = Simpeg_V1_Gender(employee.gender)
    request.status = Simpeg_V1_EmploymentStatus(rawValue: employee.status.rawValue) ?? .unspecified
    request.golongan = Simpeg_V1_Golongan(employee.golongan)
    return request
  }
}
