/// How regional personnel records (the CSV exports of a SIMPEG) write reference values, read
/// leniently and written in one canonical form, so that a file this system exports reads back
/// unchanged.
///
/// | value | written | also read |
/// |---|---|---|
/// | gender | `L`, `P` | `laki-laki`, `perempuan`, `pria`, `wanita`, `1`, `2` |
/// | status | `PNS`, `CPNS`, `PPPK`, `PPPK Paruh Waktu` | any case, `_` or `-` for spaces, the code 1-4 |
/// | golongan PNS | `III/a` | `III/A`, `III-a`, `III a`, `IIIa` |
/// | golongan PPPK | `IX` | `PPPK IX`, the number `9` |
/// | unit kind | `Dinas`, `Sekretariat Daerah` | any case, `_` for spaces, the code, `Satpol PP` |
/// | date | `1986-09-26` | `26-09-1986`, `26/09/1986`, `26.09.1986`, one-digit days and months |
public enum RecordNotation {
  // MARK: Gender

  /// `L` or `P`.
  public static func text(of gender: Gender) -> String {
    gender == .lakiLaki ? "L" : "P"
  }

  /// The gender written as `text`; nil when it is none of the known spellings.
  public static func gender(_ text: String) -> Gender? {
    switch fold(text) {
    case "l", "lk", "laki-laki", "laki laki", "lakilaki", "pria", "1": return .lakiLaki
    case "p", "pr", "perempuan", "wanita", "2": return .perempuan
    default: return nil
    }
  }

  // MARK: Employment status

  /// `PNS`, `CPNS`, `PPPK` or `PPPK Paruh Waktu`.
  public static func text(of status: EmploymentStatus) -> String {
    status == .pppkParuhWaktu ? "PPPK Paruh Waktu" : status.description
  }

  /// The status written as `text`; nil when unknown.
  public static func status(_ text: String) -> EmploymentStatus? {
    let folded = fold(String(text.map { $0 == "-" ? " " : $0 }))
    if let code = Int(folded) { return EmploymentStatus(rawValue: code) }
    return EmploymentStatus.allCases.first { fold(self.text(of: $0)) == folded }
  }

  // MARK: Golongan

  /// `III/a` or `IX`.
  public static func text(of golongan: Golongan) -> String { golongan.text }

  /// The golongan written as `text` for an employee of `status`: a golongan/ruang for PNS and
  /// CPNS, a PPPK golongan otherwise. Nil when it is not one.
  public static func golongan(_ text: String, for status: EmploymentStatus) -> Golongan? {
    let compact = text.filter { !$0.isWhitespace && $0 != "/" && $0 != "-" }.uppercased()
    switch status.nipKind {
    case .pns:
      guard let ruang = compact.last, "ABCDE".contains(ruang) else { return nil }
      let roman = compact.dropLast()
      guard let number = ["I", "II", "III", "IV"].firstIndex(of: String(roman)) else { return nil }
      let letter = Int(ruang.asciiValue! - Character("A").asciiValue!)
      return GolonganPNS(rawValue: (number + 1) * 10 + letter + 1).map(Golongan.pns)
    case .pppk:
      let numeral = compact.hasPrefix("PPPK") ? String(compact.dropFirst(4)) : compact
      if let number = Int(numeral) { return GolonganPPPK(rawValue: number).map(Golongan.pppk) }
      return GolonganPPPK(text: numeral).map(Golongan.pppk)
    }
  }

  // MARK: Unit kind

  /// The kind's Indonesian name, e.g. `Dinas`, `Satuan Polisi Pamong Praja`.
  public static func text(of kind: UnitKind) -> String { kind.description }

  /// The unit kind written as `text`; nil when unknown.
  public static func unitKind(_ text: String) -> UnitKind? {
    let folded = fold(text)
    if let code = Int(folded) { return UnitKind(rawValue: code) }
    if folded == "satpol pp" { return .satpolPP }
    return UnitKind.allCases.first { fold($0.description) == folded || fold("\($0)") == folded }
  }

  // MARK: Dates

  /// `YYYY-MM-DD`.
  public static func text(of date: CalendarDate) -> String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
  }

  /// The date written as `YYYY-MM-DD`, `DD-MM-YYYY`, `DD/MM/YYYY` or `DD.MM.YYYY`; nil when it
  /// is none of them or not a calendar date.
  public static func date(_ text: String) -> CalendarDate? {
    let trimmed = text.filter { !$0.isWhitespace }
    let parts = trimmed.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let first = Int(parts[0]), let second = Int(parts[1]), let third = Int(parts[2])
    else { return nil }
    if parts[0].count == 4 { return CalendarDate(year: first, month: second, day: third) }
    guard parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 else { return nil }
    return CalendarDate(year: third, month: second, day: first)
  }

  // MARK: Yes and no

  /// `ya` for yes, empty for no: how a flag column is written.
  public static func text(ofFlag flag: Bool) -> String { flag ? "ya" : "" }

  /// A flag column: yes for `ya`, `y`, `yes`, `1`, `true`, `benar`; no for empty, `tidak`, `t`,
  /// `n`, `no`, `0`, `false`, `salah`; nil for anything else.
  public static func flag(_ text: String) -> Bool? {
    switch fold(text) {
    case "ya", "y", "yes", "1", "true", "benar": return true
    case "", "tidak", "t", "n", "no", "0", "false", "salah": return false
    default: return nil
    }
  }

  // MARK: Internals

  /// Lowercased, trimmed, `_` read as a space, runs of spaces as one.
  private static func fold(_ text: String) -> String {
    let spaced = text.lowercased().map { $0 == "_" ? " " : $0 }
    return String(spaced).split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}
