import SimpegAPI
import SimpegKinerja

/// The columns of a units file, `kode,kode_induk,jenis,nama`, and their conversions.
///
/// | column | holds |
/// |---|---|
/// | `kode` | the unit's code (required: rows name their parent by it) |
/// | `kode_induk` | the parent's code, in the file or already stored; empty for the root |
/// | `jenis` | the kind in Indonesian, e.g. `Dinas`, `Kelurahan`, `Sekretariat Daerah` |
/// | `nama` | the unit's name |
public enum UnitColumns {
  /// The layout: every column is required.
  public static let layout = CSVTable.Layout(
    columns: ["kode", "kode_induk", "jenis", "nama"], required: ["kode", "kode_induk", "jenis", "nama"])

  /// The import row of `record`.
  public static func row(_ record: CSVRecord, in table: CSVTable) -> Simpeg_V1_ImportUnitRow {
    var row = Simpeg_V1_ImportUnitRow()
    row.line = UInt32(clamping: record.line)
    row.code = table.value("kode", in: record)
    row.parentCode = table.value("kode_induk", in: record)
    row.kind = table.value("jenis", in: record)
    row.name = table.value("nama", in: record)
    return row
  }

  /// The fields of `unit` in column order, its own and its parent's code given by `codes`.
  public static func fields(_ unit: Simpeg_V1_Unit, codes: ExportCodes) -> [String] {
    let kind = UnitKind(rawValue: unit.kind.rawValue).map(RecordNotation.text(of:)) ?? ""
    return [
      codes.code(of: unit.id), unit.parentID == 0 ? "" : codes.code(of: unit.parentID), kind, unit.name,
    ]
  }
}
