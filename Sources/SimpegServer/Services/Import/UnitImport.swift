import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// The rows of a units file, created parents first whatever their order in the file, each
/// with the checks of OrgService/CreateUnit.
///
/// A row names its parent by code: a row of the same file or a unit already stored. Every row
/// needs a code (the file's rows refer to each other by it). A row whose parent row is bad is
/// bad too; rows whose parent codes lead in a circle are bad.
enum UnitImport {
  /// Checks and writes the rows in `mutation`, reporting bad ones; returns how many it wrote.
  static func run(
    _ rows: [Simpeg_V1_ImportUnitRow], report: inout ImportReport, in mutation: Mutation
  ) throws -> Int {
    func bad(_ index: Int, _ reason: String) {
      report.bad(index, line: rows[index].line, ImportColumns.rename(reason, ImportColumns.units))
    }
    // Codes first: each row's own, unique within the file.
    var codes: [String?] = Array(repeating: nil, count: rows.count)
    var rowOfCode: [String: Int] = [:]
    for (index, row) in rows.enumerated() {
      do {
        let code = try UnitNaming.code(row.code)
        guard !code.isEmpty else {
          throw FieldCheck.invalid("code", "is required: the rows of a file refer to their parent by it")
        }
        if let first = rowOfCode[code] {
          throw FieldCheck.invalid("code", "'\(code)' is also the code of line \(rows[first].line)")
        }
        rowOfCode[code] = index
        codes[index] = code
      } catch let error as RPCError {
        bad(index, error.message)
      }
    }
    // Rows whose parent is a row of the file wait for it; the others can go at once.
    var parentCodes: [String] = Array(repeating: "", count: rows.count)
    var waiting: [Int: [Int]] = [:]
    var ready: [Int] = []
    for (index, row) in rows.enumerated() where !report.isBad(index) {
      do {
        let parentCode = try UnitNaming.code(row.parentCode, field: "parent_id")
        parentCodes[index] = parentCode
        if parentCode == codes[index] {
          throw FieldCheck.invalid("parent_id", "'\(parentCode)' is the row's own kode")
        }
        if let parent = rowOfCode[parentCode] {
          waiting[parent, default: []].append(index)
        } else {
          ready.append(index)
        }
      } catch let error as RPCError {
        bad(index, error.message)
      }
    }
    // Everything below a bad row is bad too.
    func dropBelow(_ index: Int) {
      var below = waiting.removeValue(forKey: index) ?? []
      while let child = below.popLast() {
        bad(
          child,
          "kode_induk: '\(parentCodes[child])' is the unit of line \(rows[index].line), which is not "
            + "imported")
        below.append(contentsOf: waiting.removeValue(forKey: child) ?? [])
      }
    }
    for index in waiting.keys.sorted() where report.isBad(index) { dropBelow(index) }
    var created: [String: UInt64] = [:]
    var written = 0
    var next = 0
    while next < ready.count {
      let index = ready[next]
      next += 1
      do {
        let unit = try create(rows[index], parentCode: parentCodes[index], created: created, in: mutation)
        created[unit.code] = unit.id
        written += 1
        ready.append(contentsOf: waiting.removeValue(forKey: index) ?? [])
      } catch let error as RPCError {
        bad(index, error.message)
        dropBelow(index)
      }
    }
    for index in waiting.values.joined() where !report.isBad(index) {
      bad(
        index,
        "kode_induk: '\(parentCodes[index])' leads back to this row; the file's parent codes form a "
          + "circle")
    }
    return written
  }

  /// Creates the unit of `row` under the unit coded `parentCode`: one created by this import,
  /// or one already stored.
  private static func create(
    _ row: Simpeg_V1_ImportUnitRow, parentCode: String, created: [String: UInt64],
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_UnitRecord {
    let transaction = mutation.transaction
    var request = Simpeg_V1_CreateUnitRequest()
    request.name = row.name
    request.code = row.code
    request.kind = try kind(row.kind)
    if !parentCode.isEmpty {
      if let id = created[parentCode] {
        request.parentID = id
      } else if let stored = try Tables.units.findUnique(Tables.unitsByCode, parentCode, in: transaction) {
        request.parentID = stored.key
      } else {
        throw FieldCheck.invalid(
          "parent_id", "no unit has the code '\(parentCode)', in this file or already stored")
      }
    }
    let draft = try UnitCreation.draft(from: request)
    try UnitCreation.check(draft, in: transaction)
    return try UnitCreation.insert(draft, in: mutation)
  }

  /// The unit kind written as `text`.
  private static func kind(_ text: String) throws -> Simpeg_V1_UnitKind {
    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw FieldCheck.invalid("kind", "is required, e.g. Dinas, Bidang, Kecamatan, Kelurahan")
    }
    guard let kind = RecordNotation.unitKind(text), let wire = Simpeg_V1_UnitKind(rawValue: kind.rawValue)
    else {
      throw FieldCheck.invalid("kind", "'\(text)' is not a kind of unit, e.g. Dinas, Bidang, Kelurahan")
    }
    return wire
  }
}
