import SimpegAPI
import SimpegKinerja

/// The columns of an employees file and their conversions, in the notation of
/// ``RecordNotation`` (`L`/`P`, `PNS`, `III/a`, dates as `YYYY-MM-DD`).
///
/// `nip,nama,gelar_depan,gelar_belakang,jenis_kelamin,tempat_lahir,tanggal_lahir,status,golongan,`
/// `tmt_cpns,kode_unit,jabatan,email,telepon,kepala_unit`; `nip`, `nama`, `status` and `kode_unit`
/// are required, the others may be left out (a NIP gives the gender, birth date and TMT CPNS).
/// `kepala_unit` is `ya` when the employee's jabatan is the head position of their unit.
public enum EmployeeColumns {
  /// The layout.
  public static let layout = CSVTable.Layout(
    columns: [
      "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tempat_lahir", "tanggal_lahir",
      "status", "golongan", "tmt_cpns", "kode_unit", "jabatan", "email", "telepon", "kepala_unit",
    ],
    required: ["nip", "nama", "status", "kode_unit"])

  /// The import row of `record`.
  public static func row(_ record: CSVRecord, in table: CSVTable) -> Simpeg_V1_ImportEmployeeRow {
    func value(_ column: String) -> String { table.value(column, in: record) }
    var row = Simpeg_V1_ImportEmployeeRow()
    row.line = UInt32(clamping: record.line)
    row.nip = value("nip")
    row.name = value("nama")
    row.gelarDepan = value("gelar_depan")
    row.gelarBelakang = value("gelar_belakang")
    row.gender = value("jenis_kelamin")
    row.birthPlace = value("tempat_lahir")
    row.birthDate = value("tanggal_lahir")
    row.status = value("status")
    row.golongan = value("golongan")
    row.tmtCpns = value("tmt_cpns")
    row.unitCode = value("kode_unit")
    row.positionTitle = value("jabatan")
    row.email = value("email")
    row.phone = value("telepon")
    row.unitHead = value("kepala_unit")
    return row
  }

  /// The fields of `employee` in column order; the unit's code from `codes`, the position's
  /// title from `titles`, and whether it leads the unit from `heads` (the head position of each
  /// unit by unit id).
  public static func fields(
    _ employee: Simpeg_V1_Employee, codes: ExportCodes, titles: [UInt64: String], heads: [UInt64: UInt64]
  ) -> [String] {
    [
      employee.nip, employee.name, employee.gelarDepan, employee.gelarBelakang,
      Gender(rawValue: employee.gender.rawValue).map(RecordNotation.text(of:)) ?? "",
      employee.birthPlace, Display.date(employee.birthDate),
      EmploymentStatus(rawValue: employee.status.rawValue).map(RecordNotation.text(of:)) ?? "",
      Display.golongan(employee.golongan), Display.date(employee.tmtCpns),
      employee.unitID == 0 ? "" : codes.code(of: employee.unitID),
      employee.positionID == 0 ? "" : titles[employee.positionID] ?? "",
      employee.email, employee.phone,
      RecordNotation.text(ofFlag: employee.positionID != 0 && heads[employee.unitID] == employee.positionID),
    ]
  }
}
