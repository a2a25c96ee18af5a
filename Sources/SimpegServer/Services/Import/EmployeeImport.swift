import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// The rows of an employees file, in file order, each read from the file's notation into a
/// CreateEmployeeRequest and given the checks of EmployeeService/CreateEmployee.
///
/// The unit is named by its code. The jabatan, when given, seats the employee in an open,
/// vacant position of that unit with that title (the lowest id first; the comparison ignores
/// case); when the unit has none, the employee is placed in the unit without a position and a
/// note says so. `kepala_unit` makes that position the unit's head (``UnitLeadership``); without
/// a position to seat the employee in, the note says the head is not set.
enum EmployeeImport {
  /// Checks and writes the rows in `mutation`, reporting bad ones; returns how many it wrote.
  static func run(
    _ rows: [Simpeg_V1_ImportEmployeeRow], report: inout ImportReport, in mutation: Mutation
  ) throws -> Int {
    let transaction = mutation.transaction
    var written = 0
    for (index, row) in rows.enumerated() {
      do {
        let request = try request(from: row)
        let unit = try unit(coded: row.unitCode, in: transaction)
        let draft = try EmployeeDraft.make(from: request)
        let title = try FieldCheck.text(row.positionTitle, field: "position_id", limit: FieldCheck.nameLimit)
        let position = try vacantPosition(titled: title, in: unit, in: transaction)
        guard let leads = RecordNotation.flag(row.unitHead) else {
          throw FieldCheck.invalid("kepala_unit", "'\(row.unitHead)' is neither ya nor tidak")
        }
        if leads, title.isEmpty {
          throw FieldCheck.invalid(
            "kepala_unit",
            "the employee leads \(RecordNaming.unit(unit)) from its head position: give its title in jabatan")
        }
        let plan = try EmployeeCreation.check(
          draft, unitID: unit.id, positionID: position?.id ?? 0, today: mutation.moment.today,
          in: transaction)
        _ = try EmployeeCreation.insert(plan, in: mutation)
        if leads, let position, let current = try Tables.units.get(unit.id, in: transaction) {
          try UnitLeadership.setHead(position, of: current, in: mutation)
        }
        written += 1
        if !title.isEmpty, position == nil {
          report.note(
            line: row.line,
            "jabatan: \(RecordNaming.unit(unit)) has no open, vacant position titled '\(title)'; "
              + "placed in the unit without a position"
              + (leads ? ", and the unit's head is not set (kepala_unit)" : ""))
        }
      } catch let error as RPCError {
        report.bad(index, line: row.line, ImportColumns.rename(error.message, ImportColumns.employees))
      }
    }
    return written
  }

  /// The CreateEmployeeRequest a row stands for, its values read in the file's notation.
  static func request(from row: Simpeg_V1_ImportEmployeeRow) throws -> Simpeg_V1_CreateEmployeeRequest {
    var request = Simpeg_V1_CreateEmployeeRequest()
    request.nip = row.nip
    request.name = row.name
    request.gelarDepan = row.gelarDepan
    request.gelarBelakang = row.gelarBelakang
    request.birthPlace = row.birthPlace
    request.email = row.email
    request.phone = row.phone
    guard let status = RecordNotation.status(row.status) else {
      let given = row.status.trimmingCharacters(in: .whitespaces)
      throw FieldCheck.invalid(
        "status",
        given.isEmpty
          ? "is required: PNS, CPNS, PPPK or PPPK Paruh Waktu"
          : "'\(given)' is not PNS, CPNS, PPPK or PPPK Paruh Waktu")
    }
    request.status = Simpeg_V1_EmploymentStatus(rawValue: status.rawValue) ?? .unspecified
    if !isBlank(row.gender) {
      guard let gender = RecordNotation.gender(row.gender) else {
        throw FieldCheck.invalid("jenis_kelamin", "'\(row.gender)' is neither L nor P")
      }
      request.gender = Simpeg_V1_Gender(gender)
    }
    if !isBlank(row.golongan) {
      guard let golongan = RecordNotation.golongan(row.golongan, for: status) else {
        let scheme = status.nipKind == .pns ? "a golongan/ruang I/a-IV/e" : "a PPPK golongan I-XVII"
        throw FieldCheck.invalid("golongan", "'\(row.golongan)' is not \(scheme), as a \(status) has")
      }
      request.golongan = Simpeg_V1_Golongan(golongan)
    }
    request.birthDate = try date(row.birthDate, column: "tanggal_lahir")
    request.tmtCpns = try date(row.tmtCpns, column: "tmt_cpns")
    return request
  }

  /// The open unit coded `code`.
  private static func unit(coded code: String, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_UnitRecord
  {
    let code = try UnitNaming.code(code, field: "unit_id")
    guard !code.isEmpty else {
      throw FieldCheck.invalid("unit_id", "is required: the code of the employee's unit")
    }
    guard let unit = try Tables.units.findUnique(Tables.unitsByCode, code, in: transaction)?.value else {
      throw FieldCheck.invalid("unit_id", "no unit has the code '\(code)'")
    }
    return unit
  }

  /// The open, vacant position of `unit` titled `title` (ignoring case) with the lowest id.
  private static func vacantPosition(
    titled title: String, in unit: Simpeg_Internal_V1_UnitRecord, in transaction: ReadTransaction
  ) throws -> Simpeg_Internal_V1_PositionRecord? {
    guard !title.isEmpty else { return nil }
    let wanted = title.lowercased()
    return try Tables.positions.find(Tables.positionsByUnit, equalTo: unit.id, in: transaction)
      .map(\.value)
      .filter {
        !$0.closed && $0.holderEmployeeID == 0 && $0.officialHolder.isEmpty && $0.title.lowercased() == wanted
      }
      .min { $0.id < $1.id }
  }

  /// The date of a column; unset when the column is empty.
  private static func date(_ text: String, column: String) throws -> Simpeg_V1_Date {
    guard !isBlank(text) else { return Simpeg_V1_Date() }
    guard let date = RecordNotation.date(text) else {
      throw FieldCheck.invalid(column, "'\(text)' is not a date (YYYY-MM-DD or DD-MM-YYYY)")
    }
    return Simpeg_V1_Date(date)
  }

  private static func isBlank(_ text: String) -> Bool {
    text.allSatisfy(\.isWhitespace)
  }
}
