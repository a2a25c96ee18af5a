import SimpegAPI

/// The unit codes an export writes. Rows of a units file name their parent by code, and an
/// employee names their unit by code, so every unit needs one: a unit stored without a code
/// is written as `UNIT-<id>` (or `UNIT-<id>-2`, ... should that be taken), which an import
/// then stores as its code.
public struct ExportCodes: Sendable {
  private var codes: [UInt64: String] = [:]
  /// The units that were given a made-up code.
  public private(set) var madeUp: [UInt64] = []

  /// The codes of `units` (all of them, so parents and employees' units are found).
  public init(units: [Simpeg_V1_Unit]) {
    let taken = Set(units.map { $0.code.uppercased() }.filter { !$0.isEmpty })
    var used = taken
    for unit in units.sorted(by: { $0.id < $1.id }) {
      if !unit.code.isEmpty {
        codes[unit.id] = unit.code
        continue
      }
      var code = "UNIT-\(unit.id)"
      var suffix = 2
      while used.contains(code) {
        code = "UNIT-\(unit.id)-\(suffix)"
        suffix += 1
      }
      used.insert(code)
      codes[unit.id] = code
      madeUp.append(unit.id)
    }
  }

  /// The code of unit `id`; `UNIT-<id>` for a unit it does not know.
  public func code(of id: UInt64) -> String { codes[id] ?? "UNIT-\(id)" }
}
